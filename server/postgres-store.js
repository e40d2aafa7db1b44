import pg from 'pg';
import { chainHashOf, GENESIS } from './chain.js';
import { ENTRIES_SQL, entryOf, HEAD_SQL, REMOVABLE_SQL } from './chain-rows.js';
import { REMOVAL_BATCH, removalOf } from './retention.js';
import { groupCommit } from './group-commit.js';
import { rowOf } from './record-writer.js';
import { sameRecord } from './db.js';
import { CONFIRMATIONS_MIGRATION, postgresConfirmations } from './confirmations-postgres.js';
import { WEBHOOK_EVENTS_MIGRATION, postgresWebhookEvents } from './webhook-events-postgres.js';

/**
 * The collector's store on PostgreSQL (`DATABASE_URL=postgres://…`): the same tables, rules and
 * chain as on SQLite (db.js), for several collectors sharing one database. Nothing another
 * collector needs is kept in this process: dedupe and the chain are decided inside the database's
 * transaction, under a lock every collector takes.
 *
 * @typedef {import('./db.js').Row} Row
 * @typedef {import('./db.js').StoredRecord} StoredRecord
 * @typedef {import('./record-writer.js').Stored} Stored
 */

/** Advisory lock keys (any two numbers no other application on the database uses). */
const MIGRATION_LOCK = 872_310_001;
const CHAIN_LOCK = 872_310_002;

/**
 * Each entry moves the schema one version up; `consent_schema_migrations` lists those that ran.
 * Version 1 is the SQLite schema of the version that brought the chain.
 */
export const MIGRATIONS = [
  `CREATE TABLE consent_records (
     seq BIGINT PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     visitor_id TEXT NOT NULL,
     email TEXT,
     created_at TEXT NOT NULL,
     received_at TEXT NOT NULL,
     client_address TEXT NOT NULL,
     record TEXT NOT NULL,
     chain_hash TEXT NOT NULL
   );
   CREATE INDEX consent_records_visitor ON consent_records (visitor_id);
   CREATE INDEX consent_records_email ON consent_records (email) WHERE email IS NOT NULL;
   CREATE INDEX consent_records_received ON consent_records (received_at);
   -- The history is the proof: the database itself refuses to rewrite it.
   CREATE FUNCTION consent_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'consent records are append-only'; END $$;
   CREATE TRIGGER consent_records_no_update BEFORE UPDATE OR DELETE ON consent_records
     FOR EACH ROW EXECUTE FUNCTION consent_records_append_only();
   CREATE TRIGGER consent_records_no_truncate BEFORE TRUNCATE ON consent_records
     FOR EACH STATEMENT EXECUTE FUNCTION consent_records_append_only();
   CREATE TABLE wordings (
     hash TEXT PRIMARY KEY,
     text TEXT NOT NULL,
     received_at TEXT NOT NULL
   );`,
  // A wording is taken only for a hash a stored record names, and counted per network.
  `CREATE INDEX consent_records_wording ON consent_records ((record::jsonb ->> 'wordingHash'));
   ALTER TABLE wordings ADD COLUMN client_address TEXT;
   CREATE INDEX wordings_by_network ON wordings (client_address, received_at) WHERE client_address IS NOT NULL;`,
  // The console's overview reads per-day counters, kept by a trigger as rows arrive (as on SQLite).
  `CREATE TABLE consent_daily (
     day TEXT NOT NULL,
     dimension TEXT NOT NULL,
     key TEXT NOT NULL,
     granted INTEGER NOT NULL,
     denied INTEGER NOT NULL,
     PRIMARY KEY (day, dimension, key)
   );
   CREATE FUNCTION consent_daily_counts(d TEXT, r JSONB)
     RETURNS TABLE (day TEXT, dimension TEXT, key TEXT, granted INTEGER, denied INTEGER) LANGUAGE sql IMMUTABLE AS $$
       SELECT d, 'method', r ->> 'method', 1, 0
       UNION ALL SELECT d, 'language', r ->> 'language', 1, 0
       UNION ALL SELECT d, 'policyVersion', r ->> 'policyVersion', 1, 0
       UNION ALL SELECT d, 'gpc', '', (r -> 'gpc' = 'true'::jsonb)::int, (r -> 'gpc' = 'false'::jsonb)::int
       UNION ALL SELECT d, 'category', c.key, (c.value = 'true'::jsonb)::int, (c.value = 'false'::jsonb)::int
         FROM jsonb_each(r -> 'categories') AS c
       UNION ALL SELECT d, 'service', s.key, (s.value = 'true'::jsonb)::int, (s.value = 'false'::jsonb)::int
         FROM jsonb_each(r -> 'services') AS s $$;
   CREATE FUNCTION consent_records_count_daily() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       INSERT INTO consent_daily AS daily (day, dimension, key, granted, denied)
       SELECT * FROM consent_daily_counts(substr(NEW.received_at, 1, 10), NEW.record::jsonb)
       ON CONFLICT (day, dimension, key) DO UPDATE
         SET granted = daily.granted + excluded.granted, denied = daily.denied + excluded.denied;
       RETURN NULL;
     END $$;
   CREATE TRIGGER consent_records_daily AFTER INSERT ON consent_records
     FOR EACH ROW EXECUTE FUNCTION consent_records_count_daily();
   INSERT INTO consent_daily (day, dimension, key, granted, denied)
   SELECT counts.day, counts.dimension, counts.key, sum(counts.granted), sum(counts.denied)
   FROM consent_records, consent_daily_counts(substr(received_at, 1, 10), record::jsonb) AS counts
   GROUP BY counts.day, counts.dimension, counts.key;`,
  // Double opt-in (SPEC §12): the confirmation mails waiting, sent and followed.
  CONFIRMATIONS_MIGRATION,
  // Retention (retention.js): removals are entries of the chain, and a removed record leaves its
  // seq, chain hash and time behind; the guard lets retention delete only those.
  `CREATE TABLE consent_removed (
     seq BIGINT PRIMARY KEY,
     chain_hash TEXT NOT NULL,
     received_at TEXT NOT NULL,
     removed_by BIGINT NOT NULL
   );
   CREATE TABLE consent_removals (
     seq BIGINT PRIMARY KEY,
     chain_hash TEXT NOT NULL,
     removal TEXT NOT NULL
   );
   CREATE OR REPLACE FUNCTION consent_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM consent_removed WHERE seq = OLD.seq AND chain_hash = OLD.chain_hash) THEN
         RETURN OLD;
       END IF;
       RAISE EXCEPTION 'consent records are append-only: only retention removes them';
     END $$;
   CREATE FUNCTION consent_retention_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'the chain''s retention entries are append-only'; END $$;
   CREATE TRIGGER consent_removed_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON consent_removed
     FOR EACH STATEMENT EXECUTE FUNCTION consent_retention_append_only();
   CREATE TRIGGER consent_removals_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON consent_removals
     FOR EACH STATEMENT EXECUTE FUNCTION consent_retention_append_only();`,
  // The confirmation webhook's events wait in the store until delivered (webhook-events.js).
  WEBHOOK_EVENTS_MIGRATION,
];

