import { existsSync } from 'node:fs';
import { openChainReader } from './db.js';
import { formatHead, parseHead, verifyChain } from './chain.js';

/**
 * What `verify` reads from a store: SQLite's reader answers at once, PostgreSQL's in batches.
 * @typedef {object} ChainReader
 * @property {() => Iterable<import('./chain.js').ChainEntry> | AsyncIterable<import('./chain.js').ChainEntry>} records
 *   every entry of the chain in `seq` order
 * @property {() => string[] | Promise<string[]>} missingGuards the database's guards against rewriting that were dropped or changed
 * @property {() => unknown} close
 */

/**
 * Opens the store the collector would use, read-only for SQLite.
 * @param {import('./store.js').StoreOptions} storage
 * @returns {Promise<ChainReader>}
 */
async function openReader(storage) {
  if ('databaseUrl' in storage) {
    const { openPostgresChainReader } = await import('./postgres-store.js');
    return openPostgresChainReader(storage.databaseUrl);
  }
  return openChainReader(storage.dbPath);
}

/**
 * `carat-consent-collector verify [--head SEQ:HASH]`: recomputes the chain over every stored
 * record and says whether the history is as it was stored (SPEC §10).
 * @param {string[]} args what follows `verify` on the command line
 * @param {import('./store.js').StoreOptions} storage the store, found as the collector finds it
 * @param {string} storeName how to name the store in messages (a PostgreSQL URL without its password)
 * @param {{ log: (line: string) => void, error: (line: string) => void }} [out]
 * @returns {Promise<number>} exit code: 0 intact, 1 broken, 2 could not check
 */
export async function verifyCommand(args, storage, storeName, out = console) {
  /** @type {import('./chain.js').ChainHead | undefined} */
  let anchor;
  for (let i = 0; i < args.length; i++) {
    const arg = /** @type {string} */ (args[i]);
    const value = arg === '--head' ? args[++i] : arg.startsWith('--head=') ? arg.slice(7) : undefined;
    if (value === undefined) {
      out.error(`[carat-consent] verify takes --head SEQ:HASH and nothing else, not "${arg}"`);
      return 2;
    }
    const head = parseHead(value);
    if (!head) {
      out.error(`[carat-consent] verify --head must be SEQ:HASH (a record's seq, a colon, its 64-digit hex chainHash), not "${value}"`);
      return 2;
    }
    anchor = head;
  }
  if ('dbPath' in storage && !existsSync(storage.dbPath)) {
    out.error(`[carat-consent] verify: no database at ${storage.dbPath} (set CONSENT_DB to the collector's file, or DATABASE_URL)`);
    return 2;
  }
  /** @type {ChainReader} */
  let reader;
  try {
    reader = await openReader(storage);
  } catch (error) {
    out.error(`[carat-consent] verify: could not read ${storeName}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  try {
    out.log(`Verifying the consent records in ${storeName}${anchor ? ` against the head ${formatHead(anchor)}` : ''}`);
    const { checked, head, broken, removals, ms } = await verifyChain(reader.records(), anchor);
    const summary = `${checked} record${checked === 1 ? '' : 's'} checked in ${(ms / 1000).toFixed(2)} s`;
    const guards = await reader.missingGuards();
    if (broken) {
      out.log(`NOT OK: record seq ${broken.seq}${broken.id ? `, id ${broken.id}` : ''}: ${broken.reason}`);
      out.log(`${summary} before it; the chain holds up to ${formatHead(head)}`);
    } else {
      out.log(`${guards.length ? 'NOT OK' : 'OK'}: ${summary}; the chain ends at ${formatHead(head)}`);
    }
    if (removals.length) {
      const removed = removals.reduce((sum, removal) => sum + removal.count, 0);
      const last = /** @type {import('./chain.js').RemovalSummary} */ (removals[removals.length - 1]);
      out.log(`Retention removed ${removed} record${removed === 1 ? '' : 's'} in ${removals.length} removal${removals.length === 1 ? '' : 's'} the chain accounts for; the last at seq ${last.seq}, ${last.removedAt}, keeping ${last.retentionDays} days`);
    }
    if (guards.length) {
      out.log(`NOT OK: the database's guards against rewriting were dropped or changed: ${guards.join(', ')}`);
    }
    return broken || guards.length ? 1 : 0;
  } catch (error) {
    out.error(`[carat-consent] verify: could not read the records in ${storeName}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    await Promise.resolve(reader.close()).catch(() => {});
  }
}
