import { parentPort, workerData } from 'node:worker_threads';
import { openCheckpointer } from './db.js';

// The checkpoint thread: copies committed WAL frames into the database file while the writer
// thread goes on committing, so no commit, and no answer, ever waits for a checkpoint.
const { dbPath, intervalMs, restartFrames } = /** @type {{ dbPath: string, intervalMs: number, restartFrames: number }} */ (workerData);
const checkpointer = openCheckpointer(dbPath);
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

/** @type {NodeJS.Timeout} */
let timer;
function checkpoint() {
  try {
    // Under steady load the writer commits during every PASSIVE checkpoint, so the log may never be
    // wholly copied and never start over; RESTART waits for a gap between commits to make it.
    if (checkpointer.passive() > restartFrames) checkpointer.restart();
  } catch (error) {
    port.postMessage(error instanceof Error ? error.message : String(error));
  }
  timer = setTimeout(checkpoint, intervalMs);
}
timer = setTimeout(checkpoint, intervalMs);

port.on('message', () => {
  clearTimeout(timer);
  checkpointer.close();
  port.close();
});
