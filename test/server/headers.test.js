import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { startCollector, tempDir, makeRecord, post } from './collector.js';

const TOKEN = 'headers-test-token';

describe('security headers and file modes', () => {
  const temp = tempDir();
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let collector;
  /** @param {string} path @param {RequestInit} [init] */
  const get = (path, init) => fetch(`${collector.url}${path}`, init);
  const admin = { headers: { authorization: `Bearer ${TOKEN}` } };

  before(async () => {
    collector = await startCollector({ CONSENT_DB: temp.db, CONSENT_ADMIN_TOKEN: TOKEN }, ['--demo']);
  });
  after(async () => {
    await collector.stop();
    temp.remove();
  });

  it('sends nosniff and a referrer policy with every answer', async () => {
    const answers = [
      await post(`${collector.url}/api/consent`, makeRecord()),
      { headers: (await get('/healthz')).headers },
      { headers: (await get('/no-such-page')).headers },
      { headers: (await get('/api/audit/head')).headers },
      { headers: (await get('/dist/carat-consent.js')).headers },
      { headers: (await get('/')).headers },
    ];
    for (const { headers } of answers) {
      assert.equal(headers.get('x-content-type-options'), 'nosniff');
      assert.equal(headers.get('referrer-policy'), 'no-referrer');
    }
  });

  it('keeps admin answers out of every cache, refused ones too', async () => {
    for (const response of [await get('/api/audit/head', admin), await get('/api/consent/export.csv', admin), await get('/api/audit/head')]) {
      assert.equal(response.headers.get('cache-control'), 'no-store', response.url);
    }
  });

  it('serves pages with a content security policy', async () => {
    const page = await get('/');
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const policy = page.headers.get('content-security-policy') ?? '';
    assert.match(policy, /default-src 'self'/);
    assert.match(policy, /object-src 'none'/);
    assert.match(policy, /frame-ancestors 'self'/);
  });

  it('creates the database files readable by their owner only', () => {
    for (const suffix of ['', '-wal', '-shm']) {
      assert.equal(statSync(`${temp.db}${suffix}`).mode & 0o777, 0o600, `consent.db${suffix}`);
    }
  });
});
