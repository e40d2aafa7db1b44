/**
 * Counts failed console sign-ins per client address (already truncated), so a token cannot be
 * guessed at speed: after `max` failures in `windowMs`, sign-in is refused until the window ends.
 * @param {{ max: number, windowMs: number, now?: () => number }} options
 */
export function createSignInLimiter({ max, windowMs, now = Date.now }) {
  /** address → failures and when their window ends */
  const failures = new Map();
  /** @param {string} address */
  const current = (address) => {
    const entry = failures.get(address);
    if (entry && entry.until <= now()) failures.delete(address);
    return failures.get(address);
  };
  return {
    /** @param {string} address @returns {number} seconds until sign-in is allowed again, 0 when it is */
    blockedFor(address) {
      const entry = current(address);
      return entry && entry.count >= max ? Math.ceil((entry.until - now()) / 1000) : 0;
    },
    /** @param {string} address */
    fail(address) {
      const entry = current(address) ?? { count: 0, until: now() + windowMs };
      entry.count += 1;
      failures.set(address, entry);
    },
  };
}
