import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCollector, tempStore, post, wordingHash, makeRecord } from './collector.js';

describe('wording routes', () => {
  /** @type {Awaited<ReturnType<typeof tempStore>>} */
  let temp;
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let collector;
  let endpoint = '';
  /** Stores a record that was shown this wording, as the widget does before sending the wording. @param {string} text */
  const recordFor = async (text) => assert.equal((await post(`${collector.url}/api/consent`, makeRecord({ wordingHash: wordingHash(text) }))).status, 201);

  before(async () => {
    temp = await tempStore();
    collector = await startCollector({ ...temp.env });
    endpoint = `${collector.url}/api/wording`;
  });
  after(async () => {
    await collector.stop();
    await temp.remove();
  });

  it('stores a wording once: 201, then 200, and returns it by hash', async () => {
    const text = 'We use cookies. Ärger? Écrivez-nous. 🍪';
    const hash = wordingHash(text);
    await recordFor(text);
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
    await recordFor(long);
    assert.equal((await post(endpoint, { hash: wordingHash(long), text: long })).status, 201);
    const tooLong = 'b'.repeat(65 * 1024);
    const { status, body } = await post(endpoint, { hash: wordingHash(tooLong), text: tooLong });
    assert.equal(status, 413);
    assert.equal(typeof body.error, 'string');
  });

  it('refuses with 422 a wording no stored record was shown, and stores nothing', async () => {
    const text = 'Buy crypto now at https://evil.example';
    const { status, body } = await post(endpoint, { hash: wordingHash(text), text });
    assert.equal(status, 422);
    assert.equal(body.field, 'hash');
    assert.equal((await fetch(`${endpoint}/${wordingHash(text)}`)).status, 404);
  });

  it('takes a wording sent just before its record, as beacons on a closing tab may arrive', async () => {
    const text = 'Wir verwenden Cookies.';
    const wording = post(endpoint, { hash: wordingHash(text), text });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await recordFor(text);
    assert.equal((await wording).status, 201);
    assert.equal((await fetch(`${endpoint}/${wordingHash(text)}`)).status, 200);
  });

  it('answers 404 in JSON for an unknown hash', async () => {
    const response = await fetch(`${endpoint}/${wordingHash('never sent')}`);
    assert.equal(response.status, 404);
    assert.equal(typeof (await response.json()).error, 'string');
  });
});

describe('wordings per network', () => {
  it('are bounded: one network cannot fill the archive', async () => {
    const temp = await tempStore();
    const collector = await startCollector({ ...temp.env, RATE_LIMIT_PER_MINUTE: '1000' });
    try {
      const statuses = [];
      for (let i = 0; i < 25; i++) {
        const text = `Banner version ${i}`;
        assert.equal((await post(`${collector.url}/api/consent`, makeRecord({ wordingHash: wordingHash(text) }))).status, 201);
        statuses.push((await post(`${collector.url}/api/wording`, { hash: wordingHash(text), text })).status);
      }
      assert.deepEqual(statuses, [...Array(20).fill(201), ...Array(5).fill(429)]);
      assert.equal((await fetch(`${collector.url}/api/wording/${wordingHash('Banner version 24')}`)).status, 404);
    } finally {
      await collector.stop();
      await temp.remove();
    }
  });
});
