import { html, nothing } from 'lit';
import { LIT_SHARE } from './lit-share.js';

/** The script the embed runs from: the dialogs file sits beside it. */
const script = (document.currentScript as HTMLScriptElement | null)?.src ?? location.href;

/**
 * Fetches `carat-consent-dialogs.js` on the first click. It has no Lit of its own: it takes this
 * bundle's, handed over on a global symbol, so the two files share one Lit and its template cache.
 */
export function loadDialogs(): Promise<typeof import('./dialogs.js')> {
  (globalThis as Record<symbol, unknown>)[Symbol.for(LIT_SHARE)] = { html, nothing };
  return import(new URL('carat-consent-dialogs.js', script).href);
}
