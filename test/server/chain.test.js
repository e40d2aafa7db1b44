import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startCollector, tempDir, makeRecord, post, rows, verify } from './collector.js';
import { chainHashOf, GENESIS } from '../../server/chain.js';

const TOKEN = 'chain-test-token';

/** The columns of a row as the chain hashes them. @param {Record<string, any>} row */
function chained(row) {
  return {
    seq: row.seq, id: row.id, visitorId: row.visitor_id, email: row.email, createdAt: row.created_at,
    receivedAt: row.received_at, clientAddress: row.client_address, record: JSON.parse(row.record),
  };
}

describe('the tamper-evident chain', () => {
  const temp = tempDir();
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let collector;
  const records = [
    makeRecord({ method: 'accept-all' }),
    makeRecord({ method: 'reject-all' }),
    makeRecord({ method: 'custom', email: { marketing: 'unset' } }),
    makeRecord({ method: 'withdraw' }),
  ];
  /** @type {{ seq: number, chainHash: string }} */
  let publishedHead;
  let copies = 0;

  /** A copy of the stored database to tamper with; the original stays intact. */
  function copy() {
    const path = join(temp.dir, `tampered-${++copies}.db`);
    copyFileSync(temp.db, path);
    return path;
  }

  before(async () => {
    collector = await startCollector({ CONSENT_DB: temp.db, CONSENT_ADMIN_TOKEN: TOKEN });
    for (const record of records) assert.equal((await post(`${collector.url}/api/consent`, record)).status, 201);
    const response = await fetch(`${collector.url}/api/audit/head`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(response.status, 200);
    publishedHead = await response.json();
    // Stopped, so the whole history is in the database file itself (the WAL is copied in on close).
    await collector.stop();
  });
  after(() => temp.remove());

  it('gives every record the next seq and the hash of the one before it and its own stored form', () => {
    const stored = rows(temp.db);
    assert.deepEqual(stored.map((row) => row.seq), [1, 2, 3, 4]);
    let previous = GENESIS.chainHash;
    for (const row of stored) {
      assert.match(row.chain_hash, /^[0-9a-f]{64}$/);
      assert.equal(row.chain_hash, chainHashOf(previous, chained(row)));
      previous = row.chain_hash;
    }
    assert.deepEqual(publishedHead, { seq: 4, chainHash: previous });
  });

  it('verify passes an untouched store, with the count and the time it took', async () => {
    const { code, stdout } = await verify(temp.db);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /^OK: 4 records checked in \d+\.\d\d s; the chain ends at 4:[0-9a-f]{64}$/m);
    const anchored = await verify(temp.db, ['--head', `${publishedHead.seq}:${publishedHead.chainHash}`]);
    assert.equal(anchored.code, 0, anchored.stdout);
  });

  it('refuses rewriting from inside the database: UPDATE, DELETE and INSERT OR REPLACE', () => {
    const db = new Database(copy());
    try {
      assert.throws(() => db.prepare("UPDATE consent_records SET record = replace(record, 'reject-all', 'forged')").run(), /append-only/);
      assert.throws(() => db.prepare('DELETE FROM consent_records WHERE seq = 2').run(), /append-only/);
      const second = /** @type {Record<string, any>} */ (db.prepare('SELECT * FROM consent_records WHERE seq = 2').get());
      assert.throws(() => db.prepare('INSERT OR REPLACE INTO consent_records VALUES (@seq, @id, @visitor_id, @email, @created_at, @received_at, @client_address, @record, @chain_hash)')
        .run({ ...second, record: second.record.replace('reject-all', 'accept-all') }), /append-only/);
      assert.throws(() => db.prepare('INSERT OR REPLACE INTO consent_records VALUES (@seq, @id, @visitor_id, @email, @created_at, @received_at, @client_address, @record, @chain_hash)')
        .run({ ...second, seq: 5, record: second.record.replace('reject-all', 'accept-all') }), /append-only/);
    } finally {
      db.close();
    }
  });

  /**
   * Tampers with a copy through SQL, guards dropped first as a forger would, and runs verify on it.
   * @param {string} sql
   */
  async function tamperAndVerify(sql, args = /** @type {string[]} */ ([])) {
    const path = copy();
    const db = new Database(path);
    try {
      db.exec('DROP TRIGGER consent_records_no_update; DROP TRIGGER consent_records_no_delete; DROP TRIGGER consent_records_no_replace;');
      db.exec(sql);
    } finally {
      db.close();
    }
    return verify(path, args);
  }

  it('verify names the record edited by UPDATE with the triggers dropped, and the dropped triggers', async () => {
    const { code, stdout } = await tamperAndVerify("UPDATE consent_records SET record = replace(record, 'reject-all', 'forged') WHERE seq = 2");
    assert.equal(code, 1);
    assert.match(stdout, new RegExp(`^NOT OK: record seq 2, id ${records[1]?.id}: its content or its chainHash was changed`, 'm'));
    assert.match(stdout, /^1 record checked in \d+\.\d\d s before it/m);
    assert.match(stdout, /guards .* were dropped or changed: consent_records_no_update, consent_records_no_delete, consent_records_no_replace/);
  });

  it('verify names a re-timed record, even when only a column outside the record changed', async () => {
    const { code, stdout } = await tamperAndVerify("UPDATE consent_records SET received_at = '2020-01-01T00:00:00.000Z' WHERE seq = 3");
    assert.equal(code, 1);
    assert.match(stdout, new RegExp(`^NOT OK: record seq 3, id ${records[2]?.id}:`, 'm'));
    const hidden = await tamperAndVerify("UPDATE consent_records SET email = NULL WHERE seq = 1");
    assert.match(hidden.stdout, new RegExp(`^NOT OK: record seq 1, id ${records[0]?.id}:`, 'm'));
  });

  it('verify names the record after a DELETE, and says which is missing', async () => {
    const { code, stdout } = await tamperAndVerify('DELETE FROM consent_records WHERE seq = 2');
    assert.equal(code, 1);
    assert.match(stdout, new RegExp(`^NOT OK: record seq 3, id ${records[2]?.id}: record 2 is missing before it \\(deleted\\)`, 'm'));
  });

  it('verify names the record rewritten by INSERT OR REPLACE, which fires no delete trigger', async () => {
    const { code, stdout } = await tamperAndVerify(
      "INSERT OR REPLACE INTO consent_records SELECT seq, id, visitor_id, email, created_at, received_at, client_address, replace(record, 'reject-all', 'accept-all'), chain_hash FROM consent_records WHERE seq = 2",
    );
    assert.equal(code, 1);
    assert.match(stdout, new RegExp(`^NOT OK: record seq 2, id ${records[1]?.id}:`, 'm'));
  });

  it("verify names the record whose bytes were edited in the database file", async () => {
    const path = copy();
    const bytes = readFileSync(path);
    const at = bytes.indexOf('"method":"reject-all"');
    assert.ok(at > 0, 'the record is in the file as stored');
    bytes.write('"method":"accept-all"', at);
    writeFileSync(path, bytes);
    const { code, stdout } = await verify(path);
    assert.equal(code, 1);
    assert.match(stdout, new RegExp(`^NOT OK: record seq 2, id ${records[1]?.id}:`, 'm'));
  });

  it('a chain recomputed whole by someone holding the file passes alone but not against a head kept elsewhere', async () => {
    const path = copy();
    const db = new Database(path);
    try {
      db.exec('DROP TRIGGER consent_records_no_update');
      db.prepare("UPDATE consent_records SET record = replace(record, 'reject-all', 'accept-all') WHERE seq = 2").run();
      let previous = GENESIS.chainHash;
      for (const row of /** @type {Record<string, any>[]} */ (db.prepare('SELECT * FROM consent_records ORDER BY seq').all())) {
        previous = chainHashOf(previous, chained(row));
        db.prepare('UPDATE consent_records SET chain_hash = ? WHERE seq = ?').run(previous, row.seq);
      }
      db.exec(/** @type {string} */ (/** @type {{ sql: string }} */ (new Database(temp.db, { readonly: true })
        .prepare("SELECT sql FROM sqlite_master WHERE name = 'consent_records_no_update'").get()).sql));
    } finally {
      db.close();
    }
    assert.equal((await verify(path)).code, 0, 'without an anchor a full rewrite cannot be told');
    const { code, stdout } = await verify(path, ['--head', `${publishedHead.seq}:${publishedHead.chainHash}`]);
    assert.equal(code, 1);
    assert.match(stdout, /^NOT OK: record seq 4, id .*: the chain no longer passes through the head 4:[0-9a-f]{64} \(rewritten\)/m);
  });

  it('records removed from the end are caught against a head kept elsewhere', async () => {
    const { code, stdout } = await tamperAndVerify('DELETE FROM consent_records WHERE seq = 4', ['--head', `${publishedHead.seq}:${publishedHead.chainHash}`]);
    assert.equal(code, 1);
    assert.match(stdout, /^NOT OK: record seq 4: the store ends at seq 3/m);
  });

  it('verify refuses a malformed --head with a message naming it', async () => {
    const { code, stderr } = await verify(temp.db, ['--head', '4:xyz']);
    assert.equal(code, 2);
    assert.match(stderr, /^\[carat-consent\] verify --head must be SEQ:HASH .*not "4:xyz"/);
  });
});

