/**
 * The parts most page views never need, loaded on first use. Bundlers split these off on their
 * own; the embed build swaps this file for `lazy.embed.ts`.
 */
export const loadDialogs = () => import('./ui/dialogs.js');

/** Where the language files are: `i18n/` beside this module. */
export const i18nBase = new URL('i18n/', import.meta.url).href;

/** Delivery to the collector: needed only while a record or wording waits to be sent. */
export const loadDelivery = () => import('./delivery.js');

/** The cookie stand-in for IndexedDB: needed only where the browser blocks IndexedDB. */
export const loadCookieStorage = () => import('./cookie-storage.js');

/** The stand-in for iframes that wait for consent: needed only on pages that gate one. */
export const loadPlaceholder = () => import('./placeholder.js');
