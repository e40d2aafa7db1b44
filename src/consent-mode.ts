import type { CategoryChoices } from './types.js';

type ConsentState = 'granted' | 'denied';

/** The Consent Mode v2 fields, as gtag.js reads them. */
type ConsentParams = Record<string, ConsentState | number>;

/**
 * gtag.js only treats an `arguments` object in the dataLayer as a command (a plain array is
 * read as data), so this is the snippet's `gtag()` itself, bound to the page's window.
 */
function gtag(this: Window & { dataLayer?: unknown[] }, _command: 'consent', _action: 'default' | 'update', _params: ConsentParams): void {
  (this.dataLayer ||= []).push(arguments);
}

const state = (granted?: boolean): ConsentState => (granted ? 'granted' : 'denied');

/**
 * Microsoft Advertising's UET consent mode: `ad_storage` only, queued on `window.uetq` as the UET
 * tag's own snippet queues its commands, so bat.js reads it whenever it loads.
 */
function uetConsent(this: Window & { uetq?: unknown[] }, action: 'default' | 'update', marketing?: boolean): void {
  (this.uetq ||= []).push('consent', action, { ad_storage: state(marketing) });
}

function consentParams(categories: Partial<CategoryChoices>): ConsentParams {
  const ads = state(categories.marketing);
  const preferences = state(categories.preferences);
  return {
    ad_storage: ads,
    ad_user_data: ads,
    ad_personalization: ads,
    analytics_storage: state(categories.analytics),
    functionality_storage: preferences,
    personalization_storage: preferences,
    security_storage: 'granted',
  };
}

/**
 * Pushes `gtag('consent', 'default', …)`: everything denied but `security_storage`. Call it
 * synchronously before the Google tag loads; `wait_for_update` gives a returning visitor's stored
 * choice time to arrive before tags fire.
 */
export function pushConsentDefault(win: Window = window): void {
  // `finally`: UET is told even when the page broke its `dataLayer` (a push that throws).
  try {
    gtag.call(win, 'consent', 'default', { ...consentParams({}), wait_for_update: 500 });
  } finally {
    uetConsent.call(win, 'default');
  }
}

/** Pushes `gtag('consent', 'update', …)` for a visitor's choice (SPEC §5 mapping). */
export function pushConsentUpdate(categories: CategoryChoices, win: Window = window): void {
  try {
    gtag.call(win, 'consent', 'update', consentParams(categories));
  } finally {
    uetConsent.call(win, 'update', categories.marketing);
  }
}
