import { Worker } from 'node:worker_threads';
import { groupCommit } from './group-commit.js';

const WORKER = new URL('./record-writer-worker.js', import.meta.url);

/**
 * @typedef {import('./db.js').IncomingRecord} IncomingRecord
 * @typedef {{ created: boolean, receivedAt: string } | { conflict: true }} Stored `receivedAt` of the row kept
 *   for the id, or `conflict` when that row holds another record
 */

/**
 * @typedef {{ record: IncomingRecord, receivedAt: string, clientAddress: string }} ToStore
 */

/**
 * A record as the row both stores insert: ids compare case-insensitively, so they are kept in
 * lower case, and so are e-mail addresses, which are looked up without regard to case.
 * @param {ToStore} toStore
 * @returns {import('./db.js').Row}
 */
export function rowOf({ record, receivedAt, clientAddress }) {
  return [
    record.id.toLowerCase(), record.visitorId, record.email.address?.toLowerCase() ?? null, record.createdAt,
    receivedAt, clientAddress, JSON.stringify(record),
  ];
}

/**
 * Stores consent records through group commit on a writer thread (record-writer-worker.js).
 * The database must already be migrated (`openConsentDb`).
 * @param {string} dbPath
 * @param {(error: Error) => void} logError told once per failed batch
 */
export function startRecordWriter(dbPath, logError) {
  /** @type {Worker} */
  let worker;
  /** @type {Promise<unknown>} */
  let exited;
  let closing = false;
  /** @type {Error | null} set once the WAL could not be synced (db.js, WalSyncError) */
  let broken = null;
  /** @type {((reply: { kept?: import('./db.js').Kept[], error?: string, fatal?: boolean }) => void) | null} */
  let answer = null;

  function spawn() {
    worker = new Worker(WORKER, { workerData: { dbPath } });
    exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.on('message', (reply) => answer?.(reply));
    // A thread that died mid-batch leaves that batch's fate unknown: it fails (the widget sends it
    // again, and a repeated id is answered 200), and the next batch gets a fresh thread.
    worker.on('error', (error) => answer?.({ error: error.message }));
    worker.on('exit', () => {
      answer?.({ error: 'the writer thread stopped' });
      if (!closing && !broken) spawn();
    });
  }
  spawn();

  const commits = groupCommit((/** @type {import('./db.js').Row[]} */ batch) => new Promise((resolve, reject) => {
    if (broken) {
      reject(broken);
      return;
    }
    answer = (reply) => {
      answer = null;
      if (reply.kept) {
        resolve(reply.kept.map((kept, n) => {
          if (kept === false) return { conflict: true };
          if (kept === null) return { created: true, receivedAt: /** @type {string} */ (/** @type {import('./db.js').Row} */ (batch[n])[4]) };
          return { created: false, receivedAt: kept };
        }));
        return;
      }
      const error = new Error(`consent records not stored: ${reply.error}`);
      logError(error);
      if (reply.fatal) {
        // No later answer could be trusted: refuse every record until a restart recovers the log.
        broken = new Error(`consent records not stored until the collector restarts: ${reply.error}`);
        closing = true;
        worker.postMessage('close');
      }
      reject(error);
    };
    worker.postMessage(batch);
  }));

  return {
    /**
     * Queues a record; `settle` runs once its batch is durable (or failed: then nothing of it is kept).
     * @param {ToStore} toStore
     * @param {import('./group-commit.js').Settle<Stored>} settle
     */
    add(toStore, settle) {
      // Serialised now, while the writer is busy with the batch before, not when this batch is sent.
      commits.add(rowOf(toStore), settle);
    },
    /**
     * Why the writer takes no more records (a failed WAL sync, see `WalSyncError`), or null while
     * it does: a collector that answers every post 503 until restarted must not look healthy.
     * @returns {Error | null}
     */
    stopped() {
      return broken;
    },
    /** Commits what is queued, then closes the writer's connection. */
    async close() {
      await commits.drain();
      if (!closing) {
        closing = true;
        worker.postMessage('close');
      }
      await exited;
    },
  };
}
