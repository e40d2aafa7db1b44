import { parentPort, workerData } from 'node:worker_threads';
import { openRecordWriter, WalSyncError } from './db.js';

// The writer thread: SQLite's commit (and its fsync) blocks whichever thread runs it, so it runs
// here while the main thread goes on reading and validating the next requests.
const writer = openRecordWriter(/** @type {{ dbPath: string }} */ (workerData).dbPath);
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

port.on('message', (/** @type {import('./db.js').Row[] | 'close'} */ message) => {
  if (message === 'close') {
    writer.close();
    port.close();
    return;
  }
  try {
    port.postMessage({ kept: writer.insert(message) });
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? error.message : String(error), fatal: error instanceof WalSyncError });
  }
});
