import { Worker } from 'node:worker_threads';

const WORKER = new URL('./checkpoint-worker.js', import.meta.url);

/**
 * Checkpoints the database's WAL on a thread of its own (checkpoint-worker.js), every
 * `intervalMs`, so the log stays short without any commit paying for it.
 * @param {string} dbPath a database `openConsentDb` has already migrated
 * @param {(error: Error) => void} logError told when a checkpoint fails (the next one tries again)
 * @param {{ intervalMs?: number, restartFrames?: number }} [tuning] how often; the log length (in
 *   pages) past which a checkpoint waits for the writer to copy everything and restart the log
 */
export function startCheckpointer(dbPath, logError, { intervalMs = 200, restartFrames = 16384 } = {}) {
  const worker = new Worker(WORKER, { workerData: { dbPath, intervalMs, restartFrames } });
  worker.on('message', (message) => logError(new Error(`checkpoint failed: ${message}`)));
  worker.on('error', logError);
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  return {
    /** Stops after the checkpoint under way, if any, and closes the thread's connection. */
    async close() {
      worker.postMessage('close');
      await exited;
    },
  };
}
