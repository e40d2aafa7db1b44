import autocannon from 'autocannon';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consentRecordBody } from './consent-record.js';
import { spawnServer } from './spawn-server.js';
import { findPostgres, INSTALL_HINT, startCluster } from '../test/server/postgres-cluster.js';

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
 * @property {number} [cpuUsPerRequest] CPU time of the server's process (every thread, user and
 *   kernel) per answered request, in µs; unlike req/s, little changed by other load on the machine
 */

/** @returns {Promise<Load & { total: number }>} */
async function load(origin, duration, connections = LOAD.connections) {
  const result = await autocannon({
    url: origin,
    connections,
    duration,
    requests: [{
      method: 'POST',
      path: '/api/consent',
      headers: { 'content-type': 'application/json' },
      setupRequest: (request) => ({ ...request, body: consentRecordBody() }),
    }],
  });
  return {
    total: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/**
 * CPU time a process has used so far, all its threads, in ms (Linux's /proc; undefined elsewhere).
 * @param {number} pid
 */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Starts a server, warms it up (JIT, SQLite page cache), measures it, stops it. */
async function measure(script, env) {
  const server = await spawnServer(script, env);
  try {
    await load(server.origin, LOAD.warmupS);
    const before = cpuMs(server.pid);
    const { total, ...measured } = await load(server.origin, LOAD.durationS);
    const after = cpuMs(server.pid);
    return before === undefined || after === undefined ? measured : { ...measured, cpuUsPerRequest: ((after - before) * 1000) / total };
  } finally {
    await server.stop();
  }
}

/**
 * Our collector (`server/main.js`, fresh temporary database, rate limit out of the way) against
 * a bare node:http server answering 201 to the same POSTs: the ceiling of this machine.
 * @param {string} root repository root
 * @returns {Promise<{ missing: string } | { ours: Load, ceiling: Load }>}
 */
export async function measureCollector(root) {
  const main = join(root, 'server/main.js');
  if (!existsSync(main)) return { missing: 'server/main.js not found' };
  const ceiling = await measure(fileURLToPath(new URL('./ceiling-server.js', import.meta.url)), {});
  const data = mkdtempSync(join(tmpdir(), 'carat-bench-'));
  try {
    const file = join(data, 'consent.db');
    const ours = await measure(main, { CONSENT_DB: file, RATE_LIMIT_PER_MINUTE: '100000000' });
    // Stopped, so the log is copied into the file: its size is what the records take on disk.
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(file, { readonly: true });
    const records = /** @type {number} */ (db.prepare('SELECT count(*) FROM consent_records').pluck().get());
    db.close();
    return { ours: { ...ours, bytesPerRecord: statSync(file).size / records }, ceiling };
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

/**
 * Two collectors on one throwaway PostgreSQL cluster (fresh database, default durability: every
 * answer waits for its commit's WAL flush), the same load split evenly between them, as a load
 * balancer would: req/s summed, p99 the worse of the two.
 * @param {string} root repository root
 * @returns {Promise<{ missing: string } | Load & { bytesPerRecord: number }>}
 */
export async function measurePostgresPair(root) {
  const bin = findPostgres();
  if (!bin) return { missing: `no PostgreSQL server found (${INSTALL_HINT})` };
  const main = join(root, 'server/main.js');
  const cluster = await startCluster(bin);
  try {
    const env = { DATABASE_URL: cluster.url, RATE_LIMIT_PER_MINUTE: '100000000' };
    // One after the other: the first migrates the fresh database.
    const servers = [await spawnServer(main, env), await spawnServer(main, env)];
    const origins = servers.map((server) => server.origin);
    try {
      const each = LOAD.connections / origins.length;
      await Promise.all(origins.map((origin) => load(origin, LOAD.warmupS, each)));
      const results = await Promise.all(origins.map((origin) => load(origin, LOAD.durationS, each)));
      const { default: pg } = await import('pg');
      const client = new pg.Client(cluster.url);
      await client.connect();
      const { rows } = await client.query("SELECT count(*) AS n, pg_total_relation_size('consent_records') AS bytes FROM consent_records");
      await client.end();
      return {
        rps: results.reduce((sum, r) => sum + r.rps, 0),
        p50: Math.max(...results.map((r) => r.p50)),
        p99: Math.max(...results.map((r) => r.p99)),
        non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
        errors: results.reduce((sum, r) => sum + r.errors, 0),
        bytesPerRecord: Number(rows[0].bytes) / Number(rows[0].n),
      };
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
  } finally {
    cluster.stop();
  }
}
