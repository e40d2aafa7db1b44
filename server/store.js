import { openConsentDb } from './db.js';
import { startRecordWriter } from './record-writer.js';
import { startCheckpointer } from './checkpointer.js';

/**
 * @template T
 * @typedef {T | Promise<T>} Awaitable
 */

/**
 * What the collector keeps and reads, whichever database holds it: SQLite (the embedded default,
 * below) or PostgreSQL (postgres-store.js). Both keep the same rows, dedupe and chain alike.
 *
 * @typedef {object} Store
 * @property {(toStore: import('./record-writer.js').ToStore, settle: import('./group-commit.js').Settle<import('./record-writer.js').Stored>) => void} add
 *   queues a record; `settle` runs once its batch is durable, or failed (then nothing of it is kept)
 * @property {() => Error | null} stopped why no record can be stored until a restart, or null
 * @property {(id: string) => Awaitable<import('./db.js').StoredRecord | undefined>} recordById
 * @property {(visitorId: string) => Awaitable<import('./db.js').StoredRecord[]>} recordsByVisitor
 * @property {(email: string) => Awaitable<import('./db.js').StoredRecord[]>} recordsByEmail case-insensitive
 * @property {(from: string, to: string) => Iterable<import('./db.js').StoredRecord> | AsyncIterable<import('./db.js').StoredRecord>} exportRecords
 *   records received in [from, to), in chain order
 * @property {(hash: string, text: string, receivedAt: string, clientAddress: string) => Awaitable<boolean>} addWording
 *   true when new; `clientAddress` is the sender's network
 * @property {(hash: string) => Awaitable<boolean>} wordingReferenced whether a stored record names this wording hash
 * @property {(clientAddress: string, since: string) => Awaitable<number>} wordingsFrom wordings stored from a network since a time
 * @property {(hash: string) => Awaitable<import('./db.js').StoredWording | undefined>} wordingByHash
 * @property {() => Awaitable<import('./chain.js').ChainHead>} head the last record's (or retention removal's) place in the chain
 * @property {() => AsyncIterable<import('./chain.js').ChainEntry>} chainEntries the whole chain in seq order, read in batches
 * @property {(run: import('./retention.js').RetentionRun) => Promise<{ removed: number, removals: number }>} removeOld
 *   removes what retention may (retention.js), each batch a removal entry of the chain
 * @property {(from: string, to: string) => Awaitable<Iterable<import('./stats.js').DailyCount>>} dailyCounts
 *   the console's per-day counters for the UTC days from `from` to `to`, both included
 * @property {() => Awaitable<void>} ping throws when the database does not answer
 * @property {import('./confirmations.js').ConfirmationStore} confirmations the double opt-in's mails and links
 * @property {import('./webhook-events.js').WebhookEventStore} webhookEvents the confirmation webhook's events until delivered
 * @property {() => Promise<void>} close stores what is queued, then closes
 *
 * @typedef {{ dbPath: string } | { databaseUrl: string }} StoreOptions
 */

/**
 * Stores a record through the store's writer (and so the chain), as the collector stores the
 * records it writes itself (`confirm`, and `withdraw` on unsubscribe).
 * @param {Store} store
 * @param {import('./record-writer.js').ToStore} toStore
 * @returns {Promise<import('./record-writer.js').Stored>}
 */
export function addRecord(store, toStore) {
  return new Promise((resolve, reject) => {
    store.add(toStore, (error, stored) => (error || !stored ? reject(error ?? new Error('record not stored')) : resolve(stored)));
  });
}

/**
 * The SQLite store: one file, a writer thread that group-commits records and a thread that
 * checkpoints its log.
 * @param {string} dbPath
 * @param {(error: Error) => void} logError
 * @returns {Store}
 */
export function openSqliteStore(dbPath, logError) {
  const db = openConsentDb(dbPath);
  const records = startRecordWriter(dbPath, logError);
  const checkpoints = startCheckpointer(dbPath, logError);
  return {
    ...db,
    add: records.add,
    stopped: records.stopped,
    async close() {
      await Promise.all([records.close(), checkpoints.close()]);
      // Last to close, this connection copies what is left of the WAL into the file and removes it.
      db.close();
    },
  };
}

/**
 * Opens the store the options name: PostgreSQL for a database URL, else the SQLite file.
 * @param {StoreOptions} options
 * @param {(error: Error) => void} logError
 * @returns {Promise<Store>}
 */
export async function openStore(options, logError) {
  if ('databaseUrl' in options) {
    const { openPostgresStore } = await import('./postgres-store.js');
    return openPostgresStore(options.databaseUrl, logError);
  }
  return openSqliteStore(options.dbPath, logError);
}
