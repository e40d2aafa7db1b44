import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCollector, tempDir, post, wordingHash } from './collector.js';

describe('wording routes', () => {
  const temp = tempDir();
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let collector;
  let endpoint = '';

  before(async () => {
    collector = await startCollector({ CONSENT_DB: temp.db });
    endpoint = `${collector.url}/api/wording`;
  });
  after(async () => {
    await collector.stop();
    temp.remove();
  });

  it('stores a wording once: 201, then 200, and returns it by hash', async () => {
    const text = 'We use cookies. Ärger? Écrivez-nous. 🍪';
    const hash = wordingHash(text);
    assert.equal((await post(endpoint, { hash, text })).status, 201);
    assert.equal((await post(endpoint, { hash, text }, { 'content-type': 'text/plain;charset=UTF-8' })).status, 200);
    const response = await fetch(`${endpoint}/${hash}`);
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.equal(body.text, text);
    assert.equal(body.hash, hash);
  });

  it('answers 422 when the text does not hash to hash', async () => {
    const { status, body } = await post(endpoint, { hash: wordingHash('the banner'), text: 'another banner' });
    assert.equal(status, 422);
    assert.equal(body.field, 'hash');
    assert.equal((await fetch(`${endpoint}/${wordingHash('the banner')}`)).status, 404);
  });

  it('answers 422 for a body that is not { hash, text }', async () => {
    const { status, body } = await post(endpoint, { hash: 'sha256:12', text: 'x' });
    assert.equal(status, 422);
    assert.equal(body.field, 'hash');
  });

  it('takes wordings up to 64 KiB and refuses larger ones with 413', async () => {
    const long = 'a'.repeat(60 * 1024);
    assert.equal((await post(endpoint, { hash: wordingHash(long), text: long })).status, 201);
    const tooLong = 'b'.repeat(65 * 1024);
    const { status, body } = await post(endpoint, { hash: wordingHash(tooLong), text: tooLong });
    assert.equal(status, 413);
    assert.equal(typeof body.error, 'string');
  });

  it('answers 404 in JSON for an unknown hash', async () => {
    const response = await fetch(`${endpoint}/${wordingHash('never sent')}`);
    assert.equal(response.status, 404);
    assert.equal(typeof (await response.json()).error, 'string');
  });
});
