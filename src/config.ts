import type { Category, ConsentOptions, NamesByCategory } from './types.js';

/** Options as a site owner wrote them: `data-*`, attributes or the JSON config, keys as written. */
export type OptionSource = Record<string, unknown>;

/** Validated options and one message per rejected option. */
export interface ParsedOptions {
  options: ConsentOptions;
  errors: string[];
}

const OPTIONAL_CATEGORIES: readonly Category[] = ['analytics', 'marketing', 'preferences'];
/** Category and service ids share this shape (SPEC §7). */
export const ID = /^[a-z][a-z0-9-]*$/;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** True for something that looks like a deliverable e-mail address. */
export const isEmailAddress = (value: string): boolean => value.length <= 254 && EMAIL.test(value);

const camel = (key: string) => key.split('-').map((word, i) => (i ? word.charAt(0).toUpperCase() + word.slice(1) : word)).join('');

function defaults(page: URL): ConsentOptions {
  return {
    endpoint: '',
    policyUrl: '',
    policyPage: '',
    policy: '',
    policyVersion: '',
    siteName: page.hostname,
    contactEmail: '',
    lang: '',
    categories: [...OPTIONAL_CATEGORIES],
    services: [],
    expiresDays: 180,
    theme: 'light',
    position: 'box',
    reopen: 'button',
    i18nBase: '',
    descriptions: {},
    cookies: {},
    localStorage: {},
    translations: {},
  };
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCategory = (v: unknown): v is Category => isText(v) && ID.test(v);

function httpUrl(value: unknown, page: URL): string | undefined {
  if (!isText(value) || !value.trim()) return undefined;
  try {
    const url = new URL(value, page);
    return url.protocol == 'https:' || url.protocol == 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function namesByCategory(value: unknown): NamesByCategory | undefined {
  if (!isObject(value)) return undefined;
  const entries = Object.entries(value);
  return entries.every(([k, v]) => isCategory(k) && Array.isArray(v) && v.every(isText))
    ? (value as NamesByCategory)
    : undefined;
}

function stringMaps(value: unknown, depth: number): boolean {
  return isObject(value) && Object.values(value).every((v) => (depth ? stringMaps(v, depth - 1) : isText(v)));
}

type Check = (value: unknown, page: URL) => unknown;

const label = (v: unknown): string | undefined => (isText(v) && v.trim() && v.length <= 200 ? v.trim() : undefined);
const matching =
  (test: (v: string) => boolean): Check =>
  (v) =>
    isText(v) && test(v) ? v : undefined;
const oneOf =
  (...allowed: string[]): Check =>
  (v) =>
    allowed.includes(v as string) ? v : undefined;

const checks: { [K in keyof ConsentOptions]: Check } = {
  endpoint: httpUrl,
  policyUrl: httpUrl,
  policyPage: httpUrl,
  policy: matching((v) => /^#[\w-]+$/.test(v)),
  policyVersion: label,
  siteName: label,
  contactEmail: matching(isEmailAddress),
  lang: matching((v) => /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(v)),
  categories: (v) => {
    const list = isText(v) ? v.split(/[\s,]+/).filter(Boolean) : v;
    return Array.isArray(list) && list.every(isCategory)
      ? [...new Set([...OPTIONAL_CATEGORIES.filter((c) => list.includes(c)), ...list])].filter((c) => c != 'necessary')
      : undefined;
  },
  expiresDays: (v) => {
    const days = isText(v) && /^\d+$/.test(v.trim()) ? Number(v) : v;
    return Number.isInteger(days) && (days as number) >= 1 && (days as number) <= 3650 ? days : undefined;
  },
  theme: oneOf('light', 'dark', 'auto'),
  position: oneOf('bar', 'box', 'center'),
  reopen: oneOf('button', 'none'),
  i18nBase: (v, page) => {
    const url = httpUrl(v, page);
    return url && (url.endsWith('/') ? url : url + '/');
  },
  descriptions: (v) => (stringMaps(v, 0) && Object.keys(v as object).every(isCategory) ? v : undefined),
  services: (v) => (Array.isArray(v) ? v : undefined),
  cookies: namesByCategory,
  localStorage: namesByCategory,
  translations: (v) => (stringMaps(v, 1) ? v : undefined),
};

/**
 * The `policy-version` the sources give, validated as `parseOptions` validates it, without the
 * rest: a returning visitor's hint is checked against it before the other options are parsed.
 */
export function policyVersionOf(sources: readonly OptionSource[]): string {
  let version = '';
  for (const source of sources) {
    for (const [written, value] of Object.entries(source)) {
      if (value !== '' && camel(written) == 'policyVersion') version = label(value) ?? version;
    }
  }
  return version;
}

const show = (value: unknown) => JSON.stringify(value) ?? String(value);

/**
 * Merges option sources, later ones winning, and validates every value.
 * A bad value is reported and replaced by its default, so the widget always works.
 */
export function parseOptions(sources: readonly OptionSource[], page: URL): ParsedOptions {
  const options = defaults(page);
  const errors: string[] = [];
  for (const source of sources) {
    for (const [written, value] of Object.entries(source)) {
      // An empty attribute (`endpoint=""`) means "not set", as in HTML.
      if (value === '') continue;
      const key = camel(written) as keyof ConsentOptions;
      const check = Object.hasOwn(checks, key) ? checks[key] : undefined;
      if (!check) {
        errors.push(`unknown option "${written}" (${show(value)}) is ignored`);
        continue;
      }
      const valid = check(value, page);
      if (valid === undefined) {
        errors.push(`option "${written}" has an invalid value ${show(value)}; using the default`);
      } else {
        (options as unknown as Record<string, unknown>)[key] = valid;
      }
    }
  }
  return { options, errors };
}
