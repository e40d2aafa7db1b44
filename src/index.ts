/**
 * carat-consent for bundlers: importing it defines `<carat-consent>` and `window.CaratConsent`.
 * Place `<carat-consent endpoint="/api/consent" policy-url="/policy.md">` in the page. On a server
 * that renders the page, importing it defines nothing and touches nothing.
 */
import { installApi } from './api.js';
import { defineCaratConsent } from './define.js';

export { CaratConsentElement } from './ui/carat-consent.js';
export { defineCaratConsent } from './define.js';
export { parsePolicy, type PolicyBlock, type Inline } from './policy.js';
export { renderPolicy } from './ui/policy-view.js';
export { pushConsentDefault } from './consent-mode.js';
export type { CaratConsentApi } from './api.js';
export type { Strings, StringKey } from './i18n/en.js';
export type * from './types.js';

if (typeof window != 'undefined') {
  defineCaratConsent();
  installApi();
}
