import { enBanner, type BannerStrings, type Strings } from './en.js';
import { loadLanguage } from '../lazy.js';

/** Languages with built-in wording: English is inside the embed, the others load on demand. */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pl', 'pt', 'sv', 'da', 'ar'] as const;

/** A language with built-in wording. */
export type Language = (typeof LANGUAGES)[number];

/**
 * The language to show: the first of the `lang` option, `<html lang>` and the browser's languages
 * whose primary subtag (`de` in `de-AT`, case-insensitive) has built-in wording; else English.
 * The browser's languages are asked for only when the first two decide nothing: reading them
 * makes the page build its `navigator`, which most shops, declaring `<html lang>`, never need.
 */
export function pickLanguage(option: string, htmlLang: string, browserLanguages: () => readonly string[]): Language {
  return languageIn([option, htmlLang]) ?? languageIn(browserLanguages()) ?? 'en';
}

function languageIn(tags: readonly string[]): Language | undefined {
  for (const tag of tags) {
    // `_` as well as `-`: site owners write POSIX locales such as `de_AT` into options.
    const primary = tag.trim().toLowerCase().replace('_', '-').split('-')[0];
    const found = LANGUAGES.find((lang) => lang === primary);
    if (found) return found;
  }
  return undefined;
}

/** Whether a built-in language is written right to left: of those the widget has, Arabic. */
export const isRightToLeft = (lang: Language): boolean => lang === 'ar';

/**
 * The wording for a language. English (all but the dialogs' part) is built in and needs no
 * request; any other language loads when first asked for (see `loadLanguage`; rejects when it
 * cannot be loaded).
 */
export async function loadStrings(lang: Language, base: string): Promise<BannerStrings & Partial<Strings>> {
  // The dialogs bring the rest of the English wording with them.
  if (lang === 'en') return enBanner;
  return (await loadLanguage(lang, base)).default;
}

/**
 * The locale to format dates and lists in: the first of `candidates` (the `lang` option,
 * `<html lang>`, the browser's languages) that is `language` with a region or script, so an
 * en-GB visitor reading the English wording gets British dates; else `language` itself.
 */
export function localeFor(language: Language, candidates: readonly string[]): string {
  for (const tag of candidates) {
    const [primary, ...rest] = tag.trim().split(/[-_]/);
    if (primary?.toLowerCase() !== language || !rest.length) continue;
    try {
      return Intl.getCanonicalLocales([primary, ...rest].join('-'))[0]!;
    } catch {
      // Not a well-formed tag (`en-x`): try the next one.
    }
  }
  return language;
}
