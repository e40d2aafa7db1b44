/**
 * @template R
 * @typedef {(error: Error | null, result?: R) => void} Settle
 */

/**
 * Group commit: everything queued before the event loop next reaches its check phase is written
 * by one call of `commit` (one transaction, so one fsync), and each caller hears back only after
 * that call returned. With a synchronous SQLite driver the commit blocks the loop, so requests
 * that arrive during it are read in the next turn and form the next batch: the busier the
 * collector, the more rows share each fsync, and no answer ever precedes its row's durability.
 *
 * When `commit` throws, nothing of the batch is on disk and every caller gets the error.
 *
 * @template T, R
 * @param {(items: T[]) => R[]} commit writes all items atomically; one result per item, in order
 */
export function groupCommit(commit) {
  /** @type {T[]} */
  let items = [];
  /** @type {Settle<R>[]} */
  let settles = [];

  function flush() {
    if (items.length === 0) return;
    const batch = items;
    const waiting = settles;
    items = [];
    settles = [];
    /** @type {R[]} */
    let results;
    try {
      results = commit(batch);
    } catch (error) {
      for (const settle of waiting) settle(/** @type {Error} */ (error));
      return;
    }
    for (let i = 0; i < waiting.length; i++) /** @type {Settle<R>} */ (waiting[i])(null, results[i]);
  }

  return {
    /**
     * Queues one item; `settle` runs once it is committed, or with the error when its batch failed.
     * @param {T} item @param {Settle<R>} settle
     */
    add(item, settle) {
      if (items.length === 0) setImmediate(flush);
      items.push(item);
      settles.push(settle);
    },
    /** Commits what is queued now, without waiting for the loop (before the database closes). */
    flush,
  };
}
