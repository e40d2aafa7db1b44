import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startCollector, tempStore, onlyOn, makeRecord, post, verify } from './collector.js';
import { verifyChain } from '../../server/chain.js';

/** The stored rows in the form `verifyChain` reads. @param {Record<string, any>[]} rows */
function chainOf(rows) {
  return rows.map((row) => ({
    seq: row.seq, id: row.id, visitorId: row.visitor_id, email: row.email, createdAt: row.created_at,
    receivedAt: row.received_at, clientAddress: row.client_address, record: JSON.parse(row.record), chainHash: row.chain_hash,
  }));
}

/** Asserts one unbroken chain over exactly `count` rows, each id once. @param {Record<string, any>[]} rows @param {number} count */
async function assertOneChain(rows, count) {
  assert.equal(rows.length, count);
  assert.equal(new Set(rows.map((row) => row.id)).size, count);
  const { checked, broken } = await verifyChain(chainOf(rows));
  assert.equal(broken, null, JSON.stringify(broken));
  assert.equal(checked, count);
}

describe('several collectors on one PostgreSQL database', onlyOn('postgres'), () => {
  const limit = { RATE_LIMIT_PER_MINUTE: '100000' };

  it('stores every acknowledged id once across concurrent posts and cross-instance replays, in one chain', async () => {
    const temp = await tempStore();
    const [first, second] = await Promise.all([startCollector({ ...temp.env, ...limit }), startCollector({ ...temp.env, ...limit })]);
    try {
      const records = Array.from({ length: 150 }, () => makeRecord());
      // Every record goes to both collectors at once (a retry that reached another instance), some
      // a third time with the id in upper case, and some replays carry other content under the id.
      const sends = records.flatMap((record, i) => [
        { to: first, body: record, same: true },
        { to: second, body: i % 3 ? record : { ...record, id: record.id.toUpperCase() }, same: true },
        ...(i % 10 === 0 ? [{ to: i % 20 ? first : second, body: { ...record, method: 'withdraw' }, same: false }] : []),
      ]);
      const answers = await Promise.all(sends.map(({ to, body }) => post(`${to.url}/api/consent`, body)));
      /** @type {Map<string, number[]>} */
      const statuses = new Map();
      for (const [n, answer] of answers.entries()) {
        const { body, same } = /** @type {typeof sends[number]} */ (sends[n]);
        const id = body.id.toLowerCase();
        if (same) statuses.set(id, [...(statuses.get(id) ?? []), answer.status]);
        else assert.ok([201, 409].includes(answer.status), `other content under ${id}: ${answer.status}`);
      }
      const stored = await temp.rows();
      await assertOneChain(stored, records.length);
      const storedMethod = new Map(stored.map((row) => [row.id, JSON.parse(row.record).method]));
      for (const record of records) {
        const got = /** @type {number[]} */ (statuses.get(record.id));
        // The kept row is the record itself (then its copies answer 201 once and 200 after) or, when
        // the other content won the race, the copies answer 409.
        if (storedMethod.get(record.id) === record.method) assert.deepEqual(got.sort(), [200, 201], record.id);
        else assert.deepEqual(got, [409, 409], record.id);
      }
    } finally {
      await Promise.all([first.stop(), second.stop()]);
      await temp.remove();
    }
  });

  it('loses nothing a collector answered 2xx when it is SIGKILLed under load, and the chain verifies after', async () => {
    const temp = await tempStore();
    const [victim, survivor] = await Promise.all([startCollector({ ...temp.env, ...limit }), startCollector({ ...temp.env, ...limit })]);
    try {
      /** @type {Set<string>} */
      const acknowledged = new Set();
      let refused = 0;
      /** @param {typeof victim} collector @param {number} count */
      const load = (collector, count) => Promise.all(Array.from({ length: count }, async () => {
        const record = makeRecord();
        try {
          const answer = await post(`${collector.url}/api/consent`, record);
          if (answer.status === 201 || answer.status === 200) acknowledged.add(record.id);
        } catch {
          refused++; // the connection died with the collector: never acknowledged, the widget retries
        }
      }));
      /**
       * Posts from `workers` loops until the collector dies, so the kill always lands under load
       * however fast the machine is. @param {typeof victim} collector @param {number} workers
       */
      const untilKilled = (collector, workers) => Promise.all(Array.from({ length: workers }, async () => {
        for (;;) {
          const record = makeRecord();
          try {
            const answer = await post(`${collector.url}/api/consent`, record);
            if (answer.status === 201 || answer.status === 200) acknowledged.add(record.id);
          } catch {
            refused++; // the connection died with the collector: never acknowledged, the widget retries
            return;
          }
        }
      }));
      const victimLoad = untilKilled(victim, 20);
      const survivorLoad = load(survivor, 200);
      await new Promise((resolve) => setTimeout(resolve, 150));
      victim.child.kill('SIGKILL');
      assert.deepEqual(await victim.exited, { code: null, signal: 'SIGKILL' });
      await Promise.all([victimLoad, survivorLoad]);
      assert.ok(refused > 0, 'the kill cut requests off mid-flight');
      const stored = await temp.rows();
      const kept = new Set(stored.map((row) => row.id));
      for (const id of acknowledged) assert.ok(kept.has(id), id);
      await assertOneChain(stored, stored.length);
      // The survivor goes on extending the same chain.
      assert.equal((await post(`${survivor.url}/api/consent`, makeRecord())).status, 201);
      await assertOneChain(await temp.rows(), stored.length + 1);
      const audit = await verify(temp.env);
      assert.equal(audit.code, 0, audit.stdout + audit.stderr);
      assert.match(audit.stdout, new RegExp(`^OK: ${stored.length + 1} records checked`, 'm'));
    } finally {
      await Promise.all([victim.stop(), survivor.stop()]);
      await temp.remove();
    }
  });

  it('migrates an empty database once when two collectors start on it at the same time, and records the version', async () => {
    const temp = await tempStore();
    const collectors = await Promise.all([startCollector(temp.env), startCollector(temp.env)]);
    try {
      const client = new pg.Client(temp.url);
      await client.connect();
      try {
        const { rows } = await client.query('SELECT version FROM consent_schema_migrations ORDER BY version');
        // Each version once, none skipped: as many as the collector knows.
        assert.ok(rows.length >= 4, `${rows.length} migrations`);
        assert.deepEqual(rows.map((row) => row.version), rows.map((_, n) => n + 1));
      } finally {
        await client.end();
      }
      assert.equal((await post(`${collectors[1].url}/api/consent`, makeRecord())).status, 201);
    } finally {
      await Promise.all(collectors.map((collector) => collector.stop()));
      await temp.remove();
    }
  });

  it('refuses to start on a database whose schema is newer than it knows', async () => {
    const temp = await tempStore();
    const client = new pg.Client(temp.url);
    await client.connect();
    await client.query('CREATE TABLE consent_schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    await client.query('INSERT INTO consent_schema_migrations (version) VALUES (1), (2), (3), (4), (99)');
    await client.end();
    try {
      await assert.rejects(startCollector(temp.env), /schema is version 99, newer than this collector knows/);
    } finally {
      await temp.remove();
    }
  });
});
