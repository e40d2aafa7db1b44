import { scriptUrl } from './trusted.js';

/** What a part file registers: its exports, under its name, on this global. */
const registry = 'caratConsentParts';

const loading = new Map<string, Promise<unknown>>();

/**
 * The nonce of the script this runs in (the embed's tag), carried to every part: under a CSP of
 * `script-src 'nonce-…'` alone a script without it is refused. Read while that script runs, since
 * `document.currentScript` is null later; browsers hide the attribute, the property keeps it. A
 * server rendering the page imports this with no `document`.
 */
const nonce = (globalThis.document?.currentScript as HTMLScriptElement | null | undefined)?.nonce;

/**
 * Loads a part file made for `<script src>` (built as IIFE, it registers its exports on
 * `self.caratConsentParts[name]`). A classic script needs no CORS, so the parts load from a CDN
 * that sends no `Access-Control-Allow-Origin`, which a module `import()` would not.
 */
export function loadScript<T>(url: string, name: string): Promise<T> {
  let part = loading.get(name);
  if (!part) {
    part = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = scriptUrl(url);
      if (nonce) script.nonce = nonce;
      script.onload = () => resolve((self as unknown as Record<string, Record<string, unknown>>)[registry]![name]);
      script.onerror = () => {
        loading.delete(name);
        script.remove();
        // Besides a network failure, most often a plugin that combined or moved the embed: its
        // parts are looked for beside the file it runs from.
        reject(new Error(`${url} could not be loaded (a plugin that combines or delays scripts must leave carat-consent.js and its parts alone)`));
      };
      document.head.append(script);
    });
    loading.set(name, part);
  }
  return part as Promise<T>;
}
