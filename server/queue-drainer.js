/**
 * Works off a queue kept in the store (confirmation mails, webhook events): runs `drain`, which
 * takes due items until none is left, at once, every `pollMs` (for what other collectors queued or
 * put off), whenever kicked, and when a retry this collector put off falls due before the next
 * poll. One round runs at a time; a kick during a round runs another after it.
 * @param {{ drain: () => Promise<void>, pollMs: number, onError: (error: unknown) => void }} options
 */
export function queueDrainer({ drain, pollMs, onError }) {
  /** @type {Promise<void> | null} */
  let draining = null;
  let again = false;
  let closed = false;
  /** @type {Set<NodeJS.Timeout>} */
  const retries = new Set();

  function kick() {
    if (closed) return;
    if (draining) {
      again = true;
      return;
    }
    draining = drain()
      .catch(onError)
      .finally(() => {
        draining = null;
        if (again) {
          again = false;
          kick();
        }
      });
  }

  const timer = setInterval(kick, pollMs);
  timer.unref();
  kick();

  return {
    kick,
    /** Kicks again in `ms`, unless the next poll comes first. @param {number} ms */
    kickIn(ms) {
      if (ms >= pollMs) return;
      const retry = setTimeout(() => { retries.delete(retry); kick(); }, ms + 10);
      retry.unref();
      retries.add(retry);
    },
    /** Stops kicking, and settles once the round under way is over. */
    async close() {
      closed = true;
      clearInterval(timer);
      for (const retry of retries) clearTimeout(retry);
      await draining;
    },
  };
}
