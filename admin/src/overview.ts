import type { Stats } from './api.js';

/** One line of a chart: its name and a value per day (null where there is nothing to show). */
export interface Series {
  label: string;
  values: (number | null)[];
}

/** A chart's data, also shown as a table: the days down, one column per series. */
export interface ChartData {
  days: string[];
  series: Series[];
  /** How the table and the axis write a value. */
  unit: 'count' | 'percent';
}

/** The methods, in the order the overview shows them, and their names for people. */
export const METHOD_LABELS: Record<string, string> = {
  'accept-all': 'Accept all',
  'reject-all': 'Reject all',
  custom: 'Custom',
  withdraw: 'Withdraw',
  gpc: 'GPC',
  confirm: 'E-mail confirmed',
};

function keysOf(stats: Stats, pick: (day: Stats['days'][number]) => Record<string, unknown>): string[] {
  const keys = new Set<string>();
  for (const day of stats.days) for (const key of Object.keys(pick(day))) keys.add(key);
  return [...keys];
}

/** Choices per day by method: the four of SPEC §9 always, others when they occur. */
export function choicesByMethod(stats: Stats): ChartData {
  const methods = [...new Set(['accept-all', 'reject-all', 'custom', 'withdraw', ...keysOf(stats, (d) => d.methods)])];
  return {
    days: stats.days.map((d) => d.date),
    unit: 'count',
    series: methods.map((method) => ({
      label: METHOD_LABELS[method] ?? method,
      values: stats.days.map((d) => d.methods[method] ?? 0),
    })),
  };
}

/**
 * A day's split for a category or service, own keys only: a JSON object still inherits from
 * Object.prototype, so a day without the category "constructor" would otherwise yield a function.
 */
function splitOf(splits: Record<string, { granted: number; denied: number }>, key: string) {
  return Object.hasOwn(splits, key) ? splits[key] : undefined;
}

/** The share granted of those who answered for it, per day; null on days without an answer. */
function rate(split: { granted: number; denied: number } | undefined): number | null {
  if (!split || split.granted + split.denied === 0) return null;
  return (100 * split.granted) / (split.granted + split.denied);
}

/** Opt-in rate per category per day; `necessary` is left out, always granted. */
export function optInByCategory(stats: Stats): ChartData {
  return {
    days: stats.days.map((d) => d.date),
    unit: 'percent',
    series: keysOf(stats, (d) => d.categories)
      .filter((c) => c !== 'necessary')
      .map((category) => ({ label: category, values: stats.days.map((d) => rate(splitOf(d.categories, category))) })),
  };
}

/** Opt-in rate per service per day (records carry services only where the shop configured them). */
export function optInByService(stats: Stats): ChartData {
  return {
    days: stats.days.map((d) => d.date),
    unit: 'percent',
    series: keysOf(stats, (d) => d.services).map((service) => ({
      label: service,
      values: stats.days.map((d) => rate(splitOf(d.services, service))),
    })),
  };
}

/** The share of choices sent with Global Privacy Control, per day. */
export function gpcShare(stats: Stats): ChartData {
  return {
    days: stats.days.map((d) => d.date),
    unit: 'percent',
    series: [{ label: 'GPC share', values: stats.days.map((d) => (d.total ? (100 * d.gpc) / d.total : null)) }],
  };
}

/** Totals over the range for the headline figures. */
export function totals(stats: Stats): { total: number; methods: Record<string, number>; gpc: number } {
  const methods: Record<string, number> = {};
  let gpc = 0;
  for (const day of stats.days) {
    gpc += day.gpc;
    for (const [method, count] of Object.entries(day.methods)) methods[method] = (methods[method] ?? 0) + count;
  }
  return { total: stats.total, methods, gpc };
}

/** Counts sorted largest first, with each one's share of the total. */
export function ranked(counts: Record<string, number>): { key: string; count: number; share: number }[] {
  const sum = Object.values(counts).reduce((a, b) => a + b, 0);
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key, count]) => ({ key, count, share: sum ? (100 * count) / sum : 0 }));
}
