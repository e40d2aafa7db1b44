import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { openStore, addRecord } from '../../server/store.js';
import { makeRecord, startCollector, tempStore, post } from './collector.js';

/**
 * The double opt-in's store (server/confirmations.js) on the store the suite runs on: the mail
 * queue, its one-mail-a-day rule, atomic claims by two collectors, single-use links.
 */

/** @param {Awaited<ReturnType<typeof tempStore>>} temp */
const storeOptions = (temp) => (temp.env.DATABASE_URL ? { databaseUrl: temp.env.DATABASE_URL } : { dbPath: temp.env.CONSENT_DB ?? '' });
const logError = (/** @type {Error} */ error) => { throw error; };
const HOUR = 3600 * 1000;

/** @param {string} address */
const grantOf = (address) => ({ consentId: randomUUID(), visitorId: randomUUID(), address, language: 'de', publicUrl: 'https://collector.example' });

describe('confirmation mails in the store', () => {
  /** @type {Awaited<ReturnType<typeof tempStore>>} */
  let temp;
  /** @type {import('../../server/store.js').Store} */
  let store;
  /** @type {import('../../server/store.js').Store} */
  let second;

  before(async () => {
    temp = await tempStore();
    store = await openStore(storeOptions(temp), logError);
    second = await openStore(storeOptions(temp), logError);
  });
  after(async () => {
    await second.close();
    await store.close();
    await temp.remove();
  });

  it('queues one mail per address a day, once per grant, and none for an address that stands confirmed', async () => {
    const start = new Date('2030-01-01T10:00:00.000Z');
    const first = grantOf('day@example.com');
    assert.equal(await store.confirmations.queue(first, start), true);
    assert.equal(await store.confirmations.queue(first, start), false, 'a replay of the grant');
    assert.equal(await store.confirmations.queue(grantOf('day@example.com'), new Date(start.getTime() + HOUR)), false, 'another grant within the day');
    const claimed = await store.confirmations.claimMail(start, 60000, 'a'.repeat(64), 'b'.repeat(64));
    assert.equal(claimed?.consentId, first.consentId);
    await store.confirmations.mailSent(/** @type {number} */ (claimed?.id), start);
    const nextDay = new Date(start.getTime() + 25 * HOUR);
    const later = grantOf('day@example.com');
    assert.equal(await store.confirmations.queue(later, nextDay), true, 'a grant a day later');
    const again = await store.confirmations.claimMail(nextDay, 60000, 'c'.repeat(64), 'd'.repeat(64));
    await store.confirmations.mailSent(/** @type {number} */ (again?.id), nextDay);
    assert.equal(await store.confirmations.useToken('c'.repeat(64), nextDay), true);
    assert.equal(await store.confirmations.queue(grantOf('day@example.com'), new Date(start.getTime() + 100 * HOUR)), false, 'confirmed');
    const kept = await store.confirmations.byEmail('DAY@example.com');
    assert.deepEqual(kept.map((c) => c.consentId), [first.consentId, later.consentId]);
    assert.equal(kept[1]?.confirmedAt, nextDay.toISOString());
    assert.equal(kept[0]?.confirmedAt, null);
  });

  it('lets exactly one of two collectors on one database claim a mail', async () => {
    const now = new Date('2030-02-01T10:00:00.000Z');
    await store.confirmations.queue(grantOf('race@example.com'), now);
    const claims = await Promise.all([
      store.confirmations.claimMail(now, 60000, '2'.repeat(64), randomUUID()),
      second.confirmations.claimMail(now, 60000, '3'.repeat(64), randomUUID()),
    ]);
    assert.equal(claims.filter(Boolean).length, 1);
    const firstHash = claims[0] ? '2'.repeat(64) : '3'.repeat(64);
    assert.equal(await store.confirmations.claimMail(now, 60000, randomUUID(), randomUUID()), undefined, 'claimed for its lease');
    const afterLease = new Date(now.getTime() + 61000);
    const retaken = await second.confirmations.claimMail(afterLease, 60000, 'e'.repeat(64), randomUUID());
    assert.equal(retaken?.address, 'race@example.com', 'taken again once the lease ran out');
    assert.equal(retaken?.attempts, 2);
    assert.equal(await store.confirmations.useToken(firstHash, afterLease), false, 'the link of a try that never went out');
    await second.confirmations.mailFailed(/** @type {number} */ (retaken?.id), new Date(afterLease.getTime() + 30000), 'connection refused');
    assert.equal(await store.confirmations.claimMail(afterLease, 60000, randomUUID(), randomUUID()), undefined, 'not due yet');
    assert.equal((await store.confirmations.byEmail('race@example.com'))[0]?.lastError, 'connection refused');
  });

  it('keeps a link working once, for 7 days, and never past 30 days after the grant', async () => {
    const queuedAt = new Date('2030-03-01T00:00:00.000Z');
    await store.confirmations.queue(grantOf('link@example.com'), queuedAt);
    const sentAt = new Date(queuedAt.getTime() + 26 * 24 * HOUR);
    const mail = await store.confirmations.claimMail(sentAt, 60000, 'f'.repeat(64), '1'.repeat(64));
    await store.confirmations.mailSent(/** @type {number} */ (mail?.id), sentAt);
    assert.equal(mail?.linkExpiresAt, mail?.unconfirmedAt, 'a late mail\'s link ends with the 30 days');
    const afterThirty = new Date(queuedAt.getTime() + 30 * 24 * HOUR + 1000);
    assert.equal(await store.confirmations.useToken('f'.repeat(64), afterThirty), false);
    const inTime = new Date(sentAt.getTime() + HOUR);
    assert.equal(await store.confirmations.useToken('f'.repeat(64), inTime), true);
    assert.equal(await second.confirmations.useToken('f'.repeat(64), inTime), false, 'used');
    assert.equal(await store.confirmations.unsubscribe('1'.repeat(64), inTime), true);
    assert.equal(await store.confirmations.unsubscribe('1'.repeat(64), inTime), false, 'already unsubscribed');
  });

  it('stores the records the collector writes itself through the writer and its chain', async () => {
    const record = makeRecord({ method: 'confirm', email: { marketing: 'granted', address: 'chain@example.com', confirmedAt: '2030-01-01T00:00:00.000Z' } });
    const stored = await addRecord(store, { record: /** @type {any} */ (record), receivedAt: new Date().toISOString(), clientAddress: '127.0.0.0/24' });
    assert.deepEqual(stored, { created: true, receivedAt: /** @type {any} */ (stored).receivedAt });
    const [kept] = await store.recordsByEmail('chain@example.com');
    assert.equal(/** @type {any} */ (kept?.record).method, 'confirm');
    assert.equal(kept?.seq, (await store.head()).seq);
  });
});

describe('POST /api/consent and the double opt-in', () => {
  it('refuses a posted confirm record or confirmedAt: only the link confirms', async () => {
    const temp = await tempStore();
    const collector = await startCollector(temp.env);
    try {
      const endpoint = `${collector.url}/api/consent`;
      const confirm = await post(endpoint, makeRecord({ method: 'confirm' }));
      assert.equal(confirm.status, 422);
      assert.equal(confirm.body.field, 'method');
      const stamped = await post(endpoint, makeRecord({ email: { marketing: 'granted', address: 'a@b.example', confirmedAt: '2026-11-24T21:40:00.000Z' } }));
      assert.equal(stamped.status, 422);
      assert.equal(stamped.body.field, 'email.confirmedAt');
      assert.deepEqual(await temp.rows(), []);
    } finally {
      await collector.stop();
      await temp.remove();
    }
  });
});
