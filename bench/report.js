import { summarize } from './stats.js';

/** The targets from issues 6 and 16, in one place so the table and its "met" column agree. */
const TARGETS = {
  brotliBytes: 12_000,
  brotliVsVanilla: 0.87,
  bannerVsVanilla: 0.5,
  returnVsVanilla: 1,
  mainThreadVsVanilla: 1,
  collectorVsCeiling: 0.5,
  collectorP99Ms: 50,
  statsMs: 300,
};

const VANILLA = 'vanilla-cookieconsent';
const int = (value) => Math.round(value).toLocaleString('en-US');
const ratio = (value) => `${value.toFixed(2)}×`;
const met = (ok) => (ok ? 'met' : '**missed**');
const range = (s) => `${int(s.median)} (${int(s.min)}–${int(s.max)})`;

/**
 * Everything one run measured; a part that could not run carries `missing` (the reason) instead.
 * @typedef {object} Results
 * @property {{ date: string, node: string, chromium: string, cpus: number, rounds: number }} meta
 * @property {import('./widgets.js').Widget[]} widgets ours first
 * @property {Map<string, { raw: number, gzip: number, brotli: number, withPreferences: number }>} sizes by widget name
 * @property {{ missing: string } | { timings: Map<string, import('./page-timings.js').Timings> }} pages
 * @property {{ missing: string } | { ours: import('./collector.js').Load & { bytesPerRecord: number }, ceiling: import('./collector.js').Load }} collector
 * @property {{ missing: string } | { count: number, storeS: number, verifyS: number }} verify
 * @property {{ missing: string } | import('./collector.js').Load & { bytesPerRecord: number }} [postgresPair]
 * @property {{ missing: string } | { count: number, seedS: number, medianMs: number, maxMs: number }} [consoleStats]
 * @property {{ connections: number, durationS: number, warmupS: number }} load
 */

/**
 * One table row: a measure per widget and its target.
 * @param {Results} results
 * @param {object} spec
 * @param {string} spec.label
 * @param {(widget: import('./widgets.js').Widget) => number | undefined} spec.value undefined when not measured
 * @param {(value: number, widget: import('./widgets.js').Widget) => string} spec.show
 * @param {boolean} [spec.compare] add "ours N×" to the competitors' cells
 * @param {string} [spec.target]
 * @param {(ours: number, competitors: Record<string, number | undefined>) => string} [spec.verdict]
 */
function row(results, { label, value, show, compare = true, target = '', verdict = () => '' }) {
  const [ours, ...competitors] = results.widgets;
  const mine = value(ours);
  const cells = results.widgets.map((widget) => {
    const own = value(widget);
    if (own === undefined) return widget.missing ?? 'not measured';
    if (widget === ours || mine === undefined || !compare) return show(own, widget);
    return `${show(own, widget)}; ours ${ratio(mine / own)}`;
  });
  const byName = Object.fromEntries(competitors.map((widget) => [widget.name, value(widget)]));
  const outcome = mine === undefined ? (target ? 'not measured' : '') : verdict(mine, byName);
  return `| ${label} | ${cells.join(' | ')} | ${target} | ${outcome} |`;
}

