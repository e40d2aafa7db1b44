import { report } from './report.js';
import type { ConsentStorage } from './storage.js';
import type { ConsentRecord } from './types.js';
import type { WordingLedger } from './outbox.js';

/**
 * Delivers the outbox to the collector, surviving flaky networks and closed tabs (SPEC §3).
 * The embed fetches this file only when something is waiting to be sent: most page views have
 * nothing to deliver.
 */
export interface Delivery {
  /** Delivers what is queued now, then retries with backoff until the collector has it. */
  flush(): Promise<void>;
  /** Stops retrying and listening; what is still queued waits for the next page. */
  dispose(): void;
}

/** What delivery needs from its page; `fetch` and `random` default to the platform's. */
export interface DeliveryDeps {
  storage: ConsentStorage;
  /** The collector's record route; its wording route is the sibling `wording`. */
  endpoint: string;
  onDelivered: (id: string) => void;
  fetch?: typeof fetch;
  random?: () => number;
}

const LOCK = 'carat-consent-outbox';
const RETRY_BASE_MS = 2000;
const RETRY_MAX_MS = 300000;
// The collector says the record itself is wrong: sending it again cannot help (409: another record holds its id).
const REFUSED = [400, 409, 413, 415, 422];

const refused = (what: string, status: number): void =>
  report(`the collector refused ${what} with HTTP ${status}; it will not be sent again`);

/** Delivers the outbox on each `flush()`, and again on `online`; offers it to `sendBeacon` on `pagehide`. */
export function createDelivery({ storage, endpoint, onDelivered, fetch: post = fetch, random = Math.random }: DeliveryDeps): Delivery {
  const wordingUrl = new URL('wording', new URL(endpoint, location.href)).href;
  // pagehide leaves no time to read IndexedDB, so the beacon sends what these last held.
  let queued: ConsentRecord[] = [];
  let ledger: WordingLedger = {};
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  let chain = Promise.resolve();
  let toldOrigin = false;

  /** The answer's status, or 0 when there was none (offline, unreachable, refused by CORS). */
  const postJson = (url: string, body: unknown): Promise<number> =>
    post(url, {
      method: 'POST',
      keepalive: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((response) => response.status, () => 0);

  const retryable = (status: number): boolean => (status < 200 || status > 299) && !REFUSED.includes(status);

  /**
   * A failed post looks the same whether the network is down or the collector withholds CORS from
   * this page's origin. Only the second is the site owner's to fix: the collector answers a
   * request that needs no CORS, but not the same request made with CORS.
   */
  async function tellIfOriginRefused(): Promise<void> {
    const answers = (init: RequestInit) => post(endpoint, { method: 'HEAD', ...init }).then(() => true, () => false);
    if (toldOrigin || !(await answers({ mode: 'no-cors' })) || (await answers({}))) return;
    toldOrigin = true;
    const origin = location.origin;
    report(
      `option "endpoint" ${JSON.stringify(endpoint)}: the collector refuses this page's origin ${origin} (it sends no CORS headers for it); ` +
        `add ${origin} to the collector's ALLOWED_ORIGINS. The records wait in the visitor's browser until it accepts them`,
    );
  }

  /** One delivery pass; true when nothing is left to retry. */
  async function deliver(): Promise<boolean> {
    const [records = [], wordings = {}] = await Promise.all([
      storage.get<ConsentRecord[]>('outbox'),
      storage.get<WordingLedger>('wordings'),
    ]);
    queued = records;
    ledger = wordings;
    for (const record of records) {
      const status = await postJson(endpoint, record);
      if (status === 0) await tellIfOriginRefused();
      if (retryable(status)) return false;
      await storage.update<ConsentRecord[]>('outbox', (list = []) => (queued = list.filter((r) => r.id !== record.id)));
      if (status > 299) refused(`consent record ${record.id}`, status);
      else onDelivered(record.id);
    }
    for (const [hash, text] of Object.entries(ledger)) {
      if (text === true) continue;
      const status = await postJson(wordingUrl, { hash, text });
      // A collector without the wording route answers 404: the records matter more than a retry loop.
      if (status === 0 || status === 408 || status === 429 || status > 499) return false;
      if (status > 299) refused(`the wording ${hash}`, status);
      await storage.update<WordingLedger>('wordings', (old = {}) => (ledger = { ...old, [hash]: true }));
    }
    return true;
  }

  function flush(): Promise<void> {
    chain = chain.then(async () => {
      if (disposed) return;
      clearTimeout(timer);
      // One tab delivers at a time; the others then find the shared outbox already empty.
      const done = await (navigator.locks ? navigator.locks.request(LOCK, deliver) : deliver()).catch(() => false);
      if (done) attempt = 0;
      else if (!disposed) {
        const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(attempt++, 16));
        timer = setTimeout(flush, delay / 2 + (random() * delay) / 2);
      }
    });
    return chain;
  }

  const onOnline = (): void => void flush();
  const onPageHide = (): void => {
    for (const record of queued) navigator.sendBeacon(endpoint, JSON.stringify(record));
    for (const [hash, text] of Object.entries(ledger)) {
      if (text !== true) navigator.sendBeacon(wordingUrl, JSON.stringify({ hash, text }));
    }
  };
  addEventListener('online', onOnline);
  addEventListener('pagehide', onPageHide);

  return {
    flush,
    dispose() {
      disposed = true;
      clearTimeout(timer);
      removeEventListener('online', onOnline);
      removeEventListener('pagehide', onPageHide);
    },
  };
}
