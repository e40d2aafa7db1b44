import { expect } from '@open-wc/testing';
import { clear, createStore } from 'idb-keyval';
import { createDelivery, type DeliveryDeps } from '../src/delivery.js';
import { keepRecord } from '../src/outbox.js';
import { openConsentStorage, DB_NAME, STORE_NAME, type ConsentStorage } from '../src/storage.js';
import { sha256 } from '../src/policy-text.js';
import type { ConsentRecord } from '../src/types.js';

/** What the widget does with a new record: keep it, then deliver. */
interface Outbox {
  send(record: ConsentRecord, wording: string): Promise<void>;
  flush(): Promise<void>;
  dispose(): void;
}

function createOutbox(deps: DeliveryDeps): Outbox {
  const delivery = createDelivery(deps);
  return {
    ...delivery,
    send: async (record, wording) => {
      await keepRecord(deps.storage, record, wording, true);
      return delivery.flush();
    },
  };
}

interface Collector {
  url: string;
  adminToken: string;
  unreachableUrl: string;
}

interface StoredRecord {
  record: ConsentRecord;
  receivedAt: string;
}

const WORDING = 'We use cookies to run this shop. Analytics: counting visits. E-mail: offers now and then.';

function makeRecord(wordingHash: string, overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    id: crypto.randomUUID(),
    visitorId: crypto.randomUUID(),
    createdAt: '2026-11-24T21:40:00.000Z',
    expiresAt: '2027-05-23T21:40:00.000Z',
    policyVersion: 'sha256:policy',
    site: location.origin,
    method: 'accept-all',
    categories: { necessary: true, analytics: true, marketing: true, preferences: true },
    email: { marketing: 'unset' },
    gpc: false,
    language: 'en',
    wordingHash,
    ...overrides,
  };
}

