import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { startCollector, tempDir, tempStore, onlyOn, makeRecord, post, rows } from './collector.js';

describe('group commit through the collector', () => {
  it('answers a burst of 200 posts, duplicates within it included, each rightly, with one row per id', async () => {
    const temp = await tempStore();
    const collector = await startCollector({ ...temp.env, RATE_LIMIT_PER_MINUTE: '1000' });
    try {
      const endpoint = `${collector.url}/api/consent`;
      const earlier = makeRecord();
      assert.equal((await post(endpoint, earlier)).status, 201);
      const unique = Array.from({ length: 160 }, () => makeRecord());
      // 39 repeats of ids in this very burst, and one of a record stored before it.
      const burst = [...unique, ...unique.slice(0, 39), earlier];
      const answers = await Promise.all(burst.map((record) => post(endpoint, record)));

      /** @type {Map<string, number[]>} */
      const statuses = new Map();
      for (const [i, answer] of answers.entries()) {
        const id = /** @type {{ id: string }} */ (burst[i]).id;
        assert.equal(answer.body.id, id);
        statuses.set(id, [...(statuses.get(id) ?? []), answer.status]);
      }
      for (const record of unique.slice(0, 39)) assert.deepEqual(statuses.get(record.id)?.sort(), [200, 201], record.id);
      for (const record of unique.slice(39)) assert.deepEqual(statuses.get(record.id), [201], record.id);
      assert.deepEqual(statuses.get(earlier.id), [200]);

      const stored = (await temp.rows());
      assert.equal(stored.length, 161);
      assert.equal(new Set(stored.map((row) => row.id)).size, 161);
      // A duplicate is answered with the time of the row that was kept.
      const keptAt = new Map(stored.map((row) => [row.id, row.received_at]));
      for (const [i, answer] of answers.entries()) {
        assert.equal(answer.body.receivedAt, keptAt.get(/** @type {{ id: string }} */ (burst[i]).id));
      }
    } finally {
      await collector.stop();
      await temp.remove();
    }
  });

  it('keeps every acknowledged record when the process is killed outright', async () => {
    const temp = await tempStore();
    const collector = await startCollector({ ...temp.env, RATE_LIMIT_PER_MINUTE: '1000' });
    try {
      const records = Array.from({ length: 120 }, () => makeRecord());
      const answers = await Promise.all(records.map((record) => post(`${collector.url}/api/consent`, record)));
      assert.ok(answers.every((answer) => answer.status === 201));
      // SIGKILL: no shutdown hook runs, the database is never closed, the WAL is left as it was.
      collector.child.kill('SIGKILL');
      assert.deepEqual(await collector.exited, { code: null, signal: 'SIGKILL' });
      const kept = new Set((await temp.rows()).map((row) => row.id));
      for (const record of records) assert.ok(kept.has(record.id), record.id);
    } finally {
      await collector.stop();
      await temp.remove();
    }
  });

  it('loses nothing acknowledged while checkpoints run during the posts, even when killed outright', onlyOn('sqlite'), async () => {
    const temp = tempDir();
    const collector = await startCollector({ CONSENT_DB: temp.db, RATE_LIMIT_PER_MINUTE: '10000' });
    // A second checkpointer beside the collector's own: this process copies and restarts the log
    // while the collector commits into it.
    const checkpointer = new Database(temp.db);
    try {
      /** @type {string[]} */
      const acknowledged = [];
      let restarts = 0;
      for (let round = 0; round < 12; round++) {
        const records = Array.from({ length: 60 }, () => makeRecord());
        const answers = Promise.all(records.map((record) => post(`${collector.url}/api/consent`, record)));
        for (let n = 0; n < 3; n++) {
          await new Promise((resolve) => setTimeout(resolve, 2));
          const mode = n === 2 ? 'RESTART' : 'PASSIVE';
          const [{ busy }] = /** @type {{ busy: number }[]} */ (checkpointer.pragma(`wal_checkpoint(${mode})`));
          if (mode === 'RESTART' && busy === 0) restarts++;
        }
        for (const [i, answer] of (await answers).entries()) {
          assert.equal(answer.status, 201);
          acknowledged.push(/** @type {{ id: string }} */ (records[i]).id);
        }
      }
      assert.ok(restarts > 0, 'the log was restarted at least once during the posts');
      checkpointer.close();
      collector.child.kill('SIGKILL');
      await collector.exited;
      const kept = rows(temp.db).map((row) => row.id);
      assert.equal(kept.length, acknowledged.length);
      const keptIds = new Set(kept);
      for (const id of acknowledged) assert.ok(keptIds.has(id), id);
    } finally {
      if (checkpointer.open) checkpointer.close();
      await collector.stop();
      temp.remove();
    }
  });
});
