import type { Language } from './i18n/languages.js';
import type { Strings } from './i18n/en.js';
import { loadScript } from './load-script.js';

/**
 * The parts most page views never need, loaded on first use. Every specifier is a literal, so a
 * bundler (esbuild, Vite, webpack, Rollup) makes each part and each language a chunk of its own,
 * found wherever the app's build puts it. The embed build swaps this file for `lazy.embed.ts`.
 */
export const loadDialogs = () => import('./ui/dialogs.js');

/** Making a choice: needed only once the visitor (or the page) chooses. */
export const loadChoice = () => import('./choice.js');

/** Delivery to the collector: needed only while a record or wording waits to be sent. */
export const loadDelivery = () => import('./delivery.js');

/** The cookie stand-in for IndexedDB: needed only where the browser blocks IndexedDB. */
export const loadCookieStorage = () => import('./cookie-storage.js');

/** The stand-in for iframes that wait for consent: needed only on pages that gate one. */
export const loadPlaceholder = () => import('./placeholder.js');

/** Deleting a refused category's cookies: needed only once something is refused. */
export const loadCookies = () => import('./cookies.js');

/** Reading the policy and hashing: needed once the banner shows or the choice is applied. */
export const loadPolicyText = () => import('./policy-text.js');

const languages: Record<Exclude<Language, 'en'>, () => Promise<{ default: Strings }>> = {
  ar: () => import('./i18n/ar.js'),
  da: () => import('./i18n/da.js'),
  de: () => import('./i18n/de.js'),
  es: () => import('./i18n/es.js'),
  fr: () => import('./i18n/fr.js'),
  it: () => import('./i18n/it.js'),
  nl: () => import('./i18n/nl.js'),
  pl: () => import('./i18n/pl.js'),
  pt: () => import('./i18n/pt.js'),
  sv: () => import('./i18n/sv.js'),
};

/**
 * A language other than English: from the app's own bundle, or, given `base` (the `i18n-base`
 * option), the language file `${base}${lang}.js` that `dist/i18n/` holds.
 */
export const loadLanguage = (lang: Exclude<Language, 'en'>, base: string): Promise<{ default: Strings }> =>
  base ? loadScript(`${base}${lang}.js`, lang) : languages[lang]();

/** Services, their switches and the cookie declaration: needed only on sites that configure services. */
export const loadServices = () => import('./services/part.js');
