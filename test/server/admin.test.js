import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCollector, tempStore, makeRecord, post } from './collector.js';

const TOKEN = 'audit-token-for-tests';

describe('audit routes', () => {
  /** @type {Awaited<ReturnType<typeof tempStore>>} */
  let temp;
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let collector;
  const visitorId = crypto.randomUUID();
  const categories = { necessary: true, analytics: true, marketing: false, preferences: false };
  const first = makeRecord({
    visitorId,
    method: 'accept-all',
    categories: { ...categories, social: true },
    services: { youtube: true, 'google-analytics': true },
    email: { marketing: 'granted', address: 'Grete@Shop.example' },
  });
  const second = makeRecord({
    visitorId,
    method: 'withdraw',
    categories: { ...categories, social: false },
    services: { youtube: false, 'google-analytics': false },
    email: { marketing: 'denied', address: 'grete@shop.example' },
  });
  const tricky = makeRecord({ policyVersion: '=HYPERLINK("https://evil.example","click"),2', site: 'https://a.example/x,y' });
  /** @param {string} path @param {string} [token] empty for none */
  const get = (path, token = TOKEN) => fetch(`${collector.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  before(async () => {
    temp = await tempStore();
    collector = await startCollector({ ...temp.env, CONSENT_ADMIN_TOKEN: TOKEN });
    for (const record of [first, second, tricky]) assert.equal((await post(`${collector.url}/api/consent`, record)).status, 201);
  });
  after(async () => {
    await collector.stop();
    await temp.remove();
  });

  it('answers 401 without the token or with a wrong one', async () => {
    for (const token of ['', 'wrong']) {
      for (const path of [`/api/consent/${first.id}`, `/api/consent?visitorId=${visitorId}`, '/api/consent/export.csv']) {
        const response = await get(path, token);
        assert.equal(response.status, 401, path);
        assert.equal(typeof (await response.json()).error, 'string');
      }
    }
  });

  it("counts today's records for the console's overview, from the store's per-day counters", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const response = await get(`/api/stats?from=${today}&to=${today}`);
    assert.equal(response.status, 200);
    const stats = await response.json();
    const [day] = stats.days;
    assert.equal(day.date, today);
    assert.equal(day.total, stats.total);
    assert.ok(stats.total >= 3, `${stats.total} records counted`);
    assert.ok(day.methods['accept-all'] >= 1 && day.methods.withdraw >= 1, JSON.stringify(day.methods));
  });

  it('returns one record by id, as received, with receivedAt and the truncated address', async () => {
    const response = await get(`/api/consent/${first.id}`);
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.deepEqual(body.record, first);
    assert.equal(body.clientAddress, '127.0.0.0/24');
    assert.ok(Date.parse(body.receivedAt) > 0);
    assert.equal((await get(`/api/consent/${crypto.randomUUID()}`)).status, 404);
  });

  it("lists a visitor's history and an address's history, oldest first", async () => {
    const byVisitor = await (await get(`/api/consent?visitorId=${visitorId}`)).json();
    assert.deepEqual(byVisitor.records.map((/** @type {{ record: { id: string } }} */ r) => r.record.id), [first.id, second.id]);
    const byEmail = await (await get('/api/consent?email=GRETE%40shop.example')).json();
    assert.deepEqual(byEmail.records.map((/** @type {{ record: { method: string } }} */ r) => r.record.method), ['accept-all', 'withdraw']);
    assert.equal((await get('/api/consent')).status, 400);
  });

  it('exports CSV with quoting that survives commas, quotes and spreadsheet formulas', async () => {
    const response = await get('/api/consent/export.csv');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
    const lines = (await response.text()).trimEnd().split('\r\n');
    assert.equal(lines[0], 'seq,id,visitorId,createdAt,receivedAt,expiresAt,policyVersion,site,method,necessary,analytics,marketing,preferences,otherCategories,services,emailMarketing,emailAddress,gpc,language,wordingHash,clientAddress,chainHash');
    assert.equal(lines.length, 4);
    const trickyLine = lines.find((line) => line.startsWith(`3,${tricky.id},`)) ?? '';
    assert.ok(trickyLine.includes(`,"'=HYPERLINK(""https://evil.example"",""click""),2","https://a.example/x,y",custom,`), trickyLine);
    assert.ok(lines.some((line) => line.startsWith(`2,${second.id},${visitorId},`) && line.includes(',withdraw,true,true,false,false,social=false,youtube=false google-analytics=false,denied,grete@shop.example,false,en,')));
  });

  it('exports only what was received between from and to', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const count = async (/** @type {string} */ query) => (await (await get(`/api/consent/export.csv?${query}`)).text()).trimEnd().split('\r\n').length - 1;
    assert.equal(await count(`from=${today}&to=${today}`), 3);
    assert.equal(await count('from=2000-01-01&to=2000-12-31'), 0);
    assert.equal(await count(`from=${new Date(Date.now() + 60000).toISOString()}`), 0);
    const invalid = await get('/api/consent/export.csv?from=last-week');
    assert.equal(invalid.status, 400);
    assert.equal((await invalid.json()).field, 'from');
  });

  it('refuses an impossible day in the export range, as /api/stats does, not rolled over into the next month', async () => {
    const statsAnswer = await (await get('/api/stats?to=2026-02-31')).json();
    for (const field of ['from', 'to']) {
      for (const value of ['2026-02-31', '2026-02-30T10:00:00Z', '2025-02-29', '2026-13-01']) {
        const response = await get(`/api/consent/export.csv?${field}=${value}`);
        assert.equal(response.status, 400, `${field}=${value}`);
        const body = await response.json();
        assert.deepEqual(Object.keys(body).sort(), Object.keys(statsAnswer).sort());
        assert.equal(body.field, field);
      }
    }
  });

  it('accepts the bearer scheme in any case (RFC 7235)', async () => {
    for (const scheme of ['bearer', 'BEARER']) {
      const response = await fetch(`${collector.url}/api/consent/${first.id}`, { headers: { authorization: `${scheme} ${TOKEN}` } });
      assert.equal(response.status, 200, scheme);
    }
  });

  // Last: it stores a record the counts above do not expect.
  it("finds a visitor's history whatever the case of the visitor id asked for or sent", async () => {
    const ids = async (/** @type {string} */ visitor) => (await (await get(`/api/consent?visitorId=${visitor}`)).json())
      .records.map((/** @type {{ record: { id: string } }} */ r) => r.record.id);
    assert.deepEqual(await ids(visitorId.toUpperCase()), [first.id, second.id]);
    const shouted = makeRecord({ visitorId: crypto.randomUUID().toUpperCase() });
    assert.equal((await post(`${collector.url}/api/consent`, shouted)).status, 201);
    assert.deepEqual(await ids(shouted.visitorId.toLowerCase()), [shouted.id]);
    assert.deepEqual(await ids(shouted.visitorId), [shouted.id]);
  });
});

describe('the overview with policy versions named as members of Object.prototype', () => {
  it('counts each as an integer, keyed by its name', async () => {
    const temp = await tempStore();
    const collector = await startCollector({ ...temp.env, CONSENT_ADMIN_TOKEN: TOKEN });
    try {
      const versions = ['constructor', 'constructor', 'toString', 'hasOwnProperty', '__proto__'];
      for (const policyVersion of versions) {
        assert.equal((await post(`${collector.url}/api/consent`, makeRecord({ policyVersion }))).status, 201, policyVersion);
      }
      const response = await fetch(`${collector.url}/api/stats`, { headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(response.status, 200);
      // Built from entries: `__proto__` in an object literal would set the prototype, not a key.
      const expected = Object.fromEntries([['constructor', 2], ['toString', 1], ['hasOwnProperty', 1], ['__proto__', 1]]);
      assert.deepEqual((await response.json()).policyVersions, expected);
    } finally {
      await collector.stop();
      await temp.remove();
    }
  });
});

describe('audit routes without CONSENT_ADMIN_TOKEN', () => {
  it('do not exist (404), whatever token is sent', async () => {
    const temp = await tempStore();
    const collector = await startCollector({ ...temp.env, CONSENT_ADMIN_TOKEN: '' });
    try {
      const record = makeRecord();
      assert.equal((await post(`${collector.url}/api/consent`, record)).status, 201);
      for (const path of [`/api/consent/${record.id}`, `/api/consent?visitorId=${record.visitorId}`, '/api/consent/export.csv']) {
        const response = await fetch(`${collector.url}${path}`, { headers: { authorization: 'Bearer ' } });
        assert.equal(response.status, 404, path);
        assert.equal(typeof (await response.json()).error, 'string');
      }
    } finally {
      await collector.stop();
      await temp.remove();
    }
  });
});
