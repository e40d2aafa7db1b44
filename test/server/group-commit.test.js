import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { groupCommit } from '../../server/group-commit.js';

/** @template R @returns {{ settle: import('../../server/group-commit.js').Settle<R>, settled: Promise<{ error: Error | null, result?: R }> }} */
function waiter() {
  /** @type {(value: { error: Error | null, result?: R }) => void} */
  let done = () => {};
  const settled = new Promise((resolve) => { done = resolve; });
  return { settle: (error, result) => done({ error, result }), settled };
}

describe('groupCommit', () => {
  it('commits what is queued in one turn together, and what comes during a commit in the next one', async () => {
    /** @type {number[][]} */
    const batches = [];
    /** @type {(() => void)[]} */
    const release = [];
    const commits = groupCommit((/** @type {number[]} */ items) => {
      batches.push(items);
      return new Promise((resolve) => release.push(() => resolve(items.map((n) => n * 10))));
    });
    const first = [1, 2, 3].map((n) => { const w = waiter(); commits.add(n, w.settle); return w; });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(batches, [[1, 2, 3]]);
    const second = [4, 5].map((n) => { const w = waiter(); commits.add(n, w.settle); return w; });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(batches, [[1, 2, 3]], 'nothing starts while a commit is in flight');
    release.shift()?.();
    assert.deepEqual((await Promise.all(first.map((w) => w.settled))).map((s) => s.result), [10, 20, 30]);
    assert.deepEqual(batches, [[1, 2, 3], [4, 5]]);
    release.shift()?.();
    assert.deepEqual((await Promise.all(second.map((w) => w.settled))).map((s) => s.result), [40, 50]);
  });

  it('fails every caller of a failed batch, and goes on with the next', async () => {
    let calls = 0;
    const commits = groupCommit((/** @type {string[]} */ items) => (++calls === 1
      ? Promise.reject(new Error('disk full'))
      : Promise.resolve(items)));
    const failed = ['a', 'b'].map((item) => { const w = waiter(); commits.add(item, w.settle); return w; });
    for (const { error, result } of await Promise.all(failed.map((w) => w.settled))) {
      assert.equal(error?.message, 'disk full');
      assert.equal(result, undefined);
    }
    const later = waiter();
    commits.add('c', later.settle);
    assert.deepEqual(await later.settled, { error: null, result: 'c' });
  });

  it('drain waits for everything queued', async () => {
    /** @type {number[]} */
    const written = [];
    const commits = groupCommit(async (/** @type {number[]} */ items) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      written.push(...items);
      return items;
    });
    for (const n of [1, 2, 3]) commits.add(n, () => {});
    await commits.drain();
    assert.deepEqual(written, [1, 2, 3]);
  });
});
