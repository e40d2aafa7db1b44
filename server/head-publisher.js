import { formatHead } from './chain.js';

/**
 * Publishes the chain's head on a schedule (SPEC §10) so the shop keeps copies away from the
 * database: whoever holds the file can recompute the chain whole, but not the heads already sent
 * elsewhere. Each head goes to the log as a line, and to `webhookUrl` as JSON when set; a head is
 * published at start, whenever it moved by the next tick, and once more on close.
 * @param {object} options
 * @param {() => import('./chain.js').ChainHead | Promise<import('./chain.js').ChainHead>} options.head
 * @param {number} options.intervalMs
 * @param {string} [options.webhookUrl]
 * @param {(line: string) => void} options.log
 */
export function startHeadPublisher({ head, intervalMs, webhookUrl, log }) {
  let last = '';
  /** @type {Promise<void>} */
  let sending = Promise.resolve();

  async function publish() {
    let current;
    try {
      current = await head();
    } catch (error) {
      log(`audit head not read: ${error instanceof Error ? error.message : error}`);
      return;
    }
    const text = formatHead(current);
    if (text === last) return;
    last = text;
    const publishedAt = new Date().toISOString();
    log(`audit head ${text} at ${publishedAt} (check later with: verify --head ${text})`);
    if (!webhookUrl) return;
    const url = webhookUrl;
    sending = sending.then(() => fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seq: current.seq, chainHash: current.chainHash, head: text, publishedAt }),
      signal: AbortSignal.timeout(10000),
    }).then(
      (response) => { if (!response.ok) log(`audit head ${text} not delivered to AUDIT_HEAD_WEBHOOK_URL: HTTP ${response.status}`); },
      (error) => log(`audit head ${text} not delivered to AUDIT_HEAD_WEBHOOK_URL: ${error instanceof Error ? error.message : error}`),
    ));
  }

  publish();
  const timer = setInterval(() => { publish(); }, intervalMs).unref();
  return {
    /** Publishes the final head and waits for its delivery. */
    async close() {
      clearInterval(timer);
      await publish();
      await sending;
    },
  };
}
