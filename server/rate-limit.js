/**
 * A fixed-window budget per key: every key may spend `max` in each window of `windowMs`. All keys
 * start over together, so memory holds only the keys seen in the current window.
 * @param {number} max
 * @param {number} windowMs
 * @param {() => number} [now]
 */
export function windowBudget(max, windowMs, now = Date.now) {
  let windowEnd = 0;
  /** @type {Map<string, number>} */
  let spent = new Map();

  function current() {
    const time = now();
    if (time >= windowEnd) {
      windowEnd = time + windowMs;
      spent = new Map();
    }
    return time;
  }

  return {
    /** Spends one for `key`; false when its budget was already used up. @param {string} key */
    spend(key) {
      current();
      const used = spent.get(key) ?? 0;
      if (used >= max) return false;
      spent.set(key, used + 1);
      return true;
    },
    /** Whether `key` has nothing left, without spending. @param {string} key */
    exhausted(key) {
      current();
      return (spent.get(key) ?? 0) >= max;
    },
    /** Whole seconds until every budget starts over, for `Retry-After`. */
    retryAfterS() {
      return Math.max(1, Math.ceil((windowEnd - current()) / 1000));
    },
  };
}