/** The guards `verify` expects (besides the chain itself). */
export const POSTGRES_GUARDS = ['consent_records_no_update', 'consent_records_no_truncate', 'consent_removed_no_change', 'consent_removals_no_change'];

const EXPORT_BATCH = 500;
const RECORD_COLUMNS = 'seq, chain_hash, received_at, client_address, record';

/**
 * @typedef {{ seq: string, chain_hash: string, received_at: string, client_address: string, record: string }} RecordRow
 * @param {RecordRow} row @returns {StoredRecord}
 */
function toStored(row) {
  return {
    seq: Number(row.seq), chainHash: row.chain_hash, receivedAt: row.received_at, clientAddress: row.client_address, record: JSON.parse(row.record),
  };
}

/**
 * Brings the database to the newest schema, once, however many collectors start at the same time:
 * the first takes the lock and migrates, the others wait for it and find nothing left to do.
 * @param {pg.Pool} pool
 */
async function migrate(pool) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS consent_schema_migrations (
      version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const { rows } = await client.query('SELECT coalesce(max(version), 0) AS version FROM consent_schema_migrations');
    const version = Number(rows[0].version);
    if (version > MIGRATIONS.length) {
      throw new Error(`the database's schema is version ${version}, newer than this collector knows (${MIGRATIONS.length}): upgrade the collector`);
    }
    for (let next = version; next < MIGRATIONS.length; next++) {
      await client.query(/** @type {string} */ (MIGRATIONS[next]));
      await client.query('INSERT INTO consent_schema_migrations (version) VALUES ($1)', [next + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Stores one batch in one transaction and returns what each row got. The chain lock makes the
 * batches of every collector on this database take turns: each reads the head and the kept ids
 * after the one before it committed, so no two extend the same head and an id is kept once.
 * @param {pg.Pool} pool @param {Row[]} batch
 * @returns {Promise<Stored[]>}
 */
async function insertBatch(pool, batch) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    const last = await client.query(HEAD_SQL);
    let head = last.rows[0] ? { seq: Number(last.rows[0].seq), chainHash: last.rows[0].chain_hash } : GENESIS;
    const ids = batch.map((row) => /** @type {string} */ (row[0]));
    const existing = await client.query('SELECT id, received_at, record FROM consent_records WHERE id = ANY($1::text[])', [ids]);
    /** @type {Map<string, { receivedAt: string, record: unknown }>} */
    const kept = new Map(existing.rows.map((row) => [row.id, { receivedAt: row.received_at, record: JSON.parse(row.record) }]));
    /** @type {unknown[][]} one array per column */
    const columns = Array.from({ length: 9 }, () => []);
    const results = batch.map((row) => {
      const [id, visitorId, email, createdAt, receivedAt, clientAddress, recordText] = /** @type {string[]} */ (row);
      const record = JSON.parse(recordText);
      const earlier = kept.get(id);
      // A duplicate (a retry, or the same id twice in this batch) answers with the kept row's time.
      if (earlier) return sameRecord(earlier.record, record) ? { created: false, receivedAt: earlier.receivedAt } : { conflict: /** @type {const} */ (true) };
      const seq = head.seq + 1;
      const chainHash = chainHashOf(head.chainHash, { seq, id, visitorId, email: row[2] ?? null, createdAt, receivedAt, clientAddress, record });
      head = { seq, chainHash };
      kept.set(id, { receivedAt, record });
      [seq, id, visitorId, email, createdAt, receivedAt, clientAddress, recordText, chainHash].forEach((value, n) => columns[n]?.push(value));
      return { created: true, receivedAt };
    });
    if (columns[0]?.length) {
      await client.query(
        `INSERT INTO consent_records (seq, id, visitor_id, email, created_at, received_at, client_address, record, chain_hash)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])`,
        columns,
      );
    }
    // Answered only after COMMIT returns: with synchronous_commit on (PostgreSQL's default) the
    // transaction is then in the server's flushed write-ahead log.
    await client.query('COMMIT');
    return results;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Removes one batch of what retention may remove, as one removal entry of the chain, under the
 * chain lock the inserts take: the removal extends the head no batch of records is extending.
 * @param {pg.Pool} pool
 * @param {import('./retention.js').RetentionRun} run
 * @param {{ time: string, seq: number }} cursor where the previous batch of this run ended
 * @returns {Promise<{ count: number, cursor: { time: string, seq: number } } | null>} null when nothing is left
 */
async function removeBatch(pool, run, cursor) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    const { rows: found } = await client.query(REMOVABLE_SQL, [run.before, cursor.time, cursor.seq, REMOVAL_BATCH]);
    const last = found[found.length - 1];
    if (!last) {
      await client.query('ROLLBACK');
      return null;
    }
    const { rows: heads } = await client.query(HEAD_SQL);
    const head = heads[0] ? { seq: Number(heads[0].seq), chainHash: heads[0].chain_hash } : GENESIS;
    const { removed, entry } = removalOf(found.map((row) => ({ seq: Number(row.seq), chainHash: row.chain_hash, receivedAt: row.received_at })), head, run);
    await client.query(
      `INSERT INTO consent_removed (seq, chain_hash, received_at, removed_by)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[])`,
      [removed.map((r) => r.seq), removed.map((r) => r.chainHash), removed.map((r) => r.receivedAt), removed.map((r) => r.removedBy)],
    );
    await client.query('DELETE FROM consent_records WHERE seq = ANY($1::bigint[])', [removed.map((r) => r.seq)]);
    await client.query('INSERT INTO consent_removals (seq, chain_hash, removal) VALUES ($1, $2, $3)', [entry.seq, entry.chainHash, JSON.stringify(entry.removal)]);
    await client.query('COMMIT');
    return { count: removed.length, cursor: { time: last.received_at, seq: Number(last.seq) } };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Opens the PostgreSQL store (migrating the database when needed).
 * @param {string} url `postgres://user:password@host:port/database`
 * @param {(error: Error) => void} logError told once per failed batch and for lost idle connections
 * @returns {Promise<import('./store.js').Store>}
 */
export async function openPostgresStore(url, logError) {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE || 10) });
  // An idle connection the server dropped (a restart, a failover) must not take the collector down.
  pool.on('error', logError);
  await migrate(pool);

  const commits = groupCommit((/** @type {Row[]} */ batch) => insertBatch(pool, batch).catch((error) => {
    const failed = new Error(`consent records not stored: ${error.message}`, { cause: error });
    logError(failed);
    throw failed;
  }));
  /** @param {string} sql @param {unknown[]} values */
  const records = async (sql, values) => (await pool.query(sql, values)).rows.map(toStored);

  return {
    add(toStore, settle) {
      commits.add(rowOf(toStore), settle);
    },
    stopped: () => null,
    async recordById(id) {
      return (await records(`SELECT ${RECORD_COLUMNS} FROM consent_records WHERE id = lower($1)`, [id]))[0];
    },
    // Visitor ids are UUIDs, stored as sent: three exact forms find any case and keep to the index.
    recordsByVisitor(visitorId) {
      return records(`SELECT ${RECORD_COLUMNS} FROM consent_records WHERE visitor_id IN ($1, lower($1), upper($1)) ORDER BY seq`, [visitorId]);
    },
    recordsByEmail(email) {
      return records(`SELECT ${RECORD_COLUMNS} FROM consent_records WHERE email = $1 ORDER BY seq`, [email.toLowerCase()]);
    },
    async *exportRecords(from, to) {
      let after = 0;
      for (;;) {
        const batch = await records(
          `SELECT ${RECORD_COLUMNS} FROM consent_records
           WHERE seq > $1 AND received_at >= $2 AND received_at < $3 ORDER BY seq LIMIT ${EXPORT_BATCH}`,
          [after, from, to],
        );
        yield* batch;
        if (batch.length < EXPORT_BATCH) return;
        after = /** @type {StoredRecord} */ (batch[batch.length - 1]).seq;
      }
    },
    async addWording(hash, text, receivedAt, clientAddress) {
      const result = await pool.query(
        'INSERT INTO wordings (hash, text, received_at, client_address) VALUES ($1, $2, $3, $4) ON CONFLICT (hash) DO NOTHING',
        [hash, text, receivedAt, clientAddress],
      );
      return result.rowCount === 1;
    },
    async wordingReferenced(hash) {
      const { rowCount } = await pool.query("SELECT 1 FROM consent_records WHERE (record::jsonb ->> 'wordingHash') = $1 LIMIT 1", [hash]);
      return rowCount === 1;
    },
    async wordingsFrom(clientAddress, since) {
      const { rows } = await pool.query('SELECT count(*) AS n FROM wordings WHERE client_address = $1 AND received_at >= $2', [clientAddress, since]);
      return Number(rows[0].n);
    },
    async wordingByHash(hash) {
      const { rows } = await pool.query('SELECT hash, text, received_at AS "receivedAt" FROM wordings WHERE hash = $1', [hash]);
      return rows[0];
    },
    async head() {
      const { rows } = await pool.query(HEAD_SQL);
      return rows[0] ? { seq: Number(rows[0].seq), chainHash: rows[0].chain_hash } : GENESIS;
    },
    async *chainEntries() {
      let after = 0;
      for (;;) {
        const { rows } = await pool.query(ENTRIES_SQL, [after, EXPORT_BATCH]);
        yield* rows.map(entryOf);
        if (rows.length < EXPORT_BATCH) return;
        after = Number(rows[rows.length - 1].seq);
      }
    },
    async removeOld(run) {
      let cursor = { time: '', seq: 0 };
      let removed = 0;
      let removals = 0;
      for (;;) {
        const batch = await removeBatch(pool, run, cursor);
        if (!batch) return { removed, removals };
        removed += batch.count;
        removals++;
        cursor = batch.cursor;
      }
    },
    async dailyCounts(from, to) {
      const { rows } = await pool.query(
        'SELECT day, dimension, key, granted, denied FROM consent_daily WHERE day >= $1 AND day <= $2', [from, to],
      );
      return rows;
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    confirmations: postgresConfirmations(pool),
    webhookEvents: postgresWebhookEvents(pool),
    async close() {
      await commits.drain();
      await pool.end();
    },
  };
}

/**
 * What `verify` reads from PostgreSQL: the stored records in chain order, and whether the guards
 * are in place.
 * @param {string} url
 */
export async function openPostgresChainReader(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    /** @returns {AsyncGenerator<import('./chain.js').ChainEntry>} */
    async *records() {
      let after = 0;
      for (;;) {
        const { rows } = await client.query(ENTRIES_SQL, [after, EXPORT_BATCH]);
        yield* rows.map(entryOf);
        if (rows.length < EXPORT_BATCH) return;
        after = Number(rows[rows.length - 1].seq);
      }
    },
    /** Guards dropped or disabled since they were created. @returns {Promise<string[]>} */
    async missingGuards() {
      const { rows } = await client.query(
        `SELECT tgname FROM pg_trigger
         WHERE tgrelid::regclass::text IN ('consent_records', 'consent_removed', 'consent_removals') AND tgenabled <> 'D'`,
      );
      const present = new Set(rows.map((row) => row.tgname));
      return POSTGRES_GUARDS.filter((name) => !present.has(name));
    },
    close: () => client.end(),
  };
}
