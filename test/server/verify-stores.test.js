import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startCollector, tempStore, makeRecord, post, verify, POSTGRES } from './collector.js';

const TOKEN = 'verify-stores-token';

/**
 * Runs SQL on the store behind the collector's back, as someone holding the database would.
 * @param {Record<string, string>} env the store's environment @param {string} sql
 */
async function tamper(env, sql) {
  if (env.DATABASE_URL) {
    const client = new pg.Client(env.DATABASE_URL);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(/** @type {string} */ (env.CONSENT_DB));
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

// The same checks on SQLite and, run by postgres-suite.js, on PostgreSQL: verify finds the store
// from CONSENT_DB or DATABASE_URL as the collector does.
describe(`verify on ${POSTGRES ? 'PostgreSQL' : 'SQLite'}`, () => {
  /** @type {Awaited<ReturnType<typeof tempStore>>} */
  let temp;
  /** @type {{ seq: number, chainHash: string }} */
  let head;
  const records = [makeRecord(), makeRecord({ method: 'reject-all' }), makeRecord({ method: 'accept-all' })];

  before(async () => {
    temp = await tempStore();
    const collector = await startCollector({ ...temp.env, CONSENT_ADMIN_TOKEN: TOKEN });
    try {
      for (const record of records) assert.equal((await post(`${collector.url}/api/consent`, record)).status, 201);
      head = await (await fetch(`${collector.url}/api/audit/head`, { headers: { authorization: `Bearer ${TOKEN}` } })).json();
    } finally {
      await collector.stop();
    }
  });
  after(() => temp.remove());

  it('passes the untouched store, naming it without its password, and against the published head', async () => {
    const { code, stdout } = await verify(temp.env);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /^OK: 3 records checked in [\d.]+ s; the chain ends at 3:[0-9a-f]{64}$/m);
    assert.match(stdout, POSTGRES ? /^Verifying the consent records in postgres:\/\/carat@127\.0\.0\.1:\d+\/carat_/m : /^Verifying the consent records in \/.*consent\.db$/m);
    const anchored = await verify(temp.env, ['--head', `${head.seq}:${head.chainHash}`]);
    assert.equal(anchored.code, 0, anchored.stdout);
  });

  it('names the record edited with the guards switched off, and the guard', async () => {
    const id = records[1]?.id.toLowerCase();
    await tamper(temp.env, POSTGRES
      ? `ALTER TABLE consent_records DISABLE TRIGGER consent_records_no_update;
         UPDATE consent_records SET client_address = '198.51.100.0/24' WHERE id = '${id}'`
      : `DROP TRIGGER consent_records_no_update;
         UPDATE consent_records SET client_address = '198.51.100.0/24' WHERE id = '${id}'`);
    const { code, stdout } = await verify(temp.env);
    assert.equal(code, 1, stdout);
    assert.match(stdout, new RegExp(`^NOT OK: record seq 2, id ${id}: its content or its chainHash was changed`, 'm'));
    assert.match(stdout, /guards against rewriting were dropped or changed: consent_records_no_update$/m);
  });

  it('exits 2 with a line naming the store it cannot read', async () => {
    const env = POSTGRES
      ? { DATABASE_URL: 'postgres://carat:secret@127.0.0.1:1/nowhere' }
      : { CONSENT_DB: '/nonexistent/consent.db' };
    const { code, stderr } = await verify(env);
    assert.equal(code, 2);
    assert.match(stderr, POSTGRES ? /^\[carat-consent\] verify: could not read postgres:\/\/carat@127\.0\.0\.1:1\/nowhere: / : /^\[carat-consent\] verify: no database at \/nonexistent\/consent\.db/);
    assert.doesNotMatch(stderr, /secret/);
  });
});
