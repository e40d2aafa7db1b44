import { SERVICES } from './registry.js';
import type { ServiceEntry } from './types.js';

/** `"session"` or an ISO 8601 duration with at least one part: `P13M`, `P1Y6M`, `PT30M`. */
export const DURATION = /^(session|P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?)$/;
/** A cookie name (RFC 6265 token), optionally ending in `*`. */
const COOKIE_NAME = /^[!#$%&'+\-.^_`|~0-9A-Za-z]+\*?$/;
const ID = /^[a-z][a-z0-9-]*$/;
const BUILT_IN = ['necessary', 'analytics', 'marketing', 'preferences'];
const TEXT_KEYS = ['name', 'provider', 'purpose', 'privacyPolicy'] as const;

/** The services a site configured, ready to show, and one message per rejected setting. */
export interface ResolvedServices {
  services: ServiceEntry[];
  errors: string[];
}

const show = (value: unknown) => JSON.stringify(value);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v == 'object' && v !== null && !Array.isArray(v);

/**
 * Checks the `services` option against the registry and the categories the site offers. A built-in
 * id takes the registry's entry; extra keys override it; an entry with an unknown id must be
 * complete. A bad service is reported and left out, so the others still work.
 */
export function resolveServices(settings: readonly unknown[], categories: readonly string[]): ResolvedServices {
  const services: ServiceEntry[] = [];
  const errors: string[] = [];
  const offered = ['necessary', ...categories];
  for (const setting of settings) {
    const fail = (why: string) => void errors.push(`option "services": ${show(setting)} ${why}; it is left out`);
    const own = typeof setting == 'string' ? { id: setting } : setting;
    if (!isObject(own) || typeof own.id != 'string' || !ID.test(own.id)) {
      fail('needs an "id" of lower-case letters, digits and dashes');
      continue;
    }
    const id = own.id;
    const builtIn = SERVICES.find((s) => s.id == id);
    if (typeof setting == 'string' && !builtIn) {
      fail(`is not a built-in service; give a full entry for "${id}" or use one of the ids in the README`);
      continue;
    }
    const entry = { cookies: [], country: '', name: id, provider: '', purpose: '', privacyPolicy: '', ...builtIn, ...own } as Record<string, unknown>;
    const bad = (key: string, why: string) => fail(`has ${key} ${show(entry[key])}: ${why}`);
    if (typeof entry.category != 'string') fail('has no "category"');
    else if (BUILT_IN.includes(id) || categories.includes(id)) fail(`has the id of a category, "${id}": category and service ids must differ`);
    else if (!offered.includes(entry.category)) bad('"category"', `the site offers no category "${entry.category}" (add it to "categories")`);
    else if (services.some((s) => s.id == id)) fail('is configured twice');
    else if (TEXT_KEYS.some((k) => typeof entry[k] != 'string')) fail(`needs text for ${TEXT_KEYS.join(', ')}`);
    else if (typeof entry.country != 'string' || !/^([A-Z]{2})?$/.test(entry.country)) bad('"country"', 'use a two-letter country code such as "IE"');
    else if (!Array.isArray(entry.cookies)) bad('"cookies"', 'use a list of { name, duration, party }');
    else {
      const cookie = (entry.cookies as unknown[]).find(
        (c) => !isObject(c) || typeof c.name != 'string' || !COOKIE_NAME.test(c.name) || typeof c.duration != 'string' || !DURATION.test(c.duration) || (c.party != 'first' && c.party != 'third'),
      );
      if (!cookie) services.push(entry as unknown as ServiceEntry);
      else if (!isObject(cookie) || typeof cookie.name != 'string' || !COOKIE_NAME.test(cookie.name))
        fail(`has a cookie ${show(isObject(cookie) ? cookie.name : cookie)} that is not a cookie name (letters, digits and !#$%&'+-.^_\`|~, with an optional * at the end)`);
      else if (typeof cookie.duration != 'string' || !DURATION.test(cookie.duration))
        fail(`has a cookie "${cookie.name}" with the duration ${show(cookie.duration)}: use "session" or ISO 8601 such as "P13M" or "PT30M"`);
      else fail(`has a cookie "${cookie.name}" with the party ${show(cookie.party)}: use "first" or "third"`);
    }
  }
  return { services, errors };
}
