import { SERVICES } from './registry.js';
import type { ServiceEntry } from './types.js';

/** True when a cookie name matches a documented name or `prefix*` pattern (case-sensitive, as cookies are). */
export const cookieNameMatches = (pattern: string, name: string): boolean =>
  pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;

/** The service whose cookie this is; an exact name wins over a pattern, a longer pattern over a shorter. */
export function serviceForCookie(name: string, services: readonly ServiceEntry[] = SERVICES): ServiceEntry | undefined {
  let best: ServiceEntry | undefined;
  let bestLength = -1;
  for (const service of services)
    for (const cookie of service.cookies) {
      const length = cookie.name.endsWith('*') ? cookie.name.length - 1 : Infinity;
      if (length > bestLength && cookieNameMatches(cookie.name, name)) [best, bestLength] = [service, length];
    }
  return best;
}

const onHost = (host: string, entryHost: string) => host === entryHost || host.endsWith('.' + entryHost);

/**
 * The service a request URL goes to. A registry host matches itself and its subdomains; an entry
 * with a path (`googletagmanager.com/gtag/js`) matches only URLs under it, and the longest
 * matching entry wins, so Google's shared hosts are told apart by path.
 */
export function serviceForUrl(url: string | URL, services: readonly ServiceEntry[] = SERVICES): ServiceEntry | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const host = parsed.hostname.toLowerCase();
  const rest = parsed.pathname + parsed.search;
  let best: ServiceEntry | undefined;
  let bestLength = -1;
  for (const service of services)
    for (const entry of service.hosts ?? []) {
      const slash = entry.indexOf('/');
      const [entryHost, path] = slash < 0 ? [entry, ''] : [entry.slice(0, slash), entry.slice(slash)];
      if (entry.length > bestLength && onHost(host, entryHost) && rest.startsWith(path)) [best, bestLength] = [service, entry.length];
    }
  return best;
}

/** The service a host belongs to, looking only at host-wide entries (no path). */
export function serviceForHost(host: string, services: readonly ServiceEntry[] = SERVICES): ServiceEntry | undefined {
  const name = host.toLowerCase();
  let best: ServiceEntry | undefined;
  let bestLength = -1;
  for (const service of services)
    for (const entry of service.hosts ?? [])
      if (!entry.includes('/') && entry.length > bestLength && onHost(name, entry)) [best, bestLength] = [service, entry.length];
  return best;
}
