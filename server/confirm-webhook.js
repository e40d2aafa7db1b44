import { createHmac } from 'node:crypto';

/**
 * Tells the shop's server when an address is confirmed or unsubscribed (SPEC §12): a JSON POST to
 * `CONFIRM_WEBHOOK_URL`, signed `X-Carat-Signature: sha256=HEX` (HMAC-SHA256 of the exact body
 * under `CONFIRM_WEBHOOK_SECRET`). Delivery runs beside the request that caused it, never in its
 * way: a receiver that fails, answers other than 2xx or hangs is tried again with backoff, and
 * every failure is logged. The records themselves are in the store whatever the webhook does.
 *
 * @typedef {object} WebhookOptions
 * @property {string} url
 * @property {string} secret
 * @property {number} [timeoutMs] per attempt (default 10 s)
 * @property {number} [firstRetryMs] doubled after each failure, at most an hour (default 5 s)
 * @property {number} [attempts] before giving up (default 12, about 3 hours with the defaults)
 */

const LAST_RETRY_MS = 3600 * 1000;

/** @param {string} body @param {string} secret */
export const webhookSignature = (body, secret) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * @param {WebhookOptions} options
 * @param {import('fastify').FastifyBaseLogger} log
 */
export function confirmWebhook(options, log) {
  const timeoutMs = options.timeoutMs ?? 10000;
  const firstRetryMs = options.firstRetryMs ?? 5000;
  const attempts = options.attempts ?? 12;
  /** @type {Set<NodeJS.Timeout>} */
  const waiting = new Set();
  let closed = false;

  /** @param {string} body @param {number} attempt */
  async function deliver(body, attempt) {
    let problem;
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-carat-signature': webhookSignature(body, options.secret) },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      if (response.ok) return;
      problem = `answered ${response.status}`;
    } catch (error) {
      problem = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : String(error instanceof Error ? error.message : error);
    }
    if (attempt >= attempts || closed) {
      log.error({ webhook: options.url, attempt, body }, `confirmation webhook given up: ${problem}`);
      return;
    }
    const retryMs = Math.min(firstRetryMs * 2 ** (attempt - 1), LAST_RETRY_MS);
    log.warn({ webhook: options.url, attempt, retryInMs: retryMs }, `confirmation webhook failed: ${problem}`);
    const timer = setTimeout(() => {
      waiting.delete(timer);
      void deliver(body, attempt + 1);
    }, retryMs);
    waiting.add(timer);
  }

  return {
    /**
     * Posts the event in the background.
     * @param {Record<string, unknown>} event
     */
    notify(event) {
      void deliver(JSON.stringify(event), 1);
    },
    /** Drops the retries still waiting, logging each: the records they announce are in the store. */
    close() {
      closed = true;
      for (const timer of waiting) clearTimeout(timer);
      if (waiting.size) log.warn({ webhook: options.url, pending: waiting.size }, 'confirmation webhook: deliveries still waiting were dropped at shutdown');
      waiting.clear();
    },
  };
}