/** Rows for bytes, page timings and main-thread cost. */
function widgetRows(results) {
  const size = (key) => (widget) => results.sizes.get(widget.name)?.[key];
  const timings = 'timings' in results.pages ? results.pages.timings : new Map();
  const sample = (key) => (widget) => summarize(timings.get(widget.name)?.[key] ?? []) ?? undefined;
  const median = (key) => (widget) => sample(key)(widget)?.median;
  const spread = (key) => (_, widget) => range(sample(key)(widget));
  const vsVanilla = (limit) => (ours, others) =>
    (others[VANILLA] === undefined ? 'not measured' : met(ours <= limit * others[VANILLA]));
  const below = (limit) => (ours, others) => (others[VANILLA] === undefined ? 'not measured' : met(ours < limit * others[VANILLA]));
  return [
    row(results, { label: 'JS + CSS raw, bytes', value: size('raw'), show: int }),
    row(results, { label: 'gzip -9, bytes', value: size('gzip'), show: int }),
    row(results, {
      label: 'brotli q11, bytes',
      value: size('brotli'),
      show: int,
      target: `≤ ${int(TARGETS.brotliBytes)}; ≤ ${TARGETS.brotliVsVanilla}× ${VANILLA}`,
      verdict: (ours, others) =>
        `${met(ours <= TARGETS.brotliBytes)}; ${vsVanilla(TARGETS.brotliVsVanilla)(ours, others)}`,
    }),
    row(results, {
      label: 'brotli q11 once the preferences are opened, bytes',
      value: size('withPreferences'),
      show: int,
    }),
    row(results, {
      label: 'Time to banner, tags in `<head>`, ms: median (min–max)',
      value: median('banner'),
      show: spread('banner'),
      target: `median < ${TARGETS.bannerVsVanilla}× ${VANILLA}`,
      verdict: below(TARGETS.bannerVsVanilla),
    }),
    row(results, {
      label: 'Time to banner, tags at the end of `<body>`, ms: median (min–max)',
      value: median('bannerBody'),
      show: spread('bannerBody'),
      target: `median < ${TARGETS.bannerVsVanilla}× ${VANILLA}`,
      verdict: below(TARGETS.bannerVsVanilla),
    }),
    row(results, {
      label: 'Return visit: gated script running, ms: median (min–max)',
      value: median('applied'),
      show: spread('applied'),
      target: `median ≤ ${TARGETS.returnVsVanilla}× ${VANILLA}`,
      verdict: vsVanilla(TARGETS.returnVsVanilla),
    }),
    row(results, {
      label: 'Return visit: banner painted',
      value: (widget) => (timings.get(widget.name)?.applied.length ? timings.get(widget.name).bannerPainted : undefined),
      show: (count, widget) => `${count ? '**yes**' : 'no'} (${count}/${timings.get(widget.name).applied.length})`,
      compare: false,
      target: 'no',
      verdict: (count) => met(count === 0),
    }),
    row(results, {
      label: 'ScriptDuration at banner, ms: median (min–max)',
      value: median('scriptMs'),
      show: (_, widget) => ((s) => `${s.median.toFixed(1)} (${s.min.toFixed(1)}–${s.max.toFixed(1)})`)(sample('scriptMs')(widget)),
      target: `median ≤ ${TARGETS.mainThreadVsVanilla}× ${VANILLA}`,
      verdict: vsVanilla(TARGETS.mainThreadVsVanilla),
    }),
    row(results, {
      label: 'JSHeapUsedSize at banner, KiB: median (min–max)',
      value: median('heapKb'),
      show: spread('heapKb'),
      target: `median ≤ ${TARGETS.mainThreadVsVanilla}× ${VANILLA}`,
      verdict: vsVanilla(TARGETS.mainThreadVsVanilla),
    }),
  ];
}

/** Rows for the collector; competitors ship no collector, so their cells stay empty. */
function collectorRows(results) {
  const blanks = results.widgets.slice(1).map(() => '—').join(' | ');
  if ('missing' in results.collector) {
    return [`| Collector | ${results.collector.missing} | ${blanks} | | not measured |`];
  }
  const { ours, ceiling } = results.collector;
  const share = ours.rps / ceiling.rps;
  const refused = ours.non2xx + ours.errors;
  const refusedNote = refused ? ` (${int(refused)} non-2xx or errors)` : '';
  return [
    `| Collector, req/s | ${int(ours.rps)} (${ratio(share)} ceiling)${refusedNote} | ${blanks} ` +
      `| ≥ ${TARGETS.collectorVsCeiling}× ceiling (node:http: ${int(ceiling.rps)}) ` +
      `| ${met(share >= TARGETS.collectorVsCeiling && refused === 0)} |`,
    `| Collector latency p50 / p99, ms | ${int(ours.p50)} / ${int(ours.p99)} | ${blanks} ` +
      `| p99 < ${TARGETS.collectorP99Ms} (node:http: ${int(ceiling.p50)} / ${int(ceiling.p99)}) ` +
      `| ${met(ours.p99 < TARGETS.collectorP99Ms)} |`,
    ...cpuRows(ours, ceiling, blanks),
    ...postgresRows(results.postgresPair, ours, blanks),
    `| Collector on SQLite, bytes per million records | ${int(ours.bytesPerRecord)} MB (the whole file) | ${blanks} | | measured |`,
  ];
}

/**
 * CPU per stored record, and the capacity it gives: records a day that one core's worth of CPU
 * stores, whatever else runs on the machine (req/s depends on that; CPU per request far less).
 * @param {import('./collector.js').Load} ours @param {import('./collector.js').Load} ceiling
 * @param {string} blanks
 */
function cpuRows(ours, ceiling, blanks) {
  if (ours.cpuUsPerRequest === undefined) return [];
  const perDay = (86_400 * 1e6) / ours.cpuUsPerRequest;
  return [
    `| Collector CPU per stored record, µs (all threads) | ${int(ours.cpuUsPerRequest)} | ${blanks} ` +
      `| (node:http: ${int(ceiling.cpuUsPerRequest ?? 0)} per answer) | measured |`,
    `| Collector on SQLite, records per day per core | ${(perDay / 1e6).toFixed(0)} million | ${blanks} | | measured |`,
  ];
}

/**
 * Two collectors sharing one PostgreSQL beside the one on SQLite: what a second instance buys.
 * @param {Results['postgresPair']} pair
 * @param {import('./collector.js').Load} sqlite
 * @param {string} blanks
 */
