import { createHash } from 'node:crypto';

/**
 * The tamper-evident chain over stored consent records (SPEC §10). It lives above the store: a
 * store hands rows in the shape below and keeps what `nextLink` computes, in the same transaction
 * as the insert; `verifyChain` recomputes it from what the store holds.
 *
 * @typedef {object} ChainedRecord a stored record as the store keeps it, every column
 * @property {number} seq 1, 2, 3… in insertion order, without gaps
 * @property {string} id
 * @property {string} visitorId
 * @property {string | null} email
 * @property {string} createdAt
 * @property {string} receivedAt
 * @property {string} clientAddress
 * @property {unknown} record the record as received, parsed
 *
 * @typedef {{ seq: number, chainHash: string }} ChainHead
 * @typedef {{ seq: number, id: string, reason: string }} ChainBreak the first record that does not match
 * @typedef {{ checked: number, head: ChainHead, broken: ChainBreak | null, removals: RemovalSummary[], ms: number }} ChainReport
 *   `checked`: records recomputed; `removals`: the retention removals met on the way
 */

/** The `chainHash` "before" the first record. */
export const GENESIS = /** @type {ChainHead} */ ({ seq: 0, chainHash: '0'.repeat(64) });

/**
 * JSON with object keys sorted at every level and null or absent values left out, so the same
 * content gives the same text whatever store kept it (PostgreSQL's jsonb reorders keys), and a
 * field added in a later version, absent from older rows, leaves their form unchanged.
 * @param {unknown} value
 * @returns {string}
 */
export function canonicalJson(value) {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const object = /** @type {Record<string, unknown>} */ (value);
  let text = '';
  // Default sort compares UTF-16 code units, as RFC 8785 (JSON canonicalization) does.
  for (const key of Object.keys(object).sort()) {
    const field = object[key];
    if (field === null || field === undefined) continue;
    text += `${text ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(field)}`;
  }
  return `{${text}}`;
}

/**
 * `chainHash` of a record: the SHA-256 (hex) of the previous record's `chainHash` followed by this
 * record's canonical stored form, every column included (`seq` and `receivedAt` too), so editing,
 * re-timing, renumbering or removing any row changes every hash after it.
 * @param {string} previous
 * @param {ChainedRecord | { seq: number, removal: Removal }} stored a record, or a retention removal
 */
export function chainHashOf(previous, stored) {
  return createHash('sha256').update(previous).update(canonicalJson(stored)).digest('hex');
}

/**
 * Parses `SEQ:HASH`, as `verify --head` takes it and the collector publishes it.
 * @param {string} text
 * @returns {ChainHead | null} null when malformed
 */
export function parseHead(text) {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim().toLowerCase());
  return match ? { seq: Number(match[1]), chainHash: /** @type {string} */ (match[2]) } : null;
}

/** @param {ChainHead} head */
export function formatHead(head) {
  return `${head.seq}:${head.chainHash}`;
}

/**
 * What retention removed from the chain (docs/collector.md, "Retention"): a removal is an entry of
 * the chain itself, at its own `seq`, whose chained form is `{ seq, removal }`. `digest` is
 * `removalDigest` over the entries it removed, each of which leaves a `RemovedEntry` at its seq.
 * @typedef {{ removedAt: string, retentionDays: number, before: string, count: number, digest: string }} Removal
 * @typedef {ChainedRecord & { chainHash: string }} RecordEntry a stored record
 * @typedef {{ seq: number, chainHash: string, removal: Removal }} RemovalEntry
 * @typedef {{ seq: number, chainHash: string, removedBy: number, receivedAt: string }} RemovedEntry
 *   what a removed record leaves: its `chainHash` (the link the next entry was built on), when it
 *   was received, and the seq of the removal that took it
 * @typedef {RecordEntry | RemovalEntry | RemovedEntry} ChainEntry
 * @typedef {{ seq: number, removedAt: string, retentionDays: number, count: number }} RemovalSummary
 */

/**
 * The digest a removal keeps of the records it took: SHA-256 over `seq:chainHash:receivedAt` lines,
 * in seq order. `verify` recomputes it from what those records left behind.
 */
export function removalDigest() {
  const hash = createHash('sha256');
  let count = 0;
  return {
    /** @param {{ seq: number, chainHash: string, receivedAt: string }} removed */
    add(removed) {
      hash.update(`${removed.seq}:${removed.chainHash}:${removed.receivedAt}\n`);
      count++;
    },
    count: () => count,
    digest: () => hash.digest('hex'),
  };
}