describe('outbox against the real collector', () => {
  let collector: Collector;
  let storage: ConsentStorage;
  let wordingHash: string;
  const outboxes: Outbox[] = [];
  const delivered: string[] = [];
  const posted: string[] = [];

  /** The platform's fetch, with every URL it is asked for written down. */
  const observedFetch: typeof fetch = (input, init) => {
    posted.push(String(input));
    return fetch(input, init);
  };

  function open(endpoint = `${collector.url}/api/consent`): Outbox {
    const outbox = createOutbox({ storage, endpoint, onDelivered: (id) => delivered.push(id), fetch: observedFetch });
    outboxes.push(outbox);
    return outbox;
  }

  async function admin<T>(path: string): Promise<{ status: number; body: T }> {
    const response = await fetch(`${collector.url}${path}`, { headers: { authorization: `Bearer ${collector.adminToken}` } });
    return { status: response.status, body: (await response.json()) as T };
  }

  const rowsOf = async (visitorId: string): Promise<StoredRecord[]> =>
    (await admin<{ records: StoredRecord[] }>(`/api/consent?visitorId=${visitorId}`)).body.records;

  before(async () => {
    collector = (await (await fetch('/__collector.json')).json()) as Collector;
    storage = (await openConsentStorage())!;
    wordingHash = await sha256(WORDING);
  });

  beforeEach(async () => {
    await clear(createStore(DB_NAME, STORE_NAME));
    delivered.length = 0;
    posted.length = 0;
  });

  afterEach(() => {
    outboxes.splice(0).forEach((outbox) => outbox.dispose());
  });

  it('delivers a record: exactly one row, out of the outbox, kept in history, onDelivered called', async () => {
    const record = makeRecord(wordingHash);
    await open().send(record, WORDING);

    const { status, body } = await admin<StoredRecord>(`/api/consent/${record.id}`);
    expect(status).to.equal(200);
    expect(body.record).to.deep.equal(record);
    expect(await rowsOf(record.visitorId)).to.have.length(1);
    expect(await storage.get('outbox')).to.deep.equal([]);
    expect(await storage.get('history')).to.deep.equal([record]);
    expect(delivered).to.deep.equal([record.id]);
  });

  it('keeps a record while the collector is unreachable and delivers it on the next page', async () => {
    const record = makeRecord(wordingHash);
    const offline = open(`${collector.unreachableUrl}/api/consent`);
    await offline.send(record, WORDING);
    expect(await storage.get('outbox')).to.deep.equal([record]);
    expect(delivered).to.deep.equal([]);
    offline.dispose();

    await open().flush();
    expect(await storage.get('outbox')).to.deep.equal([]);
    expect(delivered).to.deep.equal([record.id]);
    const rows = await rowsOf(record.visitorId);
    expect(rows.map((row) => row.record)).to.deep.equal([record]);
  });

  it('sends a record again without making a second row', async () => {
    const record = makeRecord(wordingHash);
    const outbox = open();
    await outbox.send(record, WORDING);
    await storage.update<ConsentRecord[]>('outbox', () => [record]);
    await outbox.flush();
    expect(delivered).to.deep.equal([record.id, record.id]);
    expect(await rowsOf(record.visitorId)).to.have.length(1);
  });

  it('drops a record the collector refuses with 422, once reported, without retrying it', async () => {
    const refused = makeRecord(wordingHash, { language: 'not a language' });
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const outbox = open();
      await outbox.send(refused, WORDING);
      await outbox.flush();
    } finally {
      console.error = original;
    }
    expect(errors).to.have.length(1);
    expect(String(errors[0]?.[0])).to.match(/^\[carat-consent\] .*422/).and.include(refused.id);
    expect(posted.filter((url) => url.endsWith('/api/consent'))).to.have.length(1);
    expect(await storage.get('outbox')).to.deep.equal([]);
    expect(await storage.get('history')).to.deep.equal([refused]);
    expect(delivered).to.deep.equal([]);
    expect((await admin(`/api/consent/${refused.id}`)).status).to.equal(404);
  });

  it('posts the wording once per hash and remembers it was sent', async () => {
    const text = `${WORDING} ${crypto.randomUUID()}`;
    const hash = await sha256(text);
    const outbox = open();
    await outbox.send(makeRecord(hash), text);
    await outbox.send(makeRecord(hash, { method: 'reject-all' }), text);

    expect(posted.filter((url) => url === `${collector.url}/api/wording`)).to.have.length(1);
    expect(posted.filter((url) => url === `${collector.url}/api/consent`)).to.have.length(2);
    expect(await storage.get('wordings')).to.deep.equal({ [hash]: true });
    const response = await fetch(`${collector.url}/api/wording/${hash}`);
    expect(response.status).to.equal(200);
    expect(((await response.json()) as { text: string }).text).to.equal(text);
  });

  it('offers what is left to sendBeacon on pagehide, which the collector takes as text/plain', async () => {
    const record = makeRecord(wordingHash);
    // The fetch is lost (the tab is going away); the beacon is what still reaches the collector.
    const lost: typeof fetch = () => Promise.reject(new TypeError('the page is unloading'));
    const outbox = createOutbox({ storage, endpoint: `${collector.url}/api/consent`, onDelivered: () => {}, fetch: lost });
    outboxes.push(outbox);
    await outbox.send(record, WORDING);
    dispatchEvent(new Event('pagehide'));

    let rows: StoredRecord[] = [];
    for (let i = 0; i < 50 && rows.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      rows = await rowsOf(record.visitorId);
    }
    expect(rows.map((row) => row.record)).to.deep.equal([record]);
    expect(await storage.get('outbox'), 'a beacon is never known to arrive').to.deep.equal([record]);
  });

  /** A network that drops the first request, then works: a visitor on a train. */
  function flakyFetch(): typeof fetch {
    let dropped = false;
    return (input, init) => {
      posted.push(String(input));
      if (dropped) return fetch(input, init);
      dropped = true;
      return Promise.reject(new TypeError('Failed to fetch'));
    };
  }

  it('retries by itself after a failure, with backoff', async () => {
    const record = makeRecord(wordingHash);
    const outbox = createOutbox({
      storage,
      endpoint: `${collector.url}/api/consent`,
      onDelivered: (id) => delivered.push(id),
      fetch: flakyFetch(),
      random: () => 0,
    });
    outboxes.push(outbox);
    await outbox.flush();
    const started = performance.now();
    await outbox.send(record, WORDING);
    expect(delivered).to.deep.equal([]);
    while (delivered.length === 0 && performance.now() - started < 5000) await new Promise((r) => setTimeout(r, 50));
    expect(delivered).to.deep.equal([record.id]);
    // Base delay 2 s, halved by the lowest jitter: the retry waited about a second, not zero.
    expect(performance.now() - started).to.be.above(900);
    expect(await rowsOf(record.visitorId)).to.have.length(1);
  });

  it('retries at once when the browser comes back online', async () => {
    const record = makeRecord(wordingHash);
    const outbox = createOutbox({
      storage,
      endpoint: `${collector.url}/api/consent`,
      onDelivered: (id) => delivered.push(id),
      fetch: flakyFetch(),
      random: () => 1,
    });
    outboxes.push(outbox);
    await outbox.flush();
    await outbox.send(record, WORDING);
    expect(await storage.get('outbox')).to.deep.equal([record]);
    dispatchEvent(new Event('online'));
    await outbox.flush();
    expect(delivered).to.deep.equal([record.id]);
  });

  it('lets one tab deliver at a time, so two tabs post a queued record once', async () => {
    const record = makeRecord(wordingHash);
    await storage.update<ConsentRecord[]>('outbox', () => [record]);
    const [first, second] = [open(), open()];
    await Promise.all([first.flush(), second.flush()]);
    expect(posted.filter((url) => url.endsWith('/api/consent'))).to.have.length(1);
    expect(delivered).to.deep.equal([record.id]);
  });

  it('keeps at most the last 50 records in history', async () => {
    const records = Array.from({ length: 52 }, () => makeRecord(wordingHash));
    await storage.update<ConsentRecord[]>('history', () => records.slice(0, 51));
    await open().send(records[51]!, WORDING);
    const history = (await storage.get<ConsentRecord[]>('history')) ?? [];
    expect(history).to.have.length(50);
    expect(history.at(-1)).to.deep.equal(records[51]);
    expect(history[0]).to.deep.equal(records[2]);
  });
});
