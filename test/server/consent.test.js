import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCollector, tempDir, tempStore, onlyOn, makeRecord, post, rows, wordingHash } from './collector.js';

describe('POST /api/consent', () => {
  /** @type {Awaited<ReturnType<typeof tempStore>>} */
  let temp;
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let collector;
  let endpoint = '';

  before(async () => {
    temp = await tempStore();
    collector = await startCollector({ ...temp.env, ALLOWED_ORIGINS: 'https://shop.example, https://www.shop.example' });
    endpoint = `${collector.url}/api/consent`;
  });
  after(async () => {
    await collector.stop();
    await temp.remove();
  });

  it('stores a record with 201 and its own receivedAt', async () => {
    const record = makeRecord({ createdAt: '2001-01-01T00:00:00.000Z' });
    const before = Date.now();
    const { status, body } = await post(endpoint, record);
    assert.equal(status, 201);
    assert.equal(body.id, record.id);
    const stored = (await temp.rows()).find((row) => row.id === record.id);
    assert.ok(stored);
    assert.deepEqual(JSON.parse(stored.record), record);
    assert.equal(stored.created_at, '2001-01-01T00:00:00.000Z');
    assert.ok(Date.parse(stored.received_at) >= before - 1000 && Date.parse(stored.received_at) <= Date.now() + 1000);
    assert.equal(stored.email, 'ada@clustercarat.example');
  });

  it('answers a replay with 200 and keeps exactly one row', async () => {
    const record = makeRecord();
    assert.equal((await post(endpoint, record)).status, 201);
    assert.equal((await post(endpoint, record)).status, 200);
    assert.equal((await post(endpoint, JSON.stringify(record), { 'content-type': 'text/plain;charset=UTF-8' })).status, 200);
    assert.equal((await temp.rows()).filter((row) => row.id === record.id).length, 1);
  });

  it('compares ids without regard to case: the same record under an upper-case id is a duplicate', async () => {
    const record = makeRecord();
    assert.equal((await post(endpoint, record)).status, 201);
    const shouted = await post(endpoint, { ...record, id: record.id.toUpperCase() });
    assert.equal(shouted.status, 200);
    assert.equal((await temp.rows()).filter((row) => row.id.toLowerCase() === record.id).length, 1);
  });

  it('answers 409, stores nothing and logs it when another record comes under a stored id', async () => {
    const record = makeRecord({ method: 'reject-all' });
    assert.equal((await post(endpoint, record)).status, 201);
    for (const forged of [{ ...record, method: 'accept-all' }, { ...record, id: record.id.toUpperCase(), method: 'accept-all' }]) {
      const { status, body } = await post(endpoint, forged);
      assert.equal(status, 409);
      assert.equal(body.field, 'id');
    }
    const kept = (await temp.rows()).filter((row) => row.id === record.id);
    assert.equal(kept.length, 1);
    assert.equal(JSON.parse(kept[0]?.record).method, 'reject-all');
    assert.match(collector.output(), new RegExp(`"id":"${record.id}".*another record is stored under its id`));
  });

  it('accepts text/plain, as sendBeacon sends it', async () => {
    const { status } = await post(endpoint, JSON.stringify(makeRecord()), { 'content-type': 'text/plain;charset=UTF-8' });
    assert.equal(status, 201);
  });

  it('stores the client address truncated to its /24, never whole', async () => {
    const record = makeRecord();
    await post(endpoint, record);
    const stored = (await temp.rows()).find((row) => row.id === record.id);
    assert.equal(stored.client_address, '127.0.0.0/24');
    assert.ok(!JSON.stringify(stored).includes('127.0.0.1'));
  });

  it('answers malformed JSON with 400', async () => {
    const { status, body } = await post(endpoint, '{"id": ');
    assert.equal(status, 400);
    assert.equal(typeof body.error, 'string');
  });

  it('answers a body over 16 KiB with 413', async () => {
    const { status, body } = await post(endpoint, makeRecord({ policyVersion: 'x'.repeat(16 * 1024) }));
    assert.equal(status, 413);
    assert.equal(typeof body.error, 'string');
  });

  it('answers other content types with 415', async () => {
    const { status, body } = await post(endpoint, 'id=1', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(status, 415);
    assert.equal(typeof body.error, 'string');
  });

  const violations = /** @type {[string, Record<string, unknown>, string][]} */ ([
    ['a missing field', { language: undefined }, 'language'],
    ['an unknown method', { method: 'maybe' }, 'method'],
    ['an id that is not a UUID', { id: 'abc' }, 'id'],
    ['a createdAt that is not a date-time', { createdAt: 'yesterday' }, 'createdAt'],
    ['necessary refused', { categories: { necessary: false, analytics: false, marketing: false, preferences: false } }, 'categories.necessary'],
    ['a category id that is not one', { categories: { necessary: true, analytics: false, marketing: false, preferences: false, 'Ads!': true } }, 'categories.Ads!'],
    ['a custom category that is not a boolean', { categories: { necessary: true, analytics: false, marketing: false, preferences: false, social: 'yes' } }, 'categories.social'],
    ['a service id that is not one', { services: { 'Google Analytics': true } }, 'services.Google Analytics'],
    ['a service choice that is not a boolean', { services: { youtube: 1 } }, 'services.youtube'],
    ['an e-mail address that is not one', { email: { marketing: 'granted', address: 'not an address' } }, 'email.address'],
    ['a string where a boolean belongs', { gpc: 'false' }, 'gpc'],
    ['an extra top-level field', { ip: '203.0.113.9' }, 'ip'],
    ['a malformed wording hash', { wordingHash: 'md5:00' }, 'wordingHash'],
    ['an over-long language', { language: `en-${'x'.repeat(40)}` }, 'language'],
  ]);
  for (const [what, overrides, field] of violations) {
    it(`answers ${what} with 422 naming ${field}`, async () => {
      const record = makeRecord(overrides);
      const { status, body } = await post(endpoint, record);
      assert.equal(status, 422);
      assert.equal(body.field, field);
      assert.match(body.error, new RegExp(field.replace('.', '\\.')));
      assert.equal((await temp.rows()).filter((row) => row.id === record.id).length, 0);
    });
  }

  it('answers 422 naming site when the request comes from another origin than its site, and stores nothing', async () => {
    const forged = makeRecord({ site: 'https://clustercarat.example' });
    for (const type of ['text/plain;charset=UTF-8', 'application/json']) {
      const { status, body } = await post(endpoint, JSON.stringify(forged), { 'content-type': type, origin: 'https://www.shop.example' });
      assert.equal(status, 422);
      assert.equal(body.field, 'site');
    }
    assert.equal((await temp.rows()).filter((row) => row.id === forged.id).length, 0);
    const own = makeRecord({ site: 'https://shop.example' });
    assert.equal((await post(endpoint, own, { origin: 'https://shop.example' })).status, 201);
  });

  it('refuses with 403 and stores nothing what a page on an origin it does not list sends, even as text/plain with no preflight', async () => {
    const filed = makeRecord({ site: 'https://evil.example' });
    for (const type of ['text/plain;charset=UTF-8', 'application/json']) {
      const { status, body } = await post(endpoint, JSON.stringify(filed), { 'content-type': type, origin: 'https://evil.example' });
      assert.equal(status, 403, type);
      assert.match(body.error, /https:\/\/evil\.example is not in ALLOWED_ORIGINS/);
    }
    assert.equal((await post(`${collector.url}/api/wording`, { hash: wordingHash('x'), text: 'x' }, { origin: 'https://evil.example' })).status, 403);
    assert.equal((await temp.rows()).filter((row) => row.id === filed.id).length, 0);
    // Its own pages, also behind a proxy that ends TLS (the scheme differs, the host does not).
    const own = makeRecord({ site: collector.url.replace('http:', 'https:') });
    assert.equal((await post(endpoint, own, { origin: own.site })).status, 201);
  });

  it('answers 422 for a time it cannot read, such as a leap second, which every comparison would pass', async () => {
    for (const [overrides, field] of /** @type {const} */ ([
      [{ createdAt: '2099-12-31T23:59:60Z' }, 'createdAt'],
      [{ createdAt: '2025-01-01T00:00:00Z', expiresAt: '1990-12-31T23:59:60Z' }, 'expiresAt'],
    ])) {
      const record = makeRecord(overrides);
      const { status, body } = await post(endpoint, record);
      assert.equal(status, 422, field);
      assert.equal(body.field, field);
      assert.equal((await temp.rows()).filter((row) => row.id === record.id).length, 0);
    }
  });

  it('refuses text that is not well-formed Unicode or UTF-8, which would be stored as other text than was sent', async () => {
    const lone = makeRecord();
    const { status, body } = await post(endpoint, JSON.stringify(lone).replace('"sha256:', '"\\ud800sha256:'));
    assert.equal(status, 422);
    assert.equal(body.field, 'policyVersion');
    const wording = await post(`${collector.url}/api/wording`, { hash: wordingHash('x\ud800y'), text: 'x\ud800y' });
    assert.equal(wording.status, 422);
    assert.equal(wording.body.field, 'text');
    const bytes = makeRecord({ policyVersion: 'v-XY' });
    const raw = Buffer.from(JSON.stringify(bytes));
    raw.set([0xff, 0xfe], raw.indexOf('XY'));
    const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
    assert.equal(response.status, 400);
    assert.equal((await response.json()).error, 'the body is not valid UTF-8');
    assert.equal((await temp.rows()).filter((row) => row.id === lone.id || row.id === bytes.id).length, 0);
  });

  it('answers 422 for a createdAt more than a few minutes ahead of the collector, or an expiresAt before it', async () => {
    const now = Date.now();
    const ahead = makeRecord({ createdAt: new Date(now + 10 * 60000).toISOString(), expiresAt: new Date(now + 400 * 864e5).toISOString() });
    const backwards = makeRecord({ createdAt: '2026-11-24T21:40:00.000Z', expiresAt: '2026-11-24T21:39:59.000Z' });
    for (const [record, field] of /** @type {const} */ ([[ahead, 'createdAt'], [backwards, 'expiresAt']])) {
      const { status, body } = await post(endpoint, record);
      assert.equal(status, 422, field);
      assert.equal(body.field, field);
      assert.match(body.error, new RegExp(field));
    }
    const skewed = makeRecord({ createdAt: new Date(now + 60000).toISOString(), expiresAt: new Date(now + 400 * 864e5).toISOString() });
    assert.equal((await post(endpoint, skewed)).status, 201, 'a visitor clock a minute fast is fine');
    assert.equal((await temp.rows()).filter((row) => row.id === ahead.id || row.id === backwards.id).length, 0);
  });

  it('refuses a body in a charset other than UTF-8 with 415 rather than mangle it', async () => {
    const record = makeRecord({ policyVersion: 'Fassung für 2026' });
    const latin1 = Buffer.from(JSON.stringify(record), 'latin1');
    for (const type of ['text/plain;charset=ISO-8859-1', 'application/json; charset="windows-1252"']) {
      const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': type }, body: latin1 });
      assert.equal(response.status, 415, type);
      assert.match((await response.json()).error, /charset/);
    }
    assert.equal((await temp.rows()).filter((row) => row.id === record.id).length, 0);
    assert.equal((await post(endpoint, record, { 'content-type': 'application/json; charset="UTF-8"' })).status, 201);
  });

  it('answers JSON that is not an object with 422', async () => {
    const { status, body } = await post(endpoint, '[1]');
    assert.equal(status, 422);
    assert.equal(typeof body.error, 'string');
  });

  it('allows CORS for a listed origin and its own, not for others', async () => {
    const preflight = (/** @type {string} */ origin) => fetch(endpoint, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    const listed = await preflight('https://www.shop.example');
    assert.equal(listed.status, 204);
    assert.equal(listed.headers.get('access-control-allow-origin'), 'https://www.shop.example');
    assert.match(listed.headers.get('access-control-allow-headers') ?? '', /content-type/);
    assert.equal((await preflight(collector.url)).headers.get('access-control-allow-origin'), collector.url);
    assert.equal((await preflight('https://evil.example')).headers.get('access-control-allow-origin'), null);

    const allowed = await post(endpoint, makeRecord({ site: 'https://shop.example' }), { origin: 'https://shop.example' });
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://shop.example');
    const denied = await post(endpoint, makeRecord(), { origin: 'https://evil.example' });
    assert.equal(denied.headers.get('access-control-allow-origin'), null);
  });

  it('never edits or deletes a record, not even from inside the database', onlyOn('sqlite'), async () => {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(temp.env.CONSENT_DB);
    try {
      assert.throws(() => db.prepare("UPDATE consent_records SET email = 'x'").run(), /append-only/);
      assert.throws(() => db.prepare('DELETE FROM consent_records').run(), /append-only/);
    } finally {
      db.close();
    }
  });

  it('never edits, deletes or truncates a record, not even from inside PostgreSQL', onlyOn('postgres'), async () => {
    const { default: pg } = await import('pg');
    const client = new pg.Client(temp.url);
    await client.connect();
    try {
      assert.ok((await temp.rows()).length > 0);
      await assert.rejects(client.query("UPDATE consent_records SET email = 'x'"), /append-only/);
      await assert.rejects(client.query('DELETE FROM consent_records'), /append-only/);
      await assert.rejects(client.query('TRUNCATE consent_records'), /append-only/);
    } finally {
      await client.end();
    }
  });
});

describe('rate limit', () => {
  it('answers 429 per client address beyond RATE_LIMIT_PER_MINUTE', async () => {
    const temp = await tempStore();
    const collector = await startCollector({ ...temp.env, RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const endpoint = `${collector.url}/api/consent`;
      for (let i = 0; i < 3; i++) assert.equal((await post(endpoint, makeRecord())).status, 201);
      const refused = await post(endpoint, makeRecord());
      assert.equal(refused.status, 429);
      assert.equal(typeof refused.body.error, 'string');
      assert.equal((await temp.rows()).length, 3);
      assert.equal((await fetch(`${collector.url}/healthz`)).status, 200, 'reads are not limited');
    } finally {
      await collector.stop();
      await temp.remove();
    }
  });

  it('counts records and wordings against one budget per /24, not per route or per whole address', async () => {
    const temp = tempDir();
    const collector = await startCollector({ CONSENT_DB: temp.db, RATE_LIMIT_PER_MINUTE: '4', TRUST_PROXY: '127.0.0.1' });
    try {
      const from = (/** @type {string} */ address) => ({ 'x-forwarded-for': address });
      const text = 'We use cookies.';
      assert.equal((await post(`${collector.url}/api/consent`, makeRecord({ wordingHash: wordingHash(text) }), from('203.0.113.5'))).status, 201);
      assert.equal((await post(`${collector.url}/api/consent`, makeRecord(), from('203.0.113.77'))).status, 201);
      assert.equal((await post(`${collector.url}/api/wording`, { hash: wordingHash(text), text }, from('203.0.113.200'))).status, 201);
      assert.equal((await post(`${collector.url}/api/consent`, makeRecord(), from('203.0.113.9'))).status, 201);
      const refused = await post(`${collector.url}/api/consent`, makeRecord(), from('203.0.113.10'));
      assert.equal(refused.status, 429);
      const other = `Wir verwenden Cookies.`;
      assert.equal((await post(`${collector.url}/api/wording`, { hash: wordingHash(other), text: other }, from('203.0.113.11'))).status, 429);
      assert.equal((await post(`${collector.url}/api/consent`, makeRecord(), from('198.51.100.1'))).status, 201, 'another network has its own budget');
      assert.equal(rows(temp.db).length, 4);
    } finally {
      await collector.stop();
      temp.remove();
    }
  });

  it('limits failed admin sign-ins: 300 wrong tokens are not 300 tries', async () => {
    const temp = tempDir();
    const collector = await startCollector({ CONSENT_DB: temp.db, CONSENT_ADMIN_TOKEN: 'the-right-token' });
    try {
      const statuses = [];
      for (let i = 0; i < 300; i++) {
        const response = await fetch(`${collector.url}/api/audit/head`, { headers: { authorization: `Bearer guess-${i}` } });
        statuses.push(response.status);
      }
      const firstRefusal = statuses.indexOf(429);
      assert.ok(firstRefusal > 0 && firstRefusal <= 20, `refused from try ${firstRefusal}`);
      assert.ok(statuses.slice(firstRefusal).every((status) => status === 429));
      const right = await fetch(`${collector.url}/api/audit/head`, { headers: { authorization: 'Bearer the-right-token' } });
      assert.equal(right.status, 429, 'while locked out, even the right token tells nothing');
    } finally {
      await collector.stop();
      temp.remove();
    }
  });
});

describe('behind a proxy (TRUST_PROXY)', () => {
  it("stores the visitor's network from X-Forwarded-For only when the proxy is trusted", async () => {
    const temp = tempDir();
    const trusting = await startCollector({ CONSENT_DB: temp.db, TRUST_PROXY: '127.0.0.1, ::1' });
    try {
      const record = makeRecord();
      assert.equal((await post(`${trusting.url}/api/consent`, record, { 'x-forwarded-for': '203.0.113.9' })).status, 201);
      assert.equal(rows(temp.db).find((row) => row.id === record.id)?.client_address, '203.0.113.0/24');
    } finally {
      await trusting.stop();
    }
    const plain = await startCollector({ CONSENT_DB: temp.db });
    try {
      const record = makeRecord();
      assert.equal((await post(`${plain.url}/api/consent`, record, { 'x-forwarded-for': '203.0.113.9' })).status, 201);
      assert.equal(rows(temp.db).find((row) => row.id === record.id)?.client_address, '127.0.0.0/24');
    } finally {
      await plain.stop();
      temp.remove();
    }
  });
});

describe('IPv6 clients', () => {
  it('stores the /48 network only', async () => {
    const temp = await tempStore();
    const collector = await startCollector({ ...temp.env, HOST: '::1' });
    try {
      assert.equal((await post(`${collector.url}/api/consent`, makeRecord())).status, 201);
      assert.deepEqual((await temp.rows()).map((row) => row.client_address), ['0:0:0::/48']);
    } finally {
      await collector.stop();
      await temp.remove();
    }
  });
});
