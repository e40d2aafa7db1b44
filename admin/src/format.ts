/** How the console writes numbers and times: one place, so tables and charts agree. */

const integer = new Intl.NumberFormat('en');
const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

export function formatCount(value: number): string {
  return integer.format(value);
}

export function formatPercent(value: number | null): string {
  return value === null ? '–' : `${oneDecimal.format(value)} %`;
}

/** A stored time in UTC, as an exhibit states it: `2026-11-24 21:40:00 UTC`. */
export function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** A date `offset` days from `day` (`YYYY-MM-DD`, UTC). */
export function dayOffset(day: string, offset: number): string {
  return new Date(Date.parse(day) + offset * 86400000).toISOString().slice(0, 10);
}

/** Today in UTC, the collector's calendar. */
export function today(now = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}
