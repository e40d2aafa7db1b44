const UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'] as const;

/** The parts of an ISO 8601 duration (`P1Y6M`, `PT30M`), in order, zero parts left out. */
export function durationParts(iso: string): [unit: (typeof UNITS)[number], value: number][] {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso);
  return match ? UNITS.map((unit, i) => [unit, Number(match[i + 1] ?? 0)] as [(typeof UNITS)[number], number]).filter(([, n]) => n > 0) : [];
}

/**
 * A cookie's lifetime in the visitor's language: "13 months", "13 Monate", "١٣ شهرًا". Each part
 * through `Intl.NumberFormat`'s units, which every supported browser has, joined as a list.
 */
export function formatDuration(iso: string, language: string, session: string): string {
  if (iso == 'session') return session;
  const parts = durationParts(iso).map(([unit, value]) =>
    new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long' }).format(value),
  );
  return new Intl.ListFormat(language, { type: 'unit', style: 'long' }).format(parts);
}

/** The European Economic Area: the EU and Iceland, Liechtenstein and Norway. */
const EEA = 'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE SI SK'.split(' ');

/** Whether data sent to a country leaves the EEA, which GDPR chapter V makes a transfer. */
export const outsideEea = (country: string): boolean => !EEA.includes(country);

/** A country's name in the visitor's language, from its ISO code. */
export const countryName = (country: string, language: string): string =>
  new Intl.DisplayNames(language, { type: 'region' }).of(country) ?? country;
