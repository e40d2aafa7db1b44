/**
 * The service registry and its matchers, for Node and bundlers (`carat-consent/services`): plain
 * data and pure functions, no DOM. The scanner classifies what it sees with these.
 */
export { SERVICES } from './registry.js';
export { cookieNameMatches, serviceForCookie, serviceForHost, serviceForUrl } from './match.js';
export type { ServiceCookie, ServiceEntry } from './types.js';
