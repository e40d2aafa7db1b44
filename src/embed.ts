import { pushConsentDefault } from './consent-mode.js';
import { installApi, parsed } from './api.js';
import { defineCaratConsent } from './define.js';

// Consent Mode requires the default before any Google tag reads the dataLayer.
pushConsentDefault();

const script = document.currentScript as HTMLScriptElement | null;

/** The script tag's `data-*` options, named as the site owner wrote them (`policy-url`). */
function scriptOptions(): Record<string, string> {
  const options: Record<string, string> = {};
  for (const name of script?.getAttributeNames() ?? []) if (name.startsWith('data-')) options[name.slice(5)] = script!.getAttribute(name)!;
  return options;
}

function mount(): void {
  if (document.querySelector('carat-consent')) return;
  const element = document.createElement('carat-consent');
  element.config = scriptOptions();
  // First in the body, so the banner is the first stop for keyboard and screen-reader users.
  document.body.prepend(element);
}

defineCaratConsent();
// Mounting is chained on `parsed` first, so the element exists when callbacks the page queued
// before this script (run by `installApi`) reach it.
void parsed.then(mount);
installApi();
