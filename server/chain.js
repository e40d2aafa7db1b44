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
 * @typedef {{ checked: number, head: ChainHead, broken: ChainBreak | null, ms: number }} ChainReport
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
 * @param {ChainedRecord} stored
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
 * Recomputes the chain from the stored rows, in `seq` order, and stops at the first that does not
 * match: a changed row, a gap (a deleted row), or a `chainHash` that is not the one computed.
 * With `anchor` (a head published earlier), the chain must also pass through it, which catches a
 * chain rewritten whole by someone holding the file.
 * @param {Iterable<ChainedRecord & { chainHash: string }> | AsyncIterable<ChainedRecord & { chainHash: string }>} rows
 *   as the store reads them: SQLite at once, PostgreSQL in batches
 * @param {ChainHead} [anchor]
 * @returns {Promise<ChainReport>}
 */
export async function verifyChain(rows, anchor) {
  const started = performance.now();
  let head = GENESIS;
  let checked = 0;
  /** @returns {ChainReport} */
  const report = (/** @type {ChainBreak | null} */ broken) => ({ checked, head, broken, ms: performance.now() - started });
  for await (const { chainHash, ...stored } of rows) {
    if (stored.seq !== head.seq + 1) {
      const missing = stored.seq > head.seq + 2 ? `records ${head.seq + 1}–${stored.seq - 1} are` : `record ${head.seq + 1} is`;
      return report({ seq: stored.seq, id: stored.id, reason: stored.seq > head.seq ? `${missing} missing before it (deleted)` : 'its seq repeats or goes back' });
    }
    const expected = chainHashOf(head.chainHash, stored);
    if (expected !== chainHash) {
      return report({ seq: stored.seq, id: stored.id, reason: 'its content or its chainHash was changed since it was stored' });
    }
    head = { seq: stored.seq, chainHash };
    checked++;
    if (anchor && head.seq === anchor.seq && head.chainHash !== anchor.chainHash) {
      return report({ seq: stored.seq, id: stored.id, reason: `the chain no longer passes through the head ${formatHead(anchor)} (rewritten)` });
    }
  }
  if (anchor && head.seq < anchor.seq) {
    return report({ seq: anchor.seq, id: '', reason: `the store ends at seq ${head.seq}, before the head ${formatHead(anchor)} (records removed from the end)` });
  }
  return report(null);
}
