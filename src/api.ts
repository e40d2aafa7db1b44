import type { Category, ConsentChoice, ConsentRecord } from './types.js';

/** `window.CaratConsent`: the page's way to read and change the visitor's choice (SPEC §4). */
export interface CaratConsentApi {
  getConsent(): Promise<ConsentRecord | null>;
  acceptAll(): Promise<ConsentRecord>;
  rejectAll(): Promise<ConsentRecord>;
  save(choice: ConsentChoice): Promise<ConsentRecord>;
  withdraw(): Promise<ConsentRecord>;
  showBanner(): Promise<void>;
  showPreferences(): Promise<void>;
  showPolicy(): Promise<void>;
  hasConsent(category: Category): boolean;
  /** Runs `callback` with the API once the stored state is known: at once if it already is. */
  push(callback: (api: CaratConsentApi) => unknown): void;
}

declare global {
  interface Window {
    CaratConsent: CaratConsentApi;
  }
}

const element = () => document.querySelector('carat-consent');

let parsing: Promise<unknown> | undefined;

/**
 * Settles once the page's HTML is parsed, when a `<carat-consent>` placed in it exists: at
 * `readyState` "interactive", before the page's deferred scripts run, not at `DOMContentLoaded`
 * after them. Made on first use, not on import: a server rendering the page imports this too.
 */
export const pageParsed = (): Promise<unknown> =>
  (parsing ??= new Promise((resolve) =>
    document.readyState === 'loading' ? document.addEventListener('readystatechange', resolve, { once: true }) : resolve(0),
  ));

/**
 * Installs `window.CaratConsent`, forwarding to the page's `<carat-consent>`. Calls made before
 * the element exists (a script in `<head>`) wait for it. A page script that ran before this one
 * may have queued callbacks in an array there, as analytics snippets do: they run once the stored
 * state is known.
 */
export function installApi(): void {
  const queued: unknown = window.CaratConsent;
  const api = {
    hasConsent: (category: Category) => element()?.hasConsent(category) ?? category === 'necessary',
    push: (callback: (api: CaratConsentApi) => unknown) => void window.CaratConsent.getConsent().then(() => callback(window.CaratConsent)),
  } as Record<string, unknown>;
  for (const name of ['getConsent', 'acceptAll', 'rejectAll', 'save', 'withdraw', 'showBanner', 'showPreferences', 'showPolicy'] as const) {
    api[name] = async (...args: unknown[]) => {
      await pageParsed();
      const widget = element();
      if (!widget) throw new Error(`[carat-consent] CaratConsent.${name}(): the page has no <carat-consent> element`);
      return (widget[name] as (...a: unknown[]) => unknown)(...args);
    };
  }
  window.CaratConsent = api as unknown as CaratConsentApi;
  if (Array.isArray(queued)) queued.map(window.CaratConsent.push);
}
