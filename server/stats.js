/**
 * The console's overview (SPEC §9, `GET /api/stats`), answered from per-day counters the store
 * keeps as records arrive (see the `consent_daily` rollup in the stores), so a query reads one
 * row per day and counter, never the records themselves.
 *
 * @typedef {{ day: string, dimension: string, key: string, granted: number, denied: number }} DailyCount
 *   One counter of one UTC day: `dimension` is `method`, `language`, `policyVersion` or `gpc`
 *   (count in `granted`; `denied` the records without the signal), `category` or `service`
 *   (records granting and refusing `key`).
 * @typedef {{ granted: number, denied: number }} Split
 * @typedef {{ date: string, total: number, methods: Record<string, number>,
 *   categories: Record<string, Split>, services: Record<string, Split>, gpc: number }} StatsDay
 * @typedef {{ from: string, to: string, total: number, days: StatsDay[],
 *   languages: Record<string, number>, policyVersions: Record<string, number> }} Stats
 */

const DAY_MS = 86400000;
/** Longer ranges are refused: two years of days is already more than a chart can show. */
export const MAX_DAYS = 731;

/**
 * An empty object to count into by keys taken from records: a policy version may be
 * `constructor` or `__proto__`, which a plain `{}` would read from or write to its prototype.
 */
const emptyTally = () => Object.create(null);

/**
 * Whether `value` is a day of the calendar as `YYYY-MM-DD`: Date.parse rolls an impossible day
 * over (2026-02-31 is March 3), so the day must come back as written.
 * @param {string} value
 */
export function isDay(value) {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))
    && new Date(value).toISOString().slice(0, 10) === value;
}

/**
 * The day range asked for: `from` and `to` are UTC dates (`YYYY-MM-DD`), both included; without
 * them, the 30 days up to today.
 * @param {Record<string, unknown>} query
 * @param {number} now
 * @returns {{ from: string, to: string } | { error: string, field: string }}
 */
export function statsRange(query, now) {
  const today = new Date(now).toISOString().slice(0, 10);
  /** @type {Record<string, string>} */
  const days = {};
  for (const field of /** @type {const} */ (['from', 'to'])) {
    const value = query[field];
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string' || !isDay(value)) {
      return { error: `${field} must be a date as YYYY-MM-DD, not "${String(value)}"`, field };
    }
    days[field] = value;
  }
  const to = days.to ?? today;
  const from = days.from ?? dayOffset(to, -29);
  if (from > to) return { error: `from (${from}) is after to (${to})`, field: 'from' };
  const length = dayCount(from, to);
  if (length > MAX_DAYS) {
    return { error: `the range has ${length} days; ask for at most ${MAX_DAYS}`, field: 'from' };
  }
  return { from, to };
}

/** @param {string} day @param {number} offset */
function dayOffset(day, offset) {
  return new Date(Date.parse(day) + offset * DAY_MS).toISOString().slice(0, 10);
}

/** @param {string} from @param {string} to inclusive */
function dayCount(from, to) {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
}

/**
 * The answer for a range from its counters: every day of the range, days without records included.
 * @param {Iterable<DailyCount>} counts
 * @param {string} from @param {string} to
 * @returns {Stats}
 */
export function statsFrom(counts, from, to) {
  /** @type {Map<string, StatsDay>} */
  const days = new Map();
  for (let i = 0, n = dayCount(from, to); i < n; i++) {
    const date = dayOffset(from, i);
    days.set(date, { date, total: 0, methods: emptyTally(), categories: emptyTally(), services: emptyTally(), gpc: 0 });
  }
  /** @type {Record<string, number>} */
  const languages = emptyTally();
  /** @type {Record<string, number>} */
  const policyVersions = emptyTally();
  let total = 0;
  for (const { day, dimension, key, granted, denied } of counts) {
    const entry = days.get(day);
    if (!entry) continue;
    if (dimension === 'method') {
      entry.methods[key] = granted;
      entry.total += granted;
      total += granted;
    } else if (dimension === 'category') {
      entry.categories[key] = { granted, denied };
    } else if (dimension === 'service') {
      entry.services[key] = { granted, denied };
    } else if (dimension === 'gpc') {
      entry.gpc = granted;
    } else if (dimension === 'language') {
      languages[key] = (languages[key] ?? 0) + granted;
    } else if (dimension === 'policyVersion') {
      policyVersions[key] = (policyVersions[key] ?? 0) + granted;
    }
  }
  return { from, to, total, days: [...days.values()], languages, policyVersions };
}
