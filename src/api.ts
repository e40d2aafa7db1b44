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
}

declare global {
  interface Window {
    CaratConsent: CaratConsentApi;
  }
}

const element = () => document.querySelector('carat-consent');

/** Settles once the page's HTML is parsed, when a `<carat-consent>` placed in it exists. */
export const parsed = new Promise((resolve) =>
  document.readyState === 'loading' ? addEventListener('DOMContentLoaded', resolve, { once: true }) : resolve(0),
);

/**
 * Installs `window.CaratConsent`, forwarding to the page's `<carat-consent>`. Calls made before
 * the element exists (a script in `<head>`) wait for it.
 */
export function installApi(): void {
  const api = {
    hasConsent: (category: Category) => element()?.hasConsent(category) ?? category === 'necessary',
  } as Record<string, unknown>;
  for (const name of ['getConsent', 'acceptAll', 'rejectAll', 'save', 'withdraw', 'showBanner', 'showPreferences', 'showPolicy'] as const) {
    api[name] = async (...args: unknown[]) => {
      await parsed;
      return (element()![name] as (...a: unknown[]) => unknown)(...args);
    };
  }
  window.CaratConsent = api as unknown as CaratConsentApi;
}
