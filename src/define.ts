import { CaratConsentElement } from './ui/carat-consent.js';

/** Registers `<carat-consent>` once: an embed loaded twice on one page must not throw. */
export function defineCaratConsent(): void {
  if (!customElements.get('carat-consent')) customElements.define('carat-consent', CaratConsentElement);
}