/**
 * Checks chain entries one at a time, in `seq` order, and remembers the first that does not match:
 * a changed row, a gap (a deleted row), a `chainHash` that is not the one computed, or a removed
 * record no removal later in the chain accounts for. With `anchor` (a head published earlier),
 * the chain must also pass through it, which catches a chain rewritten whole by someone holding the
 * file.
 * @param {ChainHead} [anchor]
 */
export function chainChecker(anchor) {
  const started = performance.now();
  let head = GENESIS;
  let checked = 0;
  /** @type {ChainBreak | null} */
  let broken = null;
  /** @type {RemovalSummary[]} */
  const removals = [];
  /** Per removal seq still ahead: what the entries it took have left, and the first of them. */
  const pending = new Map();
  const stop = (/** @type {ChainBreak} */ found) => { broken = found; return false; };
  return {
    /** @param {ChainEntry} entry @returns {boolean} whether to go on */
    add(entry) {
      const { chainHash, ...stored } = entry;
      if (stored.seq !== head.seq + 1) {
        const missing = stored.seq > head.seq + 2 ? `records ${head.seq + 1}–${stored.seq - 1} are` : `record ${head.seq + 1} is`;
        return stop({ seq: stored.seq, id: 'id' in entry ? entry.id : '', reason: stored.seq > head.seq ? `${missing} missing before it (deleted)` : 'its seq repeats or goes back' });
      }
      if ('removedBy' in entry) {
        if (!(entry.removedBy > entry.seq)) return stop({ seq: entry.seq, id: '', reason: 'it is marked removed by a removal that does not come after it' });
        let taken = pending.get(entry.removedBy);
        if (!taken) pending.set(entry.removedBy, (taken = { digest: removalDigest(), first: entry.seq, latest: '' }));
        taken.digest.add(entry);
        if (entry.receivedAt > taken.latest) taken.latest = entry.receivedAt;
      } else {
        if (chainHashOf(head.chainHash, /** @type {ChainedRecord | { seq: number, removal: Removal }} */ (stored)) !== chainHash) {
          return stop({ seq: stored.seq, id: 'id' in entry ? entry.id : '', reason: 'its content or its chainHash was changed since it was stored' });
        }
        if ('removal' in entry) {
          const { removal } = entry;
          const taken = pending.get(entry.seq);
          pending.delete(entry.seq);
          if (!taken || taken.digest.count() !== removal.count || taken.digest.digest() !== removal.digest) {
            return stop({ seq: entry.seq, id: '', reason: `this removal lists ${removal.count} records, but what is marked removed by it is not those` });
          }
          if (taken.latest >= removal.before) {
            return stop({ seq: entry.seq, id: '', reason: `this removal took a record received at ${taken.latest}, not before ${removal.before} as its retention allows` });
          }
          removals.push({ seq: entry.seq, removedAt: removal.removedAt, retentionDays: removal.retentionDays, count: removal.count });
        } else {
          checked++;
        }
      }
      head = { seq: stored.seq, chainHash };
      if (anchor && head.seq === anchor.seq && head.chainHash !== anchor.chainHash) {
        return stop({ seq: stored.seq, id: 'id' in entry ? entry.id : '', reason: `the chain no longer passes through the head ${formatHead(anchor)} (rewritten)` });
      }
      return true;
    },
    /** @returns {ChainReport} */
    report() {
      if (!broken) {
        const [removedBy, taken] = [...pending].sort(([, a], [, b]) => a.first - b.first)[0] ?? [];
        if (taken) broken = { seq: taken.first, id: '', reason: `it is marked removed by seq ${removedBy}, which is no removal in the chain` };
        else if (anchor && head.seq < anchor.seq) {
          broken = { seq: anchor.seq, id: '', reason: `the store ends at seq ${head.seq}, before the head ${formatHead(anchor)} (records removed from the end)` };
        }
      }
      return { checked, head, broken, removals, ms: performance.now() - started };
    },
  };
}

/**
 * Recomputes the chain from the stored entries, in `seq` order (see `chainChecker`).
 * @param {Iterable<ChainEntry> | AsyncIterable<ChainEntry>} entries as the store reads them:
 *   SQLite at once, PostgreSQL (or a live collector's SQLite) in batches
 * @param {ChainHead} [anchor]
 * @returns {Promise<ChainReport>}
 */
export async function verifyChain(entries, anchor) {
  const checker = chainChecker(anchor);
  for await (const entry of entries) if (!checker.add(entry)) break;
  return checker.report();
}
