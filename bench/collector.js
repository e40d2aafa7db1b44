import autocannon from 'autocannon';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consentRecordBody } from './consent-record.js';
import { spawnServer } from './spawn-server.js';

/** Load shape, reported with the results. */
export const LOAD = {
  // 50 keep-alive connections keep both cores busy (the server never waits for the client) while
  // staying near the peak concurrency of consent posts a busy shop sees; more would only queue
  // behind Node's single thread and SQLite's single writer and inflate p99 without adding req/s.
  connections: 50,
  durationS: 10,
  warmupS: 2,
};

/**
 * Throughput and latency of one server under the load shape.
 * @typedef {object} Load
 * @property {number} rps mean requests per second
 * @property {number} p50 ms
 * @property {number} p99 ms
 * @property {number} non2xx responses that were not 2xx (a record the server refused is no result)
 * @property {number} errors connection errors and timeouts
 */

/** @returns {Promise<Load>} */
async function load(origin, duration) {
  const result = await autocannon({
    url: origin,
    connections: LOAD.connections,
    duration,
    requests: [{
      method: 'POST',
      path: '/api/consent',
      headers: { 'content-type': 'application/json' },
      setupRequest: (request) => ({ ...request, body: consentRecordBody() }),
    }],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Starts a server, warms it up (JIT, SQLite page cache), measures it, stops it. */
async function measure(script, env, port) {
  const origin = `http://127.0.0.1:${port}`;
  const server = await spawnServer(script, { ...env, PORT: String(port), HOST: '127.0.0.1' }, origin);
  try {
    await load(origin, LOAD.warmupS);
    return await load(origin, LOAD.durationS);
  } finally {
    await server.stop();
  }
}

/**
 * Our collector (`server/main.js`, fresh temporary database, rate limit out of the way) against
 * a bare node:http server answering 201 to the same POSTs: the ceiling of this machine.
 * @param {string} root repository root
 * @param {number[]} ports two free ports
 * @returns {Promise<{ missing: string } | { ours: Load, ceiling: Load }>}
 */
export async function measureCollector(root, [oursPort, ceilingPort]) {
  const main = join(root, 'server/main.js');
  if (!existsSync(main)) return { missing: 'server/main.js not found' };
  const ceiling = await measure(fileURLToPath(new URL('./ceiling-server.js', import.meta.url)), {}, ceilingPort);
  const data = mkdtempSync(join(tmpdir(), 'carat-bench-'));
  try {
    const ours = await measure(main, {
      CONSENT_DB: join(data, 'consent.db'),
      RATE_LIMIT_PER_MINUTE: '100000000',
    }, oursPort);
    return { ours, ceiling };
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}
