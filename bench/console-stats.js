import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startCollector } from '../test/server/collector.js';

const TOKEN = 'bench-stats';
const DAYS = 90;
const ROUNDS = 20;

/**
 * The console's overview on a big store: `count` records over 90 days stored through the
 * collector's own writer (chain and per-day counters kept as in production), then
 * `GET /api/stats` for those 90 days over HTTP from the real collector, timed per answer.
 * @param {string} root repository root
 * @param {number} count
 * @returns {Promise<{ count: number, seedS: number, medianMs: number, maxMs: number }>}
 */
export async function measureConsoleStats(root, count) {
  const { fakeRecords, seedRecords } = await import(pathToFileURL(join(root, 'scripts/seed-records.js')).href);
  const data = mkdtempSync(join(tmpdir(), 'carat-stats-bench-'));
  const dbPath = join(data, 'consent.db');
  try {
    const lastDay = new Date().toISOString().slice(0, 10);
    const seeding = performance.now();
    seedRecords(dbPath, fakeRecords({ count, days: DAYS, lastDay, services: true }));
    const seedS = (performance.now() - seeding) / 1000;
    const collector = await startCollector({ CONSENT_DB: dbPath, CONSENT_ADMIN_TOKEN: TOKEN });
    try {
      const from = new Date(Date.parse(lastDay) - (DAYS - 1) * 86400000).toISOString().slice(0, 10);
      const ask = async () => {
        const started = performance.now();
        const response = await fetch(`${collector.url}/api/stats?from=${from}&to=${lastDay}`, {
          headers: { authorization: `Bearer ${TOKEN}` },
        });
        const stats = await response.json();
        if (stats.total !== count) throw new Error(`/api/stats counted ${stats.total} records, not ${count}`);
        return performance.now() - started;
      };
      await ask();
      const times = [];
      for (let i = 0; i < ROUNDS; i++) times.push(await ask());
      times.sort((a, b) => a - b);
      return { count, seedS, medianMs: times[Math.floor(ROUNDS / 2)] ?? 0, maxMs: times.at(-1) ?? 0 };
    } finally {
      await collector.stop();
    }
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}
