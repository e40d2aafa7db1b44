import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { startCollector, tempDir, tempStore, onlyOn, makeRecord, post } from './collector.js';

/**
 * Sends the first half of a POST, lets `between` run while the request is in flight, then the rest.
 * @param {string} url @param {string} body @param {() => Promise<void>} between
 * @returns {Promise<{ status: number | undefined, body: string }>}
 */
function postInTwoHalves(url, body, between) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, body: text }));
    });
    req.on('error', reject);
    req.write(body.slice(0, 40));
    between().then(() => req.end(body.slice(40)), reject);
  });
}

describe('collector lifecycle', () => {
  it('answers /healthz while the database answers', async () => {
    const temp = await tempStore();
    const collector = await startCollector({ ...temp.env });
    try {
      const response = await fetch(`${collector.url}/healthz`);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { status: 'ok' });
    } finally {
      await collector.stop();
      await temp.remove();
    }
  });

  it('answers /healthz 503 once a failed WAL sync has stopped the writer, so it gets restarted', onlyOn('sqlite'), async () => {
    const temp = tempDir();
    const marker = join(temp.dir, 'fail-sync');
    const collector = await startCollector({
      CONSENT_DB: temp.db,
      FAIL_WAL_SYNC_WHEN: marker,
      NODE_OPTIONS: `--import ${new URL('./failing-wal-sync.js', import.meta.url).pathname}`,
    });
    try {
      assert.equal((await post(`${collector.url}/api/consent`, makeRecord())).status, 201);
      assert.equal((await fetch(`${collector.url}/healthz`)).status, 200);
      writeFileSync(marker, '');
      assert.equal((await post(`${collector.url}/api/consent`, makeRecord())).status, 503);
      const health = await fetch(`${collector.url}/healthz`);
      assert.equal(health.status, 503);
      const body = await health.json();
      assert.equal(body.status, 'unavailable');
      assert.match(body.error, /restarts.*EIO/);
      assert.equal((await post(`${collector.url}/api/consent`, makeRecord())).status, 503, 'no record taken after it');
    } finally {
      await collector.stop();
      temp.remove();
    }
  });

  it('keeps every record across a restart, and still dedupes after it', async () => {
    const temp = await tempStore();
    const record = makeRecord();
    const first = await startCollector({ ...temp.env });
    assert.equal((await post(`${first.url}/api/consent`, record)).status, 201);
    await first.stop();
    const second = await startCollector({ ...temp.env });
    try {
      assert.equal((await post(`${second.url}/api/consent`, record)).status, 200);
      assert.equal((await post(`${second.url}/api/consent`, makeRecord())).status, 201);
      assert.equal((await temp.rows()).length, 2);
    } finally {
      await second.stop();
      await temp.remove();
    }
  });

  it('on SIGTERM finishes the request in flight, closes the database and exits 0', async () => {
    const temp = await tempStore();
    const collector = await startCollector({ ...temp.env });
    const record = makeRecord();
    try {
      const answer = await postInTwoHalves(`${collector.url}/api/consent`, JSON.stringify(record), async () => {
        // Time for the collector to read the first half on a busy machine before it is told to stop.
        await sleep(500);
        collector.child.kill('SIGTERM');
        await sleep(300);
      });
      assert.equal(answer.status, 201, answer.body);
      assert.deepEqual(await collector.exited, { code: 0, signal: null });
      assert.match(collector.output(), /collector stopped/);
      // SQLite removes the write-ahead log only when the last connection closes cleanly.
      if (temp.env.CONSENT_DB) assert.equal(existsSync(`${temp.env.CONSENT_DB}-wal`), false);
      assert.deepEqual((await temp.rows()).map((row) => row.id), [record.id]);
    } finally {
      await collector.stop();
      await temp.remove();
    }
  });

  it('stops on SIGINT too', async () => {
    const temp = await tempStore();
    const collector = await startCollector({ ...temp.env });
    collector.child.kill('SIGINT');
    assert.deepEqual(await collector.exited, { code: 0, signal: null });
    await temp.remove();
  });
});
