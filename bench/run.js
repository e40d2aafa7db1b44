// `npm run bench`: measures carat-consent beside vanilla-cookieconsent and Klaro in one run and
// prints one Markdown table, also written to bench/results.md. BENCH_ROUNDS sets the counted rounds,
// BENCH_VERIFY_RECORDS how many records the chain's verify is timed over, BENCH_PARTS which parts run
// (comma-separated: pages, collector, postgres, verify, stats; default all) for a quicker look at one.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { LOAD, measureCollector, measurePostgresPair } from './collector.js';
import { measurePages } from './page-timings.js';
import { renderReport } from './report.js';
import { measureSize } from './sizes.js';
import { startStaticServer } from './static-server.js';
import { root, widgets } from './widgets.js';
import { measureVerify } from './verify.js';
import { measureConsoleStats } from './console-stats.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const verifyRecords = Number(process.env.BENCH_VERIFY_RECORDS ?? 1_000_000);
const statsRecords = Number(process.env.BENCH_STATS_RECORDS ?? 1_000_000);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`BENCH_ROUNDS must be a whole number above 0, not "${process.env.BENCH_ROUNDS}"`);
  process.exit(1);
}

const PARTS = ['pages', 'collector', 'postgres', 'verify', 'stats'];
const chosen = process.env.BENCH_PARTS ? process.env.BENCH_PARTS.split(',').map((name) => name.trim()) : PARTS;
const unknown = chosen.filter((name) => !PARTS.includes(name));
if (unknown.length) {
  console.error(`BENCH_PARTS names ${unknown.join(', ')}; the parts are ${PARTS.join(', ')}`);
  process.exit(1);
}

/** Runs one part; a part that throws is reported as not measured rather than ending the run. */
async function part(name, measure) {
  if (!chosen.includes(name)) return { missing: 'not run (BENCH_PARTS)' };
  try {
    return await measure();
  } catch (error) {
    console.error(`${name}: ${error.stack}`);
    return { missing: `failed: ${error.message.split('\n')[0]}` };
  }
}

const all = widgets();
const present = all.filter((widget) => !widget.missing);
for (const widget of all) if (widget.missing) console.error(`${widget.name}: ${widget.missing}`);

const sizes = new Map(
  present.map((widget) => [
    widget.name,
    { ...measureSize(root, widget.assets), withPreferences: measureSize(root, [...widget.assets, ...widget.onOpen]).brotli },
  ]),
);

const pages = await part('pages', async () => {
  if (present.length === 0) return { missing: 'no widget to measure' };
  const server = await startStaticServer(root);
  try {
    return await measurePages(server.url, present, rounds);
  } finally {
    await server.close();
  }
});

const collector = await part('collector', () => measureCollector(root));
if ('missing' in collector) console.error(`collector: ${collector.missing}`);
const postgresPair = await part('postgres', () => measurePostgresPair(root));
if ('missing' in postgresPair) console.error(`2 collectors on PostgreSQL: ${postgresPair.missing}`);

const verify = await part('verify', () => measureVerify(root, verifyRecords));
if ('missing' in verify) console.error(`verify: ${verify.missing}`);

const consoleStats = await part('stats', () => measureConsoleStats(root, statsRecords));
if ('missing' in consoleStats) console.error(`console stats: ${consoleStats.missing}`);

const report = renderReport({
  meta: {
    date: new Date().toISOString(),
    node: process.version,
    chromium: pages.chromium ?? 'not run',
    cpus: cpus().length,
    rounds,
  },
  widgets: all,
  sizes,
  pages,
  collector,
  verify,
  postgresPair,
  consoleStats,
  load: LOAD,
});
writeFileSync(join(root, 'bench/results.md'), report);
console.log(report);
