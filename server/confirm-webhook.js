import { createHmac } from 'node:crypto';
import { queueDrainer } from './queue-drainer.js';

/**
 * Tells the shop's server when an address is confirmed or unsubscribed (SPEC §12): a JSON POST to
 * `CONFIRM_WEBHOOK_URL`, signed `X-Carat-Signature: sha256=HEX` (HMAC-SHA256 of the exact body
 * under `CONFIRM_WEBHOOK_SECRET`). An event is queued in the store before the page that caused it
 * answers, and posted beside it, never in its way: a receiver that fails, answers other than 2xx
 * or hangs is tried again with backoff, across restarts and from any collector on the store, and
 * every failure is logged. Delivery is at least once: the receiver tells repeats by `id`.
 *
 * @typedef {object} WebhookOptions
 * @property {string} url
 * @property {string} secret
 * @property {number} [timeoutMs] per attempt (default 10 s)
 * @property {number} [firstRetryMs] doubled after each failure, at most an hour (default 5 s)
 * @property {number} [attempts] before giving up (default 12, about 3 hours with the defaults)
 * @property {number} [pollMs] how often to look for events that are due (default 15 s)
 */

const LAST_RETRY_MS = 3600 * 1000;
/** How long a given-up event stays in the store, for the shop to see, before its address goes. */
const GIVEN_UP_KEPT_MS = 30 * 24 * 3600 * 1000;

/** @param {string} body @param {string} secret */
export const webhookSignature = (body, secret) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * @param {{ options: WebhookOptions, store: import('./store.js').Store, now: () => Date, log: import('fastify').FastifyBaseLogger }} setup
 */
export function confirmWebhook({ options, store, now, log }) {
  const timeoutMs = options.timeoutMs ?? 10000;
  const firstRetryMs = options.firstRetryMs ?? 5000;
  const attempts = options.attempts ?? 12;
  // Held past the longest attempt, so no other collector posts an event while this one still may.
  const leaseMs = timeoutMs + 60 * 1000;
  const events = store.webhookEvents;
  let closed = false;
  /** Aborts the post under way when the collector closes. */
  const closing = new AbortController();

  /** @param {string} body @returns {Promise<string | null>} null once delivered, else what went wrong */
  async function post(body) {
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-carat-signature': webhookSignature(body, options.secret) },
        body,
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), closing.signal]),
      });
      await response.body?.cancel();
      return response.ok ? null : `answered ${response.status}`;
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
      return String(error instanceof Error ? error.message : error);
    }
  }

  /** @param {import('./webhook-events.js').ClaimedEvent} event */
  async function deliver({ id, body, attempts: attempt }) {
    const problem = await post(body);
    if (problem === null) return events.delivered(id);
    if (closed) {
      // Due again at once: the next collector to start posts it.
      log.warn({ webhook: options.url, attempt }, 'confirmation webhook: a delivery under way at shutdown waits in the store');
      return events.failed(id, now(), 'the collector closed');
    }
    if (attempt >= attempts) {
      log.error({ webhook: options.url, attempt, body }, `confirmation webhook given up: ${problem}`);
      return events.gaveUp(id, now(), problem);
    }
    const retryMs = Math.min(firstRetryMs * 2 ** (attempt - 1), LAST_RETRY_MS);
    log.warn({ webhook: options.url, attempt, retryInMs: retryMs }, `confirmation webhook failed: ${problem}`);
    await events.failed(id, new Date(now().getTime() + retryMs), problem);
    queue.kickIn(retryMs);
  }

  async function drain() {
    await events.forgetGivenUp(new Date(now().getTime() - GIVEN_UP_KEPT_MS));
    while (!closed) {
      const event = await events.claim(now(), leaseMs);
      if (!event) return;
      await deliver(event);
    }
  }

  const queue = queueDrainer({
    drain,
    pollMs: options.pollMs ?? 15000,
    onError: (error) => log.error(error, 'confirmation webhook: the queue could not be read'),
  });

  return {
    /**
     * Queues the event in the store and posts it in the background; resolves once it is queued.
     * @param {Record<string, unknown>} event
     */
    async notify(event) {
      try {
        await events.queue(JSON.stringify(event), now());
        queue.kick();
      } catch (error) {
        log.error({ webhook: options.url, event }, `confirmation webhook: event not queued: ${error instanceof Error ? error.message : error}`);
      }
    },
    /** Stops posting: a post under way is cut short and stays due in the store. */
    async close() {
      closed = true;
      closing.abort();
      await queue.close();
    },
  };
}
