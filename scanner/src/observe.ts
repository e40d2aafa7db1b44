import type { BrowserContext, Page, Request } from 'playwright-core';
import { cookieParty, isShopHost } from './party.js';
import type { SeenCookie, SeenRequest, SeenStorageKey } from './types.js';

interface LoggedRequest {
  host: string;
  url: string;
}

/** Every request a browser context makes, in order, and whether the network has gone quiet. */
export class RequestLog {
  readonly #toOtherHosts: LoggedRequest[] = [];
  #inFlight = 0;
  #lastActivity = Date.now();

  constructor(context: BrowserContext, readonly shopHostname: string) {
    context.on('request', (request) => this.#started(request));
    context.on('requestfinished', () => this.#ended());
    context.on('requestfailed', () => this.#ended());
  }

  #started(request: Request): void {
    this.#inFlight++;
    this.#lastActivity = Date.now();
    let url: URL;
    try {
      url = new URL(request.url());
    } catch {
      return;
    }
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !isShopHost(url.hostname, this.shopHostname)) {
      this.#toOtherHosts.push({ host: url.host, url: url.href });
    }
  }

  #ended(): void {
    this.#inFlight = Math.max(0, this.#inFlight - 1);
    this.#lastActivity = Date.now();
  }

  /** A point in the log, to ask later what came after it. */
  mark(): number {
    return this.#toOtherHosts.length;
  }

  /** Requests to other hosts since `mark`, one per host (the first URL). */
  since(mark: number, page: string): SeenRequest[] {
    const byHost = new Map<string, SeenRequest>();
    for (const { host, url } of this.#toOtherHosts.slice(mark)) {
      if (!byHost.has(host)) byHost.set(host, { page, host, url });
    }
    return [...byHost.values()];
  }

  /**
   * Resolves once no request has been in flight for `quietMs`, or after `capMs` (a page that
   * polls or streams never goes quiet).
   */
  async settled(quietMs = 400, capMs = 4000): Promise<void> {
    const end = Date.now() + capMs;
    while (Date.now() < end) {
      if (this.#inFlight === 0 && Date.now() - this.#lastActivity >= quietMs) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** The cookies in the context's jar, as the report shows them. */
export async function cookiesIn(context: BrowserContext, page: string, shopHostname: string): Promise<SeenCookie[]> {
  return (await context.cookies()).map((cookie) => ({
    page,
    name: cookie.name,
    domain: cookie.domain,
    path: cookie.path,
    expires: cookie.expires > 0 ? new Date(cookie.expires * 1000).toISOString() : 'session',
    party: cookieParty(cookie.domain, shopHostname),
  }));
}

/** The page's `localStorage` and `sessionStorage` keys (none when storage is blocked). */
export async function storageKeysIn(tab: Page, page: string): Promise<SeenStorageKey[]> {
  const keys = await tab.evaluate(() => {
    const read = (area: 'localStorage' | 'sessionStorage') => {
      try {
        return Object.keys(window[area]).map((name) => ({ name, area }));
      } catch {
        return [];
      }
    };
    return [...read('localStorage'), ...read('sessionStorage')];
  });
  return keys.map((key) => ({ page, ...key }));
}
