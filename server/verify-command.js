import { existsSync } from 'node:fs';
import { openChainReader } from './db.js';
import { formatHead, parseHead, verifyChain } from './chain.js';

/**
 * `carat-consent-collector verify [--head SEQ:HASH]`: recomputes the chain over every stored
 * record and says whether the history is as it was stored (SPEC §10).
 * @param {string[]} args what follows `verify` on the command line
 * @param {string} dbPath the store, found as the collector finds it
 * @param {{ log: (line: string) => void, error: (line: string) => void }} [out]
 * @returns {number} exit code: 0 intact, 1 broken, 2 could not check
 */
export function verifyCommand(args, dbPath, out = console) {
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
  if (!existsSync(dbPath)) {
    out.error(`[carat-consent] verify: no database at ${dbPath} (set CONSENT_DB to the collector's file)`);
    return 2;
  }
  const reader = openChainReader(dbPath);
  try {
    out.log(`Verifying the consent records in ${dbPath}${anchor ? ` against the head ${formatHead(anchor)}` : ''}`);
    const { checked, head, broken, ms } = verifyChain(reader.records(), anchor);
    const summary = `${checked} record${checked === 1 ? '' : 's'} checked in ${(ms / 1000).toFixed(2)} s`;
    const guards = reader.missingGuards();
    if (broken) {
      out.log(`NOT OK: record seq ${broken.seq}${broken.id ? `, id ${broken.id}` : ''}: ${broken.reason}`);
      out.log(`${summary} before it; the chain holds up to ${formatHead(head)}`);
    } else {
      out.log(`${guards.length ? 'NOT OK' : 'OK'}: ${summary}; the chain ends at ${formatHead(head)}`);
    }
    if (guards.length) {
      out.log(`NOT OK: the database's guards against rewriting were dropped or changed: ${guards.join(', ')}`);
    }
    return broken || guards.length ? 1 : 0;
  } finally {
    reader.close();
  }
}
