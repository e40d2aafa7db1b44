/**
 * The SQL both stores share for the chain's entries and for retention (SQLite and PostgreSQL
 * read it alike; `$n` placeholders are written `?` for SQLite by `forSqlite`). The chain is the
 * records, the retention removals (`consent_removals`) and what each removed record left behind
 * (`consent_removed`), together in `seq` order.
 */

/** The chain's head: the last record or removal. */
export const HEAD_SQL = `SELECT seq, chain_hash FROM (
    SELECT seq, chain_hash FROM (SELECT seq, chain_hash FROM consent_records ORDER BY seq DESC LIMIT 1) AS last_record
    UNION ALL SELECT seq, chain_hash FROM (SELECT seq, chain_hash FROM consent_removals ORDER BY seq DESC LIMIT 1) AS last_removal
  ) AS heads ORDER BY seq DESC LIMIT 1`;

/** Entries after seq $1, at most $2 of them, every kind in one stream. */
export const ENTRIES_SQL = `SELECT seq, 'record' AS kind, id, visitor_id, email, created_at, received_at, client_address, record, chain_hash, NULL AS removed_by
    FROM consent_records WHERE seq > $1
  UNION ALL SELECT seq, 'removed', NULL, NULL, NULL, NULL, received_at, NULL, NULL, chain_hash, removed_by
    FROM consent_removed WHERE seq > $1
  UNION ALL SELECT seq, 'removal', NULL, NULL, NULL, NULL, NULL, NULL, removal, chain_hash, NULL
    FROM consent_removals WHERE seq > $1
  ORDER BY seq LIMIT $2`;

/**
 * Records retention may remove: received before $1 and after the cursor ($2, $3: received_at, seq),
 * each with a newer record of its visitor and, when it names an address, a newer one of that
 * address — so the latest per visitor and the latest per address always stay. At most $4.
 */
export const REMOVABLE_SQL = `SELECT seq, chain_hash, received_at FROM consent_records AS old
  WHERE received_at < $1 AND (received_at > $2 OR (received_at = $2 AND seq > $3))
    AND EXISTS (SELECT 1 FROM consent_records AS newer WHERE newer.visitor_id = old.visitor_id AND newer.seq > old.seq)
    AND (old.email IS NULL OR EXISTS (SELECT 1 FROM consent_records AS newer WHERE newer.email = old.email AND newer.seq > old.seq))
  ORDER BY received_at, seq LIMIT $4`;

/** @param {string} sql with `$n` placeholders, each used in order and possibly repeated @param {string[]} names */
export function forSqlite(sql, names) {
  return sql.replace(/\$(\d+)/g, (_, n) => `@${names[Number(n) - 1]}`);
}

/**
 * @typedef {{ seq: number | string, kind: string, id: string | null, visitor_id: string | null, email: string | null,
 *   created_at: string | null, received_at: string | null, client_address: string | null, record: string | null,
 *   chain_hash: string, removed_by: number | string | null }} EntryRow
 */

/**
 * A row of `ENTRIES_SQL` as the chain checks it.
 * @param {EntryRow} row
 * @returns {import('./chain.js').ChainEntry}
 */
export function entryOf(row) {
  const seq = Number(row.seq);
  if (row.kind === 'removed') {
    return { seq, chainHash: row.chain_hash, removedBy: Number(row.removed_by), receivedAt: /** @type {string} */ (row.received_at) };
  }
  if (row.kind === 'removal') return { seq, chainHash: row.chain_hash, removal: JSON.parse(/** @type {string} */ (row.record)) };
  return {
    seq,
    id: /** @type {string} */ (row.id),
    visitorId: /** @type {string} */ (row.visitor_id),
    email: row.email,
    createdAt: /** @type {string} */ (row.created_at),
    receivedAt: /** @type {string} */ (row.received_at),
    clientAddress: /** @type {string} */ (row.client_address),
    record: JSON.parse(/** @type {string} */ (row.record)),
    chainHash: row.chain_hash,
  };
}
