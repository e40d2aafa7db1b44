import type { Strings } from './i18n/en.js';
import type { Language } from './i18n/languages.js';
import { loadScript } from './load-script.js';

/** The script the embed runs from: its other files sit beside it. */
const script = (document.currentScript as HTMLScriptElement | null)?.src ?? location.href;

/** A part file beside the embed, `carat-consent-NAME.js`, loaded as a classic script (no CORS needed). */
const load = <T>(name: string): Promise<T> => loadScript(new URL(`carat-consent-${name}.js`, script).href, name);

/** `carat-consent-dialogs.js`, fetched on the first click. It carries Lit, which only the dialogs use. */
export const loadDialogs = (): Promise<typeof import('./ui/dialogs.js')> => load('dialogs');

/** `carat-consent-choice.js`, fetched on the first choice. */
export const loadChoice = (): Promise<typeof import('./choice.js')> => load('choice');

/** `carat-consent-delivery.js`, fetched only while a record or wording waits to be sent. */
export const loadDelivery = (): Promise<typeof import('./delivery.js')> => load('delivery');

/** `carat-consent-cookie-storage.js`, fetched only where the browser blocks IndexedDB. */
export const loadCookieStorage = (): Promise<typeof import('./cookie-storage.js')> => load('cookie-storage');

/** `carat-consent-placeholder.js`, fetched only on pages that gate an iframe. */
export const loadPlaceholder = (): Promise<typeof import('./placeholder.js')> => load('placeholder');

/** `carat-consent-cookies.js`, fetched only once something is refused. */
export const loadCookies = (): Promise<typeof import('./cookies.js')> => load('cookies');

/** `carat-consent-policy-text.js` (reading the policy, hashing), fetched once the banner shows or the choice is applied. */
export const loadPolicyText = (): Promise<typeof import('./policy-text.js')> => load('policy-text');

/** A language file from `i18n-base`, else from `i18n/` beside the embed. */
export const loadLanguage = (lang: Exclude<Language, 'en'>, base: string): Promise<{ default: Strings }> =>
  loadScript(new URL(`${lang}.js`, base || new URL('i18n/', script)).href, lang);

/** `carat-consent-services.js`, fetched only on sites that configure services. */
export const loadServices = (): Promise<typeof import('./services/part.js')> => load('services');
