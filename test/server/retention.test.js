import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { POSTGRES, onlyOn, startCollector, tempStore, makeRecord, post, verify } from './collector.js';
import { openStore } from '../../server/store.js';
import { buildApp } from '../../server/app.js';
import { retentionRun } from '../../server/retention.js';

const DAY = 86400000;

/** The store's options from a test store's environment. @param {Record<string, string>} env */
const storageOf = (env) => (env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dbPath: /** @type {string} */ (env.CONSENT_DB) });

/** `verify` on a test store, as an auditor runs it. @param {Record<string, string>} env */
async function verifyStore(env) {
  const { code, stdout } = await verify(env);
  return { ok: code === 0, stdout };
}

/** @param {Record<string, string>} env @param {(store: import('../../server/store.js').Store) => Promise<unknown>} use */
async function withStore(env, use) {
  const store = await openStore(storageOf(env), (error) => { throw error; });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

describe('retention (CONSENT_RETENTION_DAYS)', { timeout: 120000 }, () => {
  /** @type {Awaited<ReturnType<typeof tempStore>>} */
  let temp;
  const anna = crypto.randomUUID();
  const ben = crypto.randomUUID();
  const cleo = crypto.randomUUID();
  const address = 'anna@mail.example';
  // Anna: two grants and a later cookie choice without an address; Ben: one choice; Cleo gives Anna's
  // address later from another device, after Anna's last record naming it.
  const annaFirst = makeRecord({ visitorId: anna, email: { marketing: 'granted', address } });
  const annaSecond = makeRecord({ visitorId: anna, email: { marketing: 'granted', address } });
  const annaThird = makeRecord({ visitorId: anna, method: 'reject-all', email: { marketing: 'unset' } });
  const benOnly = makeRecord({ visitorId: ben, email: { marketing: 'unset' } });
  const cleoFirst = makeRecord({ visitorId: cleo, email: { marketing: 'unset' } });
  const cleoSecond = makeRecord({ visitorId: cleo, email: { marketing: 'granted', address } });
  const later = makeRecord({ visitorId: ben, method: 'accept-all', email: { marketing: 'unset' } });
  const ids = async () => (await temp.rows()).map((row) => row.id);

  before(async () => {
    temp = await tempStore();
    const collector = await startCollector(temp.env);
    for (const record of [annaFirst, annaSecond, annaThird, benOnly, cleoFirst, cleoSecond]) {
      assert.equal((await post(`${collector.url}/api/consent`, record)).status, 201);
    }
    await collector.stop();
  });
  after(() => temp.remove());

  it('keeps everything within the period', async () => {
    const result = await withStore(temp.env, (store) => store.removeOld(retentionRun(Date.now(), 1095)));
    assert.deepEqual(result, { removed: 0, removals: 0 });
    assert.equal((await ids()).length, 6);
  });

  it('with the clock set past the period, removes what has newer records of its visitor and its address, never the latest of either', async () => {
    const result = await withStore(temp.env, (store) => store.removeOld(retentionRun(Date.now() + 1100 * DAY, 1095)));
    assert.deepEqual(result, { removed: 3, removals: 1 });
    // Anna's first two records go (her third is newer; Cleo named the address later); Ben's only
    // record, Anna's latest, Cleo's latest (the address's latest too) stay.
    assert.deepEqual(await ids(), [annaThird.id, benOnly.id, cleoSecond.id]);
    const { ok, stdout } = await verifyStore(temp.env);
    assert.ok(ok, stdout);
    assert.match(stdout, /^Retention removed 3 records in 1 removal the chain accounts for; the last at seq 7, .*, keeping 1095 days$/m);
  });

  it('a second run removes nothing more, and records stored after a removal extend the chain past it', async () => {
    const again = await withStore(temp.env, (store) => store.removeOld(retentionRun(Date.now() + 1100 * DAY, 1095)));
    assert.deepEqual(again, { removed: 0, removals: 0 });
    const collector = await startCollector(temp.env);
    assert.equal((await post(`${collector.url}/api/consent`, later)).status, 201);
    await collector.stop();
    const rows = await temp.rows();
    assert.equal(rows.at(-1)?.id, later.id);
    assert.equal(rows.at(-1)?.seq, 8, 'after the removal entry at seq 7');
    const { ok, stdout } = await verifyStore(temp.env);
    assert.ok(ok, stdout);
  });

  it('the database refuses to delete a record retention did not mark removed', async () => {
    if (POSTGRES) {
      const client = new pg.Client(temp.env.DATABASE_URL);
      await client.connect();
      try {
        await assert.rejects(client.query('DELETE FROM consent_records WHERE id = $1', [benOnly.id]), /append-only/);
        await assert.rejects(client.query('DELETE FROM consent_removed'), /append-only/);
      } finally {
        await client.end();
      }
    } else {
      const db = new Database(temp.env.CONSENT_DB);
      try {
        assert.throws(() => db.prepare('DELETE FROM consent_records WHERE id = ?').run(benOnly.id), /append-only/);
        assert.throws(() => db.exec('DELETE FROM consent_removed'), /append-only/);
      } finally {
        db.close();
      }
    }
    assert.ok((await ids()).includes(benOnly.id));
  });

  it('verify names a record deleted and passed off as removed by retention, and a removal that lost its traces', onlyOn('sqlite'), async () => {
    const tamper = async (/** @type {string} */ sql) => {
      const path = `${temp.env.CONSENT_DB}-tampered-${crypto.randomUUID()}`;
      copyFileSync(/** @type {string} */ (temp.env.CONSENT_DB), path);
      const db = new Database(path);
      db.exec('DROP TRIGGER consent_records_no_delete; DROP TRIGGER consent_removed_no_delete');
      db.exec(sql);
      db.close();
      return verify(path);
    };
    const forged = await tamper(`INSERT INTO consent_removed SELECT seq, chain_hash, received_at, 7 FROM consent_records WHERE seq = 4;
      DELETE FROM consent_records WHERE seq = 4`);
    assert.equal(forged.code, 1);
    assert.match(forged.stdout, /^NOT OK: record seq 7: this removal lists 3 records, but what is marked removed by it is not those$/m);
    const lost = await tamper('DELETE FROM consent_removed WHERE seq = 2');
    assert.equal(lost.code, 1);
    assert.match(lost.stdout, new RegExp(`^NOT OK: record seq 3, id ${annaThird.id}: record 2 is missing before it \\(deleted\\)$`, "m"));
  });

  it('runs at start with the collector\'s retention, and logs what it removed', async () => {
    const store = await tempStore();
    try {
      // Written as the collector's writer stores them, received 3 and 2 days ago.
      await withStore(store.env, async (open) => {
        for (const [record, daysAgo] of /** @type {const} */ ([[makeRecord({ visitorId: anna }), 3], [makeRecord({ visitorId: anna }), 2]])) {
          await new Promise((resolve, reject) => open.add(
            { record: /** @type {any} */ (record), receivedAt: new Date(Date.now() - daysAgo * DAY).toISOString(), clientAddress: '127.0.0.0/24' },
            (error) => (error ? reject(error) : resolve(undefined)),
          ));
        }
      });
      const collector = await startCollector({ ...store.env, CONSENT_RETENTION_DAYS: '1' });
      const deadline = Date.now() + 10000;
      while (!/retention: /.test(collector.output()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      await collector.stop();
      assert.match(collector.output(), /retention: 1 record received before \S+ removed \(CONSENT_RETENTION_DAYS=1\), in 1 removal entry of the chain/);
      assert.equal((await store.rows()).length, 1);
      const refused = await startCollector({ ...store.env, CONSENT_RETENTION_DAYS: 'forever' }).catch((error) => error);
      assert.match(String(refused), /\[carat-consent\] CONSENT_RETENTION_DAYS must be a whole number of days above 0, not "forever"/);
    } finally {
      await store.remove();
    }
  });

  it('runs again every interval on the clock the collector is given, set forward here', async () => {
    const store = await tempStore();
    let ahead = 0;
    /** @type {string[]} */
    const lines = [];
    const app = await buildApp({
      storage: storageOf(store.env),
      allowedOrigins: [],
      rateLimitPerMinute: 1000,
      now: () => new Date(Date.now() + ahead),
      retention: { days: 1, intervalMs: 100, log: (line) => lines.push(line) },
    });
    try {
      const visitorId = crypto.randomUUID();
      for (const record of [makeRecord({ visitorId }), makeRecord({ visitorId })]) {
        assert.equal((await app.inject({ method: 'POST', url: '/api/consent', payload: record })).statusCode, 201);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(lines, [], 'nothing is older than a day yet');
      ahead = 2 * DAY;
      const deadline = Date.now() + 10000;
      while (!lines.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.match(lines[0] ?? '', /^retention: 1 record received before \S+ removed \(CONSENT_RETENTION_DAYS=1\)/);
    } finally {
      await app.close();
    }
    assert.equal((await store.rows()).length, 1);
    assert.ok((await verifyStore(store.env)).ok);
    await store.remove();
  });
});