describe('the chain under concurrent writers', () => {
  it('two collectors posting at once on one database extend one chain, never a fork', async () => {
    const temp = tempDir();
    const env = { CONSENT_DB: temp.db, RATE_LIMIT_PER_MINUTE: '100000' };
    const first = await startCollector(env);
    const second = await startCollector(env);
    try {
      const answers = await Promise.all(Array.from({ length: 300 }, (_, i) =>
        post(`${(i % 2 ? first : second).url}/api/consent`, makeRecord())));
      assert.ok(answers.every((answer) => answer.status === 201));
      const stored = rows(temp.db);
      assert.deepEqual(stored.map((row) => row.seq), Array.from({ length: 300 }, (_, i) => i + 1));
      const { code, stdout } = await verify(temp.db);
      assert.equal(code, 0, stdout);
      assert.match(stdout, /^OK: 300 records checked/m);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
      temp.remove();
    }
  });
});

describe('a database from the previous version', () => {
  it('is migrated into the chain at start, every row kept', async () => {
    const temp = tempDir();
    const old = makeRecord({ id: '399A205B-0C5D-4E6F-8A9B-0C1D2E3F4A5B' });
    const older = makeRecord();
    const db = new Database(temp.db);
    db.exec(readFileSync(new URL('./fixtures/schema-v1.sql', import.meta.url), 'utf8'));
    const insert = db.prepare('INSERT INTO consent_records (id, visitor_id, email, created_at, received_at, client_address, record) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const record of [older, old]) {
      insert.run(record.id, record.visitorId, record.email.address, record.createdAt, '2026-11-01T10:00:00.000Z', '203.0.113.0/24', JSON.stringify(record));
    }
    db.close();
    const collector = await startCollector({ CONSENT_DB: temp.db });
    try {
      const stored = rows(temp.db);
      assert.deepEqual(stored.map((row) => [row.seq, row.id]), [[1, older.id], [2, old.id.toLowerCase()]]);
      assert.equal(JSON.parse(stored[1]?.record).id, old.id, 'the record stays as it was received');
      const again = await post(`${collector.url}/api/consent`, { ...old, id: old.id.toLowerCase() });
      assert.equal(again.status, 200, 'a retry of a migrated record is a duplicate');
      assert.equal((await post(`${collector.url}/api/consent`, makeRecord())).status, 201);
      const { code, stdout } = await verify(temp.db);
      assert.equal(code, 0, stdout);
      assert.match(stdout, /^OK: 3 records checked/m);
    } finally {
      await collector.stop();
      temp.remove();
    }
  });
});

