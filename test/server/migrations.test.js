import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startCollector, tempStore, makeRecord, post, verify, wordingHash, POSTGRES } from './collector.js';
import { chainHashOf, GENESIS } from '../../server/chain.js';
import { MIGRATIONS as SQLITE_MIGRATIONS } from '../../server/db.js';
import { MIGRATIONS as POSTGRES_MIGRATIONS } from '../../server/postgres-store.js';

const TOKEN = 'migrations-test-token';
const COLUMNS = ['seq', 'id', 'visitor_id', 'email', 'created_at', 'received_at', 'client_address', 'record', 'chain_hash'];

/**
 * The rows the previous version kept for these records: chained in order, as its writer did.
 * @param {ReturnType<typeof makeRecord>[]} records @param {string[]} days when each was received
 */
function previousRows(records, days) {
  let head = GENESIS;
  return records.map((record, n) => {
    const stored = {
      seq: head.seq + 1, id: record.id.toLowerCase(), visitorId: record.visitorId, email: record.email.address?.toLowerCase() ?? null,
      createdAt: record.createdAt, receivedAt: `${days[n % days.length]}T10:00:0${n}.000Z`, clientAddress: '203.0.113.0/24', record,
    };
    head = { seq: stored.seq, chainHash: chainHashOf(head.chainHash, stored) };
    return [stored.seq, stored.id, stored.visitorId, stored.email, stored.createdAt, stored.receivedAt, stored.clientAddress, JSON.stringify(record), head.chainHash];
  });
}

/**
 * Brings a fresh store to the schema of the previous version (every migration but the newest, as
 * that version ran them) and stores rows and a wording in it as that version did.
 * @param {Awaited<ReturnType<typeof tempStore>>} temp
 * @param {unknown[][]} rows @param {{ hash: string, text: string, receivedAt: string }} wording
 * @returns {Promise<number>} the version the store is left at
 */
async function storeOfPreviousVersion(temp, rows, wording) {
  const insertRecord = `INSERT INTO consent_records (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, n) => `$${n + 1}`).join(', ')})`;
  const insertWording = 'INSERT INTO wordings (hash, text, received_at, client_address) VALUES ($1, $2, $3, $4)';
  const wordingRow = [wording.hash, wording.text, wording.receivedAt, '203.0.113.0/24'];
  if (temp.url) {
    const previous = POSTGRES_MIGRATIONS.length - 1;
    const client = new pg.Client(temp.url);
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('CREATE TABLE consent_schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
      for (let version = 1; version <= previous; version++) {
        await client.query(/** @type {string} */ (POSTGRES_MIGRATIONS[version - 1]));
        await client.query('INSERT INTO consent_schema_migrations (version) VALUES ($1)', [version]);
      }
      for (const row of rows) await client.query(insertRecord, row);
      await client.query(insertWording, wordingRow);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    return previous;
  }
  const previous = SQLITE_MIGRATIONS.length - 1;
  const db = new Database(/** @type {string} */ (temp.env.CONSENT_DB));
  try {
    db.pragma('journal_mode = WAL');
    db.transaction(() => {
      for (const step of SQLITE_MIGRATIONS.slice(0, previous)) {
        if (typeof step === 'string') db.exec(step);
        else step(db);
      }
      db.pragma(`user_version = ${previous}`);
      const toSqlite = (/** @type {string} */ sql) => sql.replace(/\$\d+/g, '?');
      for (const row of rows) db.prepare(toSqlite(insertRecord)).run(...row);
      db.prepare(toSqlite(insertWording)).run(...wordingRow);
    })();
  } finally {
    db.close();
  }
  return previous;
}

/** @param {Awaited<ReturnType<typeof tempStore>>} temp @returns {Promise<number>} */
async function schemaVersion(temp) {
  if (temp.url) {
    const client = new pg.Client(temp.url);
    await client.connect();
    try {
      return Number((await client.query('SELECT max(version) AS version FROM consent_schema_migrations')).rows[0].version);
    } finally {
      await client.end();
    }
  }
  const db = new Database(/** @type {string} */ (temp.env.CONSENT_DB), { readonly: true });
  try {
    return /** @type {number} */ (db.pragma('user_version', { simple: true }));
  } finally {
    db.close();
  }
}

// On SQLite here and on PostgreSQL through postgres-suite.js. Whatever migration is newest, the
// store of the version before it must come through it with everything it held.
describe(`a ${POSTGRES ? 'PostgreSQL' : 'SQLite'} store of the previous version`, () => {
  it('is migrated at start with its records, chain, wordings and counts intact, and goes on from there', async () => {
    const temp = await tempStore();
    const text = 'We use cookies for analytics.';
    const wording = { hash: wordingHash(text), text, receivedAt: '2026-11-01T09:59:00.000Z' };
    const records = [
      makeRecord({ method: 'accept-all', wordingHash: wording.hash }),
      makeRecord({ method: 'reject-all', email: { marketing: 'unset' } }),
      makeRecord({ id: '5F0C7A1E-2B3C-4D5E-8F90-A1B2C3D4E5F6', method: 'custom' }),
    ];
    const days = ['2026-11-01', '2026-11-02'];
    const before = previousRows(records, days);
    const previous = await storeOfPreviousVersion(temp, before, wording);
    const collector = await startCollector({ ...temp.env, CONSENT_ADMIN_TOKEN: TOKEN });
    const admin = { authorization: `Bearer ${TOKEN}` };
    try {
      assert.equal(await schemaVersion(temp), previous + 1, 'the newest migration ran');
      const after = (await temp.rows()).map((row) => COLUMNS.map((column) => row[column]));
      assert.deepEqual(after.map((row) => row.map((value, n) => (n === 0 ? Number(value) : value))), before, 'every row as it was');

      const kept = await (await fetch(`${collector.url}/api/wording/${encodeURIComponent(wording.hash)}`)).json();
      assert.deepEqual(kept, wording);
      const old = await (await fetch(`${collector.url}/api/consent/${records[2]?.id}`, { headers: admin })).json();
      assert.equal(old.record.id, records[2]?.id, 'the record stays as it was received');
      const stats = await (await fetch(`${collector.url}/api/stats?from=${days[0]}&to=${days[1]}`, { headers: admin })).json();
      assert.deepEqual(stats.days.map((/** @type {{ total: number }} */ day) => day.total), [2, 1], "the console's counters cover the old records");

      assert.equal((await post(`${collector.url}/api/consent`, { ...records[2], id: records[2]?.id.toLowerCase() })).status, 200, 'a retry of an old record is a duplicate');
      const added = await post(`${collector.url}/api/consent`, makeRecord());
      assert.equal(added.status, 201);
      const audit = await verify(temp.env);
      assert.equal(audit.code, 0, audit.stdout + audit.stderr);
      assert.match(audit.stdout, /^OK: 4 records checked/m, 'the old chain goes on with the new record');
    } finally {
      await collector.stop();
      await temp.remove();
    }
  });
});
