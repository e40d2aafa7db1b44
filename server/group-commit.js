/**
 * @template R
 * @typedef {(error: Error | null, result?: R) => void} Settle
 */

/**
 * Group commit: items queued while a batch is being committed, or within the same event-loop turn,
 * go to disk together in the next call of `commit` (one transaction, so one fsync), and each
 * caller hears back only once that call has resolved. The busier the collector, the more rows
 * share each fsync; no answer ever precedes its row's durability.
 *
 * When `commit` rejects, nothing of the batch is on disk and every caller of it gets the error.
 *
 * @template T, R
 * @param {(items: T[]) => Promise<R[]>} commit writes all items atomically; one result per item, in order
 */
export function groupCommit(commit) {
  /** @type {T[]} */
  let items = [];
  /** @type {Settle<R>[]} */
  let settles = [];
  /** @type {Promise<void> | null} the batch being committed */
  let inFlight = null;
  let scheduled = false;

  function next() {
    scheduled = false;
    if (inFlight || items.length === 0) return;
    const batch = items;
    const waiting = settles;
    items = [];
    settles = [];
    // The next batch is handed over before this one's callers are answered: answering them is work
    // on this thread that the writer need not wait for.
    inFlight = commit(batch).then(
      (results) => {
        inFlight = null;
        next();
        for (let i = 0; i < waiting.length; i++) /** @type {Settle<R>} */ (waiting[i])(null, results[i]);
      },
      (error) => {
        inFlight = null;
        next();
        for (const settle of waiting) settle(error);
      },
    );
  }

  return {
    /**
     * Queues one item; `settle` runs once it is committed, or with the error when its batch failed.
     * @param {T} item @param {Settle<R>} settle
     */
    add(item, settle) {
      items.push(item);
      settles.push(settle);
      // setImmediate runs after every request read in this turn has been queued.
      if (!inFlight && !scheduled) {
        scheduled = true;
        setImmediate(next);
      }
    },
    /** Resolves once everything queued so far is committed (or failed). */
    async drain() {
      next();
      while (inFlight) await inFlight;
    },
  };
}
