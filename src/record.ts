import type { BannerStrings, WordingStrings } from './i18n/en.js';
import type { Category, CategoryChoices, ConsentMethod, ConsentRecord, EmailConsent } from './types.js';

const DAY_MS = 864e5;

/** Everything a record is made of besides what the browser generates (id, clock). */
export interface RecordInput {
  method: ConsentMethod;
  categories: CategoryChoices;
  services?: Record<string, boolean>;
  email: EmailConsent;
  visitorId: string;
  policyVersion: string;
  site: string;
  expiresDays: number;
  gpc: boolean;
  language: string;
  wordingHash: string;
}

/**
 * A random (version 4) UUID from `crypto.getRandomValues`, which, unlike `crypto.randomUUID`,
 * plain-http pages have too.
 */
export const randomId = (): string =>
  '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
    (+c ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (+c / 4)))).toString(16),
  );

/** A new consent record: a fresh id and the expiry counted from `now`. */
export function buildRecord(input: RecordInput, now: Date, id: string = randomId()): ConsentRecord {
  const { expiresDays, ...rest } = input;
  return {
    id,
    ...rest,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + expiresDays * DAY_MS).toISOString(),
  };
}

/** True once the record's expiry has passed. */
export function isExpired(record: ConsentRecord, now: Date): boolean {
  return !(Date.parse(record.expiresAt) > now.getTime());
}

/** Whether the visitor must be asked (again): no choice yet, an expired one, or another policy. */
export function needsPrompt(record: ConsentRecord | null | undefined, policyVersion: string, now: Date): boolean {
  return !record || isExpired(record, now) || record.policyVersion !== policyVersion;
}

/**
 * The choices behind "Accept all" and "Reject all" for the categories a site offers.
 * Global Privacy Control is a refusal of sale and sharing, so it keeps marketing off (SPEC §5).
 */
export function bulkChoices(accept: boolean, offered: readonly Category[], gpc: boolean): CategoryChoices {
  const choices: CategoryChoices = { necessary: true, analytics: false, marketing: false, preferences: false };
  for (const c of offered) choices[c] = accept && !(gpc && c == 'marketing');
  return choices;
}

/**
 * The choice in one word, for tools that read the page (the host's `consent` attribute): every
 * offered category granted, none of them, or some. `partlyGranted`: whether a category not
 * granted has services that are (SPEC §7), which makes the choice "some" too.
 */
export function decisionOf(
  categories: CategoryChoices,
  offered: readonly Category[],
  partlyGranted: (category: Category) => boolean = () => false,
): 'accepted' | 'rejected' | 'custom' {
  const granted = offered.filter((c) => categories[c]).length;
  return !granted && !offered.some(partlyGranted) ? 'rejected' : granted < offered.length ? 'custom' : 'accepted';
}

/** Fills `{{name}}` placeholders; unknown ones stay as written. */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return !text.includes('{{') ? text : text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * The exact wording a visitor is asked with, in their language: the banner, each offered
 * category and the e-mail sentence. Its hash goes into every record as `wordingHash`.
 */
export function wordingOf(
  strings: BannerStrings & WordingStrings,
  language: string,
  offered: readonly Category[],
  descriptions: Record<string, string>,
  fill: Record<string, string>,
  services: readonly string[] = [],
): string {
  const text = strings as BannerStrings & WordingStrings & Record<string, string>;
  const categoryLines = ['necessary', ...offered].map((c) => `${text[c]}: ${descriptions[c] ?? text[`${c}Text`]}`);
  return fillPlaceholders(
    [`[${language}]`, strings.bannerTitle, strings.bannerText, ...categoryLines, ...services, strings.emailText].join('\n'),
    fill,
  );
}