function postgresRows(pair, sqlite, blanks) {
  if (!pair || 'missing' in pair) return [`| 2 collectors on PostgreSQL | ${pair?.missing ?? 'not run'} | ${blanks} | | not measured |`];
  const refused = pair.non2xx + pair.errors;
  return [
    `| 2 collectors on PostgreSQL vs 1 on SQLite, req/s | ${int(pair.rps)} vs ${int(sqlite.rps)} (${ratio(pair.rps / sqlite.rps)})` +
      `${refused ? ` (${int(refused)} non-2xx or errors)` : ''} | ${blanks} | | ${refused ? 'refusals' : 'measured'} |`,
    `| 2 collectors on PostgreSQL vs 1 on SQLite, p99 ms | ${int(pair.p99)} vs ${int(sqlite.p99)} | ${blanks} ` +
      `| p99 < ${TARGETS.collectorP99Ms} | ${met(pair.p99 < TARGETS.collectorP99Ms)} |`,
    `| Collector on PostgreSQL, bytes per million records | ${int(pair.bytesPerRecord)} MB (table and indexes) | ${blanks} | | measured |`,
  ];
}

/** The chain's cost off the request path: storing through the writer, and verifying it all. */
function verifyRows(results) {
  const blanks = results.widgets.slice(1).map(() => '—').join(' | ');
  if ('missing' in results.verify) return [`| Chain verify | ${results.verify.missing} | ${blanks} | | not measured |`];
  const { count, storeS, verifyS } = results.verify;
  return [
    `| Chain: ${int(count)} records stored by the writer, records/s | ${int(count / storeS)} | ${blanks} | — | — |`,
    `| Chain: verify ${int(count)} records, s | ${verifyS.toFixed(1)} | ${blanks} | — | — |`,
  ];
}

/** The console's overview on a big store: per-day counters make it independent of the record count. */
function consoleStatsRows(results) {
  const blanks = results.widgets.slice(1).map(() => '—').join(' | ');
  const stats = results.consoleStats;
  if (!stats) return [];
  if ('missing' in stats) return [`| Console: GET /api/stats | ${stats.missing} | ${blanks} | | not measured |`];
  return [
    `| Console: GET /api/stats, 90 days of ${int(stats.count)} records, ms: median (max) | ${stats.medianMs.toFixed(1)} (${stats.maxMs.toFixed(1)}) | ${blanks} ` +
      `| < ${TARGETS.statsMs} | ${met(stats.medianMs < TARGETS.statsMs && stats.maxMs < TARGETS.statsMs)} |`,
  ];
}

/** Anything a reader must know to trust the table: skipped parts, failed rounds, other downloads, console errors. */
function notes(results) {
  const lines = [];
  if ('missing' in results.pages) lines.push(`Page timings: ${results.pages.missing}.`);
  for (const widget of results.widgets) {
    if (widget.missing) lines.push(`${widget.name}: ${widget.missing}; not measured.`);
    const t = 'timings' in results.pages ? results.pages.timings.get(widget.name) : undefined;
    if (!t) continue;
    const other = t.downloads.filter((path) => !widget.assets.some((asset) => path === `/${asset}`));
    if (other.length) lines.push(`${widget.name} also fetched on the first visit: ${other.join(', ')}.`);
    for (const complaint of t.complaints) lines.push(`${widget.name} logged ${complaint.slice(0, 300)}`);
    for (const { message, rounds } of t.errors) {
      lines.push(`${widget.name} failed round${rounds.length > 1 ? 's' : ''} ${rounds.join(', ')}: ${message}`);
    }
  }
  return lines;
}

/**
 * The run as Markdown: a header with what was measured on, one table, and notes.
 * @param {Results} results
 * @returns {string}
 */
export function renderReport(results) {
  const { meta, widgets, load } = results;
  const names = widgets.map((widget) => `${widget.name} ${widget.version}`);
  const extra = notes(results);
  return [
    '# carat-consent bench',
    '',
    `- Date: ${meta.date}`,
    `- Versions: ${names.join(', ')} (the widgets' from their package.json); Chromium ${meta.chromium}; Node ${meta.node}`,
    `- Machine: ${meta.cpus} CPUs (os.cpus().length)`,
    `- Pages: ${meta.rounds} counted rounds after 1 warm-up, widgets interleaved, each round starting with the next, a fresh browser context each`,
    `- Collector: autocannon, ${load.connections} connections, ${load.durationS} s after a ${load.warmupS} s warm-up`,
    '',
    `| Measure | ${names.join(' | ')} | Target | Result |`,
    `|---|${widgets.map(() => '---:').join('|')}|---|---|`,
    ...widgetRows(results),
    ...collectorRows(results),
    ...verifyRows(results),
    ...consoleStatsRows(results),
    '',
    'Competitor cells add "ours N×": our value divided by theirs (below 1 is smaller or faster).',
    'Time to banner: navigation start to the first frame an "Accept all" button is visible ' +
      '(laid out, in the viewport, opacity above 0), measured in the page. Method: bench/README.md.',
    ...(extra.length ? ['', '## Notes', '', ...extra.map((line) => `- ${line}`)] : []),
    '',
  ].join('\n');
}
