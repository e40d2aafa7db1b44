import { chmodSync, closeSync, existsSync, fdatasyncSync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { canonicalJson, chainHashOf, GENESIS } from './chain.js';
import { CONFIRMATIONS_MIGRATION, sqliteConfirmations } from './confirmations-sqlite.js';
import { WEBHOOK_EVENTS_MIGRATION, sqliteWebhookEvents } from './webhook-events-sqlite.js';
import { ENTRIES_SQL, entryOf, forSqlite, HEAD_SQL, REMOVABLE_SQL } from './chain-rows.js';
import { REMOVAL_BATCH, removalOf } from './retention.js';

/**
 * @typedef {{ id: string, visitorId: string, site: string, createdAt: string, expiresAt: string, method: string, language: string, wordingHash: string, email: { marketing: string, address?: string, confirmedAt?: string } }} IncomingRecord
 * @typedef {{ seq: number, chainHash: string, receivedAt: string, clientAddress: string, record: unknown }} StoredRecord
 * @typedef {{ hash: string, text: string, receivedAt: string }} StoredWording
 * @typedef {(string | null)[]} Row id (lower case), visitor_id, email, created_at, received_at, client_address, record
 * @typedef {string | null | false} Kept per row of a batch: null when stored now; `receivedAt` of the
 *   row kept for its id when that holds the same record; false when it holds another
 */

/**
 * Whether two records are the same choice: ids compare case-insensitively, everything else exactly.
 * @param {unknown} kept @param {unknown} incoming
 */
export function sameRecord(kept, incoming) {
  const lowerId = (/** @type {unknown} */ r) => canonicalJson({ ...(/** @type {object} */ (r)), id: String(/** @type {{ id: unknown }} */ (r).id).toLowerCase() });
  return lowerId(kept) === lowerId(incoming);
}

/** Retention's tables: what removed records left behind, and the removals themselves. */
const RETENTION_TABLES = ['consent_removed', 'consent_removals'];

/**
 * The guards that make the database itself refuse to rewrite history: no UPDATE, no DELETE but
 * of a record retention has marked removed (with its own chain hash), and no INSERT that reuses a
 * `seq` or an `id` (`INSERT OR REPLACE` deletes the row it replaces without firing delete
 * triggers, but it cannot get past a BEFORE INSERT one); retention's own tables are append-only.
 * `verify` checks that they are all still in place; the chain catches whatever gets past them.
 */
const GUARDS = {
  consent_records_no_update: `CREATE TRIGGER consent_records_no_update BEFORE UPDATE ON consent_records
     BEGIN SELECT RAISE(ABORT, 'consent records are append-only'); END`,
  consent_records_no_delete: `CREATE TRIGGER consent_records_no_delete BEFORE DELETE ON consent_records
     WHEN NOT EXISTS (SELECT 1 FROM consent_removed WHERE seq = OLD.seq AND chain_hash = OLD.chain_hash)
     BEGIN SELECT RAISE(ABORT, 'consent records are append-only: only retention removes them'); END`,
  ...Object.fromEntries(RETENTION_TABLES.flatMap((table) => ['update', 'delete'].map((change) => [
    `${table}_no_${change}`,
    `CREATE TRIGGER ${table}_no_${change} BEFORE ${change.toUpperCase()} ON ${table}
     BEGIN SELECT RAISE(ABORT, 'the chain''s retention entries are append-only'); END`,
  ]))),
  consent_records_no_replace: `CREATE TRIGGER consent_records_no_replace BEFORE INSERT ON consent_records
     WHEN NEW.chain_hash IS NULL OR NEW.seq <= (SELECT max(seq) FROM consent_records)
       OR EXISTS (SELECT 1 FROM consent_records WHERE id = NEW.id)
     BEGIN SELECT RAISE(ABORT, 'consent records are append-only: a new record takes the next seq, its own id and a chain_hash'); END`,
};

/** The delete guard of the versions before retention, which `verify` still meets in their files. */
const DELETE_GUARD_BEFORE_RETENTION = `CREATE TRIGGER consent_records_no_delete BEFORE DELETE ON consent_records
     BEGIN SELECT RAISE(ABORT, 'consent records are append-only'); END`;

/** @param {Database.Database} db */
function dropGuards(db) {
  for (const name of Object.keys(GUARDS)) db.exec(`DROP TRIGGER IF EXISTS ${name}`);
}

/** @param {Database.Database} db */
function createGuards(db) {
  for (const [name, sql] of Object.entries(GUARDS)) {
    // Retention's guards come with its tables (a later migration than the chain's).
    if (RETENTION_TABLES.some((table) => name.startsWith(table)) && !db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(name.replace(/_no_\w+$/, ''))) continue;
    db.exec(sql);
  }
}

/** @typedef {{ seq: number, id: string, visitor_id: string, email: string | null, created_at: string, received_at: string, client_address: string, record: string }} RecordColumns */

/** @param {RecordColumns} row @returns {import('./chain.js').ChainedRecord} */
function chainedRecord(row) {
  return {
    seq: row.seq,
    id: row.id,
    visitorId: row.visitor_id,
    email: row.email,
    createdAt: row.created_at,
    receivedAt: row.received_at,
    clientAddress: row.client_address,
    record: JSON.parse(row.record),
  };
}

/**
 * The overview's counters (see stats.js) that records add to their days, as a SELECT of
 * (day, dimension, key, granted, denied) rows: over one row in a trigger (`table` empty, the
 * columns from NEW) or over a whole table.
 * @param {{ day: string, record: string, table: string }} source
 */
function dailyCountsOf({ day, record, table }) {
  const from = (/** @type {string} */ each) => {
    const sources = [table, each].filter(Boolean).join(', ');
    return sources ? `FROM ${sources}` : '';
  };
  return `SELECT ${day} AS day, 'method' AS dimension, json_extract(${record}, '$.method') AS key, 1 AS granted, 0 AS denied ${from('')}
    UNION ALL SELECT ${day}, 'language', json_extract(${record}, '$.language'), 1, 0 ${from('')}
    UNION ALL SELECT ${day}, 'policyVersion', json_extract(${record}, '$.policyVersion'), 1, 0 ${from('')}
    UNION ALL SELECT ${day}, 'gpc', '', json_extract(${record}, '$.gpc') = 1, json_extract(${record}, '$.gpc') = 0 ${from('')}
    UNION ALL SELECT ${day}, 'category', c.key, c.type = 'true', c.type = 'false' ${from(`json_each(${record}, '$.categories') AS c`)}
    UNION ALL SELECT ${day}, 'service', s.key, s.type = 'true', s.type = 'false' ${from(`json_each(${record}, '$.services') AS s`)}`;
}

/**
 * Each entry moves the schema one version up; `PRAGMA user_version` says how many have run. An
 * entry is SQL, or a function for what SQL alone cannot do.
 * @type {(string | ((db: Database.Database) => void))[]}
 */
export const MIGRATIONS = [
  `CREATE TABLE consent_records (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     visitor_id TEXT NOT NULL,
     email TEXT,
     created_at TEXT NOT NULL,
     received_at TEXT NOT NULL,
     client_address TEXT NOT NULL,
     record TEXT NOT NULL
   );
   CREATE INDEX consent_records_visitor ON consent_records (visitor_id);
   CREATE INDEX consent_records_email ON consent_records (email) WHERE email IS NOT NULL;
   CREATE INDEX consent_records_received ON consent_records (received_at);
   -- The history is the proof: the database itself refuses to rewrite it.
   CREATE TRIGGER consent_records_no_update BEFORE UPDATE ON consent_records
     BEGIN SELECT RAISE(ABORT, 'consent records are append-only'); END;
   CREATE TRIGGER consent_records_no_delete BEFORE DELETE ON consent_records
     BEGIN SELECT RAISE(ABORT, 'consent records are append-only'); END;
   CREATE TABLE wordings (
     hash TEXT PRIMARY KEY,
     text TEXT NOT NULL,
     received_at TEXT NOT NULL
   );`,
  // The chain (SPEC §10): the rows stored by the previous version join it in their order, and their
  // ids are kept in lower case as new ones are (ids compare case-insensitively), unless another row
  // already holds that id in lower case: both stay, as stored, so nothing of the history is lost.
  (db) => {
    db.exec('ALTER TABLE consent_records ADD COLUMN chain_hash TEXT');
    dropGuards(db);
    db.exec(`UPDATE consent_records SET id = lower(id) WHERE id <> lower(id)
               AND NOT EXISTS (SELECT 1 FROM consent_records other WHERE other.id = lower(consent_records.id))
               AND NOT EXISTS (SELECT 1 FROM consent_records other
                               WHERE lower(other.id) = lower(consent_records.id) AND other.seq < consent_records.seq)`);
    const rows = /** @type {RecordColumns[]} */ (db.prepare('SELECT * FROM consent_records ORDER BY seq').all());
    const renumber = db.prepare('UPDATE consent_records SET seq = ?, chain_hash = ? WHERE seq = ?');
    let head = GENESIS;
    for (const row of rows) {
      const seq = head.seq + 1;
      const chainHash = chainHashOf(head.chainHash, chainedRecord({ ...row, seq }));
      renumber.run(seq, chainHash, row.seq);
      head = { seq, chainHash };
    }
    createGuards(db);
  },
  // A wording is taken only for a hash a stored record names, and counted per network.
  `CREATE INDEX consent_records_wording ON consent_records (json_extract(record, '$.wordingHash'));
   ALTER TABLE wordings ADD COLUMN client_address TEXT;
   CREATE INDEX wordings_by_network ON wordings (client_address, received_at) WHERE client_address IS NOT NULL;`,
  // The console's overview reads per-day counters, not the records: a trigger keeps them as rows
  // arrive (on the writer's thread, which has time to spare), and the existing rows are counted once.
  `CREATE TABLE consent_daily (
     day TEXT NOT NULL,
     dimension TEXT NOT NULL,
     key TEXT NOT NULL,
     granted INTEGER NOT NULL,
     denied INTEGER NOT NULL,
     PRIMARY KEY (day, dimension, key)
   ) WITHOUT ROWID;
   CREATE TRIGGER consent_records_daily AFTER INSERT ON consent_records BEGIN
     INSERT INTO consent_daily (day, dimension, key, granted, denied)
     SELECT * FROM (${dailyCountsOf({ day: 'substr(NEW.received_at, 1, 10)', record: 'NEW.record', table: '' })})
     WHERE true
     ON CONFLICT (day, dimension, key) DO UPDATE
       SET granted = granted + excluded.granted, denied = denied + excluded.denied;
   END;
   INSERT INTO consent_daily (day, dimension, key, granted, denied)
   SELECT day, dimension, key, sum(granted), sum(denied)
   FROM (${dailyCountsOf({ day: 'substr(received_at, 1, 10)', record: 'record', table: 'consent_records' })})
   GROUP BY day, dimension, key;`,
  // Double opt-in (SPEC §12): the confirmation mails waiting, sent and followed.
  CONFIRMATIONS_MIGRATION,
  // Retention (retention.js): removals are entries of the chain, and a removed record leaves its
  // seq, chain hash and time behind; the delete guard lets retention remove only those.
  (db) => {
    db.exec(`CREATE TABLE consent_removed (
       seq INTEGER PRIMARY KEY,
       chain_hash TEXT NOT NULL,
       received_at TEXT NOT NULL,
       removed_by INTEGER NOT NULL
     );
     CREATE TABLE consent_removals (
       seq INTEGER PRIMARY KEY,
       chain_hash TEXT NOT NULL,
       removal TEXT NOT NULL
     );`);
    dropGuards(db);
    createGuards(db);
  },
  // The confirmation webhook's events wait in the store until delivered (webhook-events.js).
  WEBHOOK_EVENTS_MIGRATION,
];

const EXPORT_BATCH = 500;

/** @param {{ seq: number, chain_hash: string, received_at: string, client_address: string, record: string }} row @returns {StoredRecord} */
function toStored(row) {
  return {
    seq: row.seq, chainHash: row.chain_hash, receivedAt: row.received_at, clientAddress: row.client_address, record: JSON.parse(row.record),
  };
}

/**
 * @param {string} path
 * @param {'FULL' | 'NORMAL'} synchronous FULL syncs the WAL at every commit, so what is answered
 *   survives a power cut; NORMAL only for the record writer, which syncs the WAL itself.
 */
function connect(path, synchronous) {
  // Created (or, from an earlier version, narrowed to) owner-only: it holds personal data. SQLite
  // gives the -wal and -shm files the database file's mode.
  closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  // Checkpoints run on a thread of their own (checkpointer.js): a commit that ran one would keep
  // every request of its batch waiting for the database file's writes and fsync.
  db.pragma('wal_autocheckpoint = 0');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * An fsync of the folder holding `path`, so a file just created in it is found after a power cut.
 * @param {string} path
 */
function syncFolderOf(path) {
  const folder = openSync(dirname(path), 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}

/**
 * The WAL could not be synced after a commit. Unlike a failed transaction (nothing of it stored),
 * the batch is committed and readable but may not be on disk, and Linux may already have dropped
 * the failed pages from its cache as if written: no later sync can be trusted to cover them, so
 * the writer must stop taking records until the collector restarts and SQLite recovers from what
 * really is on disk.
 */
export class WalSyncError extends Error {
  /** @param {unknown} cause */
  constructor(cause) {
    super(`the write-ahead log could not be synced: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'WalSyncError';
  }
}

/**
 * The connection that inserts consent records, opened by the writer thread (record-writer.js) on a
 * database `openConsentDb` has already migrated.
 * @param {string} path
 */
export function openRecordWriter(path) {
  // Durability without FULL: in WAL mode a COMMIT only write()s the transaction's frames, ending
  // with its commit frame, to the -wal file, and NORMAL does not sync them. `insert` then
  // fdatasyncs that file before returning, and a batch is answered only after `insert` returns:
  // every frame of every committed transaction up to this one is on disk before any of its posts
  // hears 201 or 200, exactly what FULL's fsync inside COMMIT gives. A power cut before that sync
  // can lose only transactions nobody has been answered for; SQLite's recovery reads the WAL up to
  // its last frame with a valid checksum. WAL frames are overwritten only after a checkpoint has
  // copied them into the database file and synced it (NORMAL still syncs at checkpoints).
  const db = connect(path, 'NORMAL');
  // The main thread's connection keeps the -wal file open (SQLite deletes it only when the last
  // connection closes), so this descriptor names the live log for as long as the writer runs.
  const wal = openSync(`${path}-wal`, 'r');
  // Under FULL SQLite syncs a new WAL's folder at its first sync; here that is ours to do.
  syncFolderOf(path);
  const insertRecord = db.prepare(
    `INSERT INTO consent_records (seq, id, visitor_id, email, created_at, received_at, client_address, record, chain_hash)
     VALUES (@seq, @id, @visitorId, @email, @createdAt, @receivedAt, @clientAddress, @recordText, @chainHash)`,
  );
  const keptFor = /** @type {import('better-sqlite3').Statement<[string], { received_at: string, record: string }>} */ (
    db.prepare('SELECT received_at, record FROM consent_records WHERE id = ?')
  );
  const lastLink = headOf(db);
  // IMMEDIATE takes the write lock before the head is read: a second collector on the same file
  // waits for it, so two writers can never both extend the same head (a fork).
  const insertRows = db.transaction((/** @type {Row[]} */ batch) => {
    let head = lastLink.get() ?? GENESIS;
    return batch.map(([id, visitorId, email, createdAt, receivedAt, clientAddress, recordText]) => {
      const record = JSON.parse(/** @type {string} */ (recordText));
      // A duplicate (a retry, or the same id twice in this batch) answers with the kept row's time.
      const kept = keptFor.get(/** @type {string} */ (id));
      if (kept) return sameRecord(JSON.parse(kept.record), record) ? kept.received_at : false;
      const stored = /** @type {import('./chain.js').ChainedRecord} */ ({
        seq: head.seq + 1, id, visitorId, email, createdAt, receivedAt, clientAddress, record,
      });
      head = { seq: stored.seq, chainHash: chainHashOf(head.chainHash, stored) };
      insertRecord.run({ ...stored, recordText, chainHash: head.chainHash });
      return null;
    });
  }).immediate;
  return {
    /**
     * Inserts the rows in one transaction, each unless its id is already kept, and returns once
     * the transaction is on disk. Throws when it is not: see `WalSyncError`.
     * @param {Row[]} batch
     * @returns {Kept[]} per row
     */
    insert(batch) {
      const kept = insertRows(batch);
      try {
        fdatasyncSync(wal);
      } catch (error) {
        throw new WalSyncError(error);
      }
      return kept;
    },
    close() {
      closeSync(wal);
      db.close();
    },
  };
}

/**
 * The connection that copies the WAL into the database file, opened by the checkpoint thread
 * (checkpoint-worker.js) on a database `openConsentDb` has already migrated.
 * @param {string} path
 */
export function openCheckpointer(path) {
  // Any level but OFF syncs the database file before the WAL may be overwritten; FULL also syncs
  // the WAL first, which costs nothing the writer has not already done.
  const db = connect(path, 'FULL');
  const checkpoint = (/** @type {'PASSIVE' | 'RESTART'} */ mode) =>
    /** @type {{ log: number }[]} */ (db.pragma(`wal_checkpoint(${mode})`))[0] ?? { log: 0 };
  return {
    /**
     * Copies what it can without waiting for the writer or any reader.
     * @returns {number} frames in the log
     */
    passive: () => checkpoint('PASSIVE').log,
    /** Copies everything and has the next commit write the log from its start: waits for the writer. */
    restart: () => { checkpoint('RESTART'); },
    close: () => db.close(),
  };
}

/**
 * Opens (creating and migrating when needed) the collector's SQLite database and returns the only
 * operations the collector performs on it besides inserting records (`openRecordWriter`). There
 * is deliberately no update or delete.
 * @param {string} path
 */
export function openConsentDb(path) {
  // Wordings are stored on this connection, rarely: FULL keeps their 201 as durable as a record's.
  const db = connect(path, 'FULL');
  // IMMEDIATE: two collectors starting at once on one file must not both migrate it.
  db.transaction(() => {
    const version = /** @type {number} */ (db.pragma('user_version', { simple: true }));
    for (const step of MIGRATIONS.slice(version)) {
      if (typeof step === 'string') db.exec(step);
      else step(db);
    }
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();

  /** @typedef {{ seq: number, chain_hash: string, received_at: string, client_address: string, record: string }} RecordRow */
  const byId = /** @type {import('better-sqlite3').Statement<[string], RecordRow>} */ (
    db.prepare('SELECT seq, chain_hash, received_at, client_address, record FROM consent_records WHERE id = lower(?)')
  );
  // Visitor ids are UUIDs, which compare case-insensitively, stored as sent: lower case from the
  // widget, perhaps upper case from another client. Three exact forms keep the lookup on the index.
  const byVisitor = /** @type {import('better-sqlite3').Statement<[{ visitorId: string }], RecordRow>} */ (
    db.prepare('SELECT seq, chain_hash, received_at, client_address, record FROM consent_records WHERE visitor_id IN (@visitorId, lower(@visitorId), upper(@visitorId)) ORDER BY seq')
  );
  const byEmail = /** @type {import('better-sqlite3').Statement<[string], RecordRow>} */ (
    db.prepare('SELECT seq, chain_hash, received_at, client_address, record FROM consent_records WHERE email = ? ORDER BY seq')
  );
  const exportBatch = /** @type {import('better-sqlite3').Statement<[number, string, string], RecordRow>} */ (
    db.prepare(
      `SELECT seq, chain_hash, received_at, client_address, record FROM consent_records
       WHERE seq > ? AND received_at >= ? AND received_at < ? ORDER BY seq LIMIT ${EXPORT_BATCH}`,
    )
  );
  const insertWording = db.prepare(
    'INSERT INTO wordings (hash, text, received_at, client_address) VALUES (?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING',
  );
  const wordingReferenced = db.prepare(
    "SELECT 1 FROM consent_records WHERE json_extract(record, '$.wordingHash') = ? LIMIT 1",
  ).pluck();
  const wordingsFrom = /** @type {import('better-sqlite3').Statement<[string, string], number>} */ (
    db.prepare('SELECT count(*) FROM wordings WHERE client_address = ? AND received_at >= ?').pluck()
  );
  const wordingByHash = /** @type {import('better-sqlite3').Statement<[string], StoredWording>} */ (
    db.prepare('SELECT hash, text, received_at AS receivedAt FROM wordings WHERE hash = ?')
  );
  const dailyCounts = /** @type {import('better-sqlite3').Statement<[string, string], import('./stats.js').DailyCount>} */ (
    db.prepare('SELECT day, dimension, key, granted, denied FROM consent_daily WHERE day >= ? AND day <= ?')
  );
  const ping = db.prepare('SELECT 1');
  const lastLink = headOf(db);
  const entries = /** @type {import('better-sqlite3').Statement<[{ after: number, limit: number }], import('./chain-rows.js').EntryRow>} */ (
    db.prepare(forSqlite(ENTRIES_SQL, ['after', 'limit']))
  );
  const removable = /** @type {import('better-sqlite3').Statement<[{ before: string, afterTime: string, afterSeq: number, limit: number }], { seq: number, chain_hash: string, received_at: string }>} */ (
    db.prepare(forSqlite(REMOVABLE_SQL, ['before', 'afterTime', 'afterSeq', 'limit']))
  );
  const markRemoved = db.prepare('INSERT INTO consent_removed (seq, chain_hash, received_at, removed_by) VALUES (@seq, @chainHash, @receivedAt, @removedBy)');
  const removeRecord = db.prepare('DELETE FROM consent_records WHERE seq = ?');
  const insertRemoval = db.prepare('INSERT INTO consent_removals (seq, chain_hash, removal) VALUES (?, ?, ?)');
  // IMMEDIATE, like the writer's inserts: the head read here is the one the removal extends.
  const removeBatch = db.transaction((/** @type {import('./retention.js').RetentionRun} */ run, /** @type {{ time: string, seq: number }} */ cursor) => {
    const found = removable.all({ before: run.before, afterTime: cursor.time, afterSeq: cursor.seq, limit: REMOVAL_BATCH });
    const last = found[found.length - 1];
    if (!last) return null;
    const { removed, entry } = removalOf(found.map((row) => ({ seq: row.seq, chainHash: row.chain_hash, receivedAt: row.received_at })), lastLink.get() ?? GENESIS, run);
    for (const gone of removed) {
      markRemoved.run(gone);
      removeRecord.run(gone.seq);
    }
    insertRemoval.run(entry.seq, entry.chainHash, JSON.stringify(entry.removal));
    return { count: removed.length, cursor: { time: last.received_at, seq: last.seq } };
  }).immediate;

  return {
    /** @param {string} id @returns {StoredRecord | undefined} */
    recordById(id) {
      const row = byId.get(id);
      return row && toStored(row);
    },

    /** @param {string} visitorId @returns {StoredRecord[]} */
    recordsByVisitor(visitorId) {
      return byVisitor.all({ visitorId }).map(toStored);
    },

    /** E-mail addresses are matched without regard to case. @param {string} email @returns {StoredRecord[]} */
    recordsByEmail(email) {
      return byEmail.all(email.toLowerCase()).map(toStored);
    },

    /**
     * Records received in [from, to), read in batches so a long export never holds the
     * connection busy between writes.
     * @param {string} from @param {string} to
     * @returns {Generator<StoredRecord>}
     */
    *exportRecords(from, to) {
      let after = 0;
      for (;;) {
        const rows = exportBatch.all(after, from, to);
        yield* rows.map(toStored);
        if (rows.length < EXPORT_BATCH) return;
        after = rows[rows.length - 1].seq;
      }
    },

    /**
     * @param {string} hash @param {string} text @param {string} receivedAt
     * @param {string} clientAddress the sender's network
     * @returns {boolean} true when new
     */
    addWording(hash, text, receivedAt, clientAddress) {
      return insertWording.run(hash, text, receivedAt, clientAddress).changes === 1;
    },

    /** Whether a stored record names this wording hash. @param {string} hash */
    wordingReferenced(hash) {
      return wordingReferenced.get(hash) !== undefined;
    },

    /** Wordings stored from a network since a time. @param {string} clientAddress @param {string} since */
    wordingsFrom(clientAddress, since) {
      return /** @type {number} */ (wordingsFrom.get(clientAddress, since));
    },

    /** @param {string} hash @returns {StoredWording | undefined} */
    wordingByHash(hash) {
      return wordingByHash.get(hash);
    },

    /** The last record's (or retention removal's) place in the chain (SPEC §10). @returns {import('./chain.js').ChainHead} */
    head() {
      return lastLink.get() ?? GENESIS;
    },

    /**
     * The whole chain in seq order, read in batches with a turn of the event loop between them, so
     * a collector checking it still answers posts.
     * @returns {AsyncGenerator<import('./chain.js').ChainEntry>}
     */
    async *chainEntries() {
      let after = 0;
      for (;;) {
        const rows = entries.all({ after, limit: EXPORT_BATCH });
        yield* rows.map(entryOf);
        if (rows.length < EXPORT_BATCH) return;
        after = Number(rows[rows.length - 1]?.seq);
        await new Promise((resolve) => setImmediate(resolve));
      }
    },

    /**
     * Removes what retention may (retention.js), a batch per transaction, each batch a removal
     * entry of the chain.
     * @param {import('./retention.js').RetentionRun} run
     */
    async removeOld(run) {
      let cursor = { time: '', seq: 0 };
      let removed = 0;
      let removals = 0;
      for (;;) {
        const batch = removeBatch(run, cursor);
        if (!batch) return { removed, removals };
        removed += batch.count;
        removals++;
        cursor = batch.cursor;
        await new Promise((resolve) => setImmediate(resolve));
      }
    },

    /**
     * The overview's counters for the UTC days from `from` to `to`, both included.
     * @param {string} from @param {string} to
     */
    dailyCounts(from, to) {
      return dailyCounts.all(from, to);
    },

    /** Throws when the database does not answer. */
    ping() {
      ping.get();
    },

    confirmations: sqliteConfirmations(db),

    webhookEvents: sqliteWebhookEvents(db),

    close() {
      db.close();
    },
  };
}

/** @typedef {ReturnType<typeof openConsentDb>} ConsentDb */

/**
 * The chain's head on a connection: the last record or retention removal.
 * @param {Database.Database} db
 */
function headOf(db) {
  return /** @type {import('better-sqlite3').Statement<[], import('./chain.js').ChainHead>} */ (
    db.prepare(`SELECT seq, chain_hash AS chainHash FROM (${HEAD_SQL})`)
  );
}

/**
 * What `verify` reads: the stored records in chain order, and whether the guards are in place.
 * Opened read-only, so it can run beside a live collector.
 * @param {string} path
 */
export function openChainReader(path) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const retention = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'consent_removals'").get() !== undefined;
  // A database no collector has opened since retention came has no retention tables yet.
  const rows = /** @type {import('better-sqlite3').Statement<[{ after: number, limit: number }], import('./chain-rows.js').EntryRow>} */ (
    db.prepare(retention ? forSqlite(ENTRIES_SQL, ['after', 'limit']) : "SELECT *, 'record' AS kind FROM consent_records WHERE seq > @after ORDER BY seq LIMIT @limit")
  );
  const triggers = /** @type {import('better-sqlite3').Statement<[], { name: string, sql: string }>} */ (
    db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('consent_records', ${RETENTION_TABLES.map((t) => `'${t}'`).join(', ')})`)
  );
  return {
    /** @returns {Generator<import('./chain.js').ChainEntry>} */
    *records() {
      // In batches: one statement iterated over the whole table would hold its read open throughout.
      let after = 0;
      for (;;) {
        const batch = rows.all({ after, limit: EXPORT_BATCH });
        yield* batch.map(entryOf);
        if (batch.length < EXPORT_BATCH) return;
        after = Number(batch[batch.length - 1]?.seq);
      }
    },
    /** Guards dropped or altered since they were created: each would let history be rewritten unseen. */
    missingGuards() {
      const present = new Map(triggers.all().map(({ name, sql }) => [name, sql]));
      const expected = retention ? GUARDS : { ...GUARDS, consent_records_no_delete: DELETE_GUARD_BEFORE_RETENTION };
      return Object.entries(expected)
        .filter(([name]) => retention || !RETENTION_TABLES.some((table) => name.startsWith(table)))
        .filter(([name, sql]) => present.get(name) !== sql).map(([name]) => name);
    },
    close: () => db.close(),
  };
}
