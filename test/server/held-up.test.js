import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCollector, tempDir, makeRecord, post, rows } from './collector.js';

const TOKEN = 'held-up-test-token';

// What the security review tried and found holding; kept here so it goes on holding.
describe('what held up in the security review', () => {
  const temp = tempDir();
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let collector;

  before(async () => {
    collector = await startCollector({ CONSENT_DB: temp.db, CONSENT_ADMIN_TOKEN: TOKEN, ALLOWED_ORIGINS: 'https://shop.example' }, ['--demo']);
  });
  after(async () => {
    await collector.stop();
    temp.remove();
  });

  it('refuses a body with __proto__ and stores nothing', async () => {
    const record = makeRecord();
    const body = JSON.stringify(record).replace('{', '{"__proto__":{"method":"accept-all"},');
    const { status } = await post(`${collector.url}/api/consent`, body);
    assert.equal(status, 400);
    assert.equal(rows(temp.db).filter((row) => row.id === record.id).length, 0);
  });

  it('takes lookups as parameters, never as SQL', async () => {
    assert.equal((await post(`${collector.url}/api/consent`, makeRecord())).status, 201);
    for (const query of ["visitorId=' OR '1'='1", "email=x' OR 1=1 --", 'visitorId=%25']) {
      const response = await fetch(`${collector.url}/api/consent?${query}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(response.status, 200, query);
      assert.deepEqual((await response.json()).records, [], query);
    }
  });

  it('matches CORS origins exactly: no prefix, suffix, port or scheme variant passes', async () => {
    for (const origin of ['https://shop.example.evil.example', 'https://evil-shop.example', 'http://shop.example', 'https://shop.example:8443', 'null']) {
      const response = await fetch(`${collector.url}/api/consent`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      assert.equal(response.headers.get('access-control-allow-origin'), null, origin);
    }
  });

  it('serves nothing outside the demo and dist folders', async () => {
    for (const path of ['/../server/package.json', '/%2e%2e/server/package.json', '/dist/..%2f..%2fpackage.json', '/dist/%2e%2e/%2e%2e/package.json', '/..%5cpackage.json']) {
      const response = await fetch(`${collector.url}${path}`);
      assert.ok(response.status === 404 || response.status === 403 || response.status === 400, `${path}: ${response.status}`);
      assert.doesNotMatch(await response.text(), /"name": "carat-consent/, path);
    }
  });
});
