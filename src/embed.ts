import { pushConsentDefault } from './consent-mode.js';
import { installApi, pageParsed } from './api.js';
import { defineCaratConsent } from './define.js';
import { report } from './report.js';

// Consent Mode requires the default before any Google tag reads the dataLayer. A queue the page
// broke is reported, and the widget starts all the same.
try {
  pushConsentDefault();
} catch (error) {
  report('pushing the Consent Mode default failed', error);
}

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
  keepInPage(element);
}

/**
 * Shops that swap in a new `<body>` on each click (Turbo Drive, pjax) or replace what is in it
 * (htmx's `hx-boost`) take the element out with the old content, and this script does not run
 * again: the element goes back in, at the top, and copies of it that a history cache brings back
 * for the back button (htmx's) go. Only the `<html>` and `<body>` children are watched.
 */
function keepInPage(element: HTMLElement): void {
  const watch = new MutationObserver(() => {
    if (element.isConnected || !document.body) return;
    for (const copy of document.querySelectorAll('carat-consent')) copy.remove();
    document.body.prepend(element);
    watch.observe(document.body, { childList: true });
  });
  watch.observe(document.documentElement, { childList: true });
  watch.observe(document.body, { childList: true });
}

defineCaratConsent();
// Mounting is chained on `pageParsed()` first, so the element exists when callbacks the page
// queued before this script (run by `installApi`) reach it.
void pageParsed().then(mount);
installApi();
