import { html, nothing } from 'lit';

/** The script the embed runs from: its other files sit beside it. */
const script = (document.currentScript as HTMLScriptElement | null)?.src ?? location.href;

const load = <T>(file: string): Promise<T> => import(new URL(file, script).href);

/** Where the language files are: `i18n/` beside the embed. */
export const i18nBase = new URL('i18n/', script).href;

/**
 * `carat-consent-dialogs.js`, fetched on the first click. It has no Lit of its own: it takes this
 * bundle's, handed over on a global symbol, so the two files share one Lit and its template cache.
 */
export function loadDialogs(): Promise<typeof import('./ui/dialogs.js')> {
  (globalThis as Record<symbol, unknown>)[Symbol.for('carat-consent.lit')] = { html, nothing };
  return load('carat-consent-dialogs.js');
}

/** `carat-consent-delivery.js`, fetched only while a record or wording waits to be sent. */
export const loadDelivery = (): Promise<typeof import('./delivery.js')> => load('carat-consent-delivery.js');

/** `carat-consent-cookie-storage.js`, fetched only where the browser blocks IndexedDB. */
export const loadCookieStorage = (): Promise<typeof import('./cookie-storage.js')> => load('carat-consent-cookie-storage.js');

/** `carat-consent-placeholder.js`, fetched only on pages that gate an iframe. */
export const loadPlaceholder = (): Promise<typeof import('./placeholder.js')> => load('carat-consent-placeholder.js');