describe('the head, published for keeping elsewhere', () => {
  it('goes to AUDIT_HEAD_WEBHOOK_URL and the log on a schedule, and verify --head checks against it', async () => {
    const { createServer } = await import('node:http');
    /** @type {{ seq: number, chainHash: string, head: string, publishedAt: string }[]} */
    const received = [];
    const webhook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => { body += chunk; });
      request.on('end', () => {
        received.push(JSON.parse(body));
        response.end();
      });
    });
    await new Promise((resolve) => webhook.listen(0, '127.0.0.1', () => resolve(undefined)));
    const address = /** @type {import('node:net').AddressInfo} */ (webhook.address());
    const temp = tempDir();
    const collector = await startCollector({
      CONSENT_DB: temp.db, CONSENT_ADMIN_TOKEN: TOKEN,
      AUDIT_HEAD_WEBHOOK_URL: `http://127.0.0.1:${address.port}/heads`, AUDIT_HEAD_INTERVAL: '0.2',
    });
    try {
      for (let i = 0; i < 3; i++) assert.equal((await post(`${collector.url}/api/consent`, makeRecord())).status, 201);
      const head = await (await fetch(`${collector.url}/api/audit/head`, { headers: { authorization: `Bearer ${TOKEN}` } })).json();
      const deadline = Date.now() + 5000;
      while (!received.some((published) => published.seq === 3) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      const published = received.find((p) => p.seq === 3);
      assert.ok(published, JSON.stringify(received));
      assert.equal(published.chainHash, head.chainHash);
      assert.equal(published.head, `3:${head.chainHash}`);
      assert.ok(Date.parse(published.publishedAt) > 0);
      assert.equal(received[0]?.seq, 0, 'published at start too');
      assert.match(collector.output(), new RegExp(`^audit head 3:${head.chainHash} at \\S+ \\(check later with: verify --head 3:${head.chainHash}\\)$`, 'm'));
      const { code, stdout } = await verify(temp.db, ['--head', published.head]);
      assert.equal(code, 0, stdout);
    } finally {
      await collector.stop();
      webhook.close();
      temp.remove();
    }
  });

  it('refuses a malformed AUDIT_HEAD_WEBHOOK_URL at start, naming it', async () => {
    const temp = tempDir();
    try {
      await assert.rejects(startCollector({ CONSENT_DB: temp.db, AUDIT_HEAD_WEBHOOK_URL: 'ftp://heads' }),
        /\[carat-consent\] AUDIT_HEAD_WEBHOOK_URL must be an http\(s\) URL, not "ftp:\/\/heads"/);
    } finally {
      temp.remove();
    }
  });
});
