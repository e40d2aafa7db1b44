import type { CategoryChoices, ConsentRecord, NamesByCategory } from '../types.js';
import type { ServiceEntry } from './types.js';

/** A record's choices with the services settled: each service, and each category that has services. */
export interface Settled {
  categories: CategoryChoices;
  services: Record<string, boolean>;
}

/**
 * Settles every service from what the visitor set: a service's own switch wins over its
 * category's, which wins over the previous choice. Necessary services are always on. A category
 * with services counts as granted when all of them are (SPEC §7).
 */
export function settle(
  services: readonly ServiceEntry[],
  categories: CategoryChoices,
  given: Record<string, boolean | undefined>,
  before: Record<string, boolean> = {},
): Settled {
  const chosen: Record<string, boolean> = {};
  for (const s of services) chosen[s.id] = s.category == 'necessary' || !!(given[s.id] ?? given[s.category] ?? before[s.id]);
  const settled = { ...categories };
  for (const c of Object.keys(categories))
    if (c != 'necessary' && services.some((s) => s.category == c)) settled[c] = services.every((s) => s.category != c || chosen[s.id]);
  return { categories: settled, services: chosen };
}

/**
 * What to delete for a record: each refused service's first-party cookies (a page cannot delete
 * another site's) beside the site's own names per category. A category's own names go only when
 * nothing in it is granted, so one granted service keeps the cookies it shares with its category.
 */
export function clearing(services: readonly ServiceEntry[], record: Pick<ConsentRecord, 'categories' | 'services'>, cookies: NamesByCategory): [Record<string, boolean>, NamesByCategory] {
  const granted: Record<string, boolean> = { ...record.categories, ...record.services };
  const names: NamesByCategory = { ...cookies };
  for (const s of services) {
    if (granted[s.id]) granted[s.category] = true;
    names[s.id] = [...(names[s.id] ?? []), ...s.cookies.filter((c) => c.party == 'first').map((c) => c.name)];
  }
  return [granted, names];
}

/** The service list as the visitor is shown it, one line each, for the wording hash. */
export const wordingLines = (services: readonly ServiceEntry[], describe: (s: ServiceEntry) => string): string[] =>
  services.map((s) => `${s.name} (${s.provider}, ${s.country}; ${s.category}): ${describe(s)}`);
