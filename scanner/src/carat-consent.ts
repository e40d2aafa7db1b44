import type { Page } from 'playwright-core';
import type { DeclaredConfig } from './types.js';

interface CaratConsentApi {
  acceptAll(): Promise<unknown>;
  rejectAll(): Promise<unknown>;
  getConsent(): Promise<unknown>;
}

type WithApi = Window & { CaratConsent?: CaratConsentApi | unknown[] };

/** What a page says about carat-consent: whether it runs it, its JSON config, the tool's own URLs. */
export interface CaratConsentPage {
  present: boolean;
  config: unknown;
  /** The embed's script and the endpoint, as written in the page (resolved against it). */
  urls: string[];
}

/** Reads the page's carat-consent setup without touching the widget. */
export async function readCaratConsent(tab: Page): Promise<CaratConsentPage> {
  return tab.evaluate(() => {
    const element = document.querySelector('carat-consent');
    const configText = document.getElementById('carat-consent-config')?.textContent;
    let config: unknown = null;
    try {
      config = configText ? JSON.parse(configText) : null;
    } catch {
      config = null;
    }
    const scripts = [...document.scripts].filter((s) => /carat-consent/.test(s.src));
    const endpoints = [
      element?.getAttribute('endpoint'),
      ...scripts.map((s) => s.dataset.endpoint),
      config && typeof config === 'object' ? (config as { endpoint?: unknown }).endpoint : undefined,
    ];
    const urls = [...scripts.map((s) => s.src), ...endpoints]
      .filter((u): u is string => typeof u === 'string' && u !== '')
      .map((u) => new URL(u, location.href).href);
    return { present: Boolean(element || customElements.get('carat-consent') || scripts.length), config, urls };
  });
}

/** Waits until `window.CaratConsent` is the API and the stored state is known. */
export async function caratConsentReady(tab: Page, timeoutMs: number): Promise<void> {
  await tab.waitForFunction(() => typeof (window as WithApi & { CaratConsent?: { rejectAll?: unknown } }).CaratConsent?.rejectAll === 'function', null, {
    timeout: timeoutMs,
  });
  await tab.evaluate(() => ((window as WithApi).CaratConsent as CaratConsentApi).getConsent());
}

/** "Reject all" or "Accept all" through the script API (SPEC §4), as the buttons do. */
export async function answerCaratConsent(tab: Page, choice: 'reject' | 'accept'): Promise<void> {
  await tab.evaluate((c) => {
    const api = (window as WithApi).CaratConsent as CaratConsentApi;
    return c === 'reject' ? api.rejectAll() : api.acceptAll();
  }, choice);
}

const asNames = (value: unknown): Record<string, string[]> =>
  value && typeof value === 'object'
    ? Object.fromEntries(Object.entries(value).map(([key, names]) => [key, Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : []]))
    : {};

/** The declaring parts of a carat-consent JSON config; anything malformed counts as not declared. */
export function declaredConfig(config: unknown): DeclaredConfig | null {
  if (!config || typeof config !== 'object') return null;
  const { services, cookies, localStorage } = config as Record<string, unknown>;
  return {
    services: Array.isArray(services)
      ? services.filter((s): s is DeclaredConfig['services'][number] => typeof s === 'string' || (typeof s === 'object' && s !== null && typeof (s as { id?: unknown }).id === 'string'))
      : [],
    cookies: asNames(cookies),
    localStorage: asNames(localStorage),
  };
}
