import { chainHashOf, removalDigest } from './chain.js';

/**
 * Retention (`CONSENT_RETENTION_DAYS`): records older than the retention period are removed when
 * their visitor and their address both have a newer record, so the latest record per visitor and
 * per address always stays. A removal is an entry of the chain itself (chain.js), so `verify`
 * still recomputes every link after it; docs/collector.md, "Retention", explains the design.
 */

export const DEFAULT_RETENTION_DAYS = 1095;
const DAY_MS = 86400000;
/** Records removed per transaction: each holds the write lock, which posts wait for. */
export const REMOVAL_BATCH = 1000;

/**
 * @typedef {{ removedAt: string, retentionDays: number, before: string }} RetentionRun
 * @typedef {{ seq: number, chainHash: string, receivedAt: string }} Removable
 */

/**
 * What one retention run asks of the store at `now`.
 * @param {number} now ms since the epoch
 * @param {number} retentionDays
 * @returns {RetentionRun}
 */
export function retentionRun(now, retentionDays) {
  return { removedAt: new Date(now).toISOString(), retentionDays, before: new Date(now - retentionDays * DAY_MS).toISOString() };
}

/**
 * The removal entry for `removable` records (any order), appended after `head`, and what each
 * removed record leaves behind.
 * @param {Removable[]} removable
 * @param {import('./chain.js').ChainHead} head
 * @param {RetentionRun} run
 */
export function removalOf(removable, head, run) {
  const seq = head.seq + 1;
  const removed = [...removable].sort((a, b) => a.seq - b.seq);
  const digest = removalDigest();
  for (const entry of removed) digest.add(entry);
  /** @type {import('./chain.js').Removal} */
  const removal = { ...run, count: removed.length, digest: digest.digest() };
  return {
    removed: removed.map((entry) => ({ ...entry, removedBy: seq })),
    entry: { seq, chainHash: chainHashOf(head.chainHash, { seq, removal }), removal },
  };
}

/**
 * Runs retention at start and then every `intervalMs` (a day), one run at a time.
 * @param {object} options
 * @param {(run: RetentionRun) => Promise<{ removed: number, removals: number }>} options.remove the store's `removeOld`
 * @param {number} options.days
 * @param {() => number} [options.now] the clock, ms since the epoch
 * @param {number} [options.intervalMs]
 * @param {(line: string) => void} options.log
 * @param {(error: Error) => void} options.logError
 */
export function startRetention({ remove, days, now = Date.now, intervalMs = DAY_MS, log, logError }) {
  /** @type {Promise<unknown>} */
  let running = Promise.resolve();
  const runOnce = () => {
    running = running.then(async () => {
      const run = retentionRun(now(), days);
      try {
        const { removed, removals } = await remove(run);
        if (removed) log(`retention: ${removed} record${removed === 1 ? '' : 's'} received before ${run.before} removed (CONSENT_RETENTION_DAYS=${days})${removals ? `, in ${removals} removal entr${removals === 1 ? 'y' : 'ies'} of the chain` : ''}`);
      } catch (error) {
        logError(new Error(`retention failed: ${/** @type {Error} */ (error).message}`, { cause: error }));
      }
    });
    return running;
  };
  const first = runOnce();
  const timer = setInterval(runOnce, intervalMs);
  timer.unref();
  return {
    /** Resolves once the run at start is over. */
    started: first,
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}
