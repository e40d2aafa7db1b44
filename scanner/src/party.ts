import type { Party } from './types.js';

/** The shop's own domain: its host name without a leading `www.`. */
function shopDomain(shopHostname: string): string {
  return shopHostname.toLowerCase().replace(/^www\./, '');
}

/** Whether a host name is the shop's own (the shop's domain or one of its subdomains). */
export function isShopHost(hostname: string, shopHostname: string): boolean {
  const domain = shopDomain(shopHostname);
  const host = hostname.toLowerCase();
  return host === domain || host.endsWith(`.${domain}`);
}

/** Whether a cookie kept for `domain` is the shop's own or someone else's. */
export function cookieParty(domain: string, shopHostname: string): Party {
  const bare = domain.toLowerCase().replace(/^\./, '');
  const host = shopHostname.toLowerCase();
  return isShopHost(bare, shopHostname) || host === bare || host.endsWith(`.${bare}`) ? 'first' : 'third';
}
