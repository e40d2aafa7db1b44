import type { Category } from './types.js';
import type { BannerStrings, Strings } from './i18n/en.js';
import type { createFrameGate } from './placeholder.js';
import { report } from './report.js';
import { scriptText, scriptUrl } from './trusted.js';

/** What the gate needs from the widget: the current choice, a way to grant, and the wording. */
export interface GateOptions {
  /** Whether a category or service id is granted; false for ids the site does not have. */
  isGranted: (category: Category) => boolean;
  /** Whether the site offers this category or service id, so a blocked iframe may ask for it. */
  isKnown: (category: Category) => boolean;
  /** Called when the visitor presses a blocked iframe's "Allow" button. */
  onAllow: (category: Category) => void;
  /** The wording now: the visitor's language may arrive after the gate has started. */
  strings: () => BannerStrings & Partial<Strings>;
  /** Fetches the handling of gated iframes (`lazy.ts`), given by the caller so this file loads alone. */
  loadPlaceholder: () => Promise<{ createFrameGate: typeof createFrameGate }>;
  doc?: Document;
}

/** Activates the page's gated scripts and iframes as their categories are granted. */
export interface Gate {
  /** Activates everything now granted; call it after every choice and on load. */
  apply(): void;
  /** Stops watching the page for gated elements added later. */
  disconnect(): void;
}

const GATED = 'script[type="text/plain"][data-consent],iframe[data-consent][data-src]:not([src])';

/**
 * Watches the page from creation on, so gated elements parsed or added later are handled too.
 * Gated scripts run once all their categories are granted, in document order, exactly once.
 */
export function createGate({ isGranted, isKnown, onAllow, strings, loadPlaceholder, doc = document }: GateOptions): Gate {
  const started = new WeakSet<Element>();
  // `inserted` orders insertions; `loaded` settles once every inserted external script has run,
  // which an inline script must wait for as the parser would have.
  let inserted: Promise<unknown> = Promise.resolve();
  let loaded = inserted;
  // Insertions queued behind an external script, and external scripts not yet run: with neither,
  // a script goes in at once, so a returning visitor's analytics wait for no microtask.
  let queued = 0;
  let running = 0;

  const activate = (old: HTMLScriptElement): void => {
    started.add(old);
    const script = doc.createElement('script');
    for (const { name, value } of old.attributes) if (name != 'type' && name != 'src') script.setAttribute(name, value);
    if (old.dataset.type) script.type = old.dataset.type;
    // Browsers hide the nonce attribute from the DOM under a CSP; the property keeps it.
    script.nonce = old.nonce;
    // Under Trusted Types the page accepts only trusted values: these come from its own markup.
    if (old.src) script.src = scriptUrl(old.src);
    script.text = scriptText(old.text);
    script.async = false;
    const insert = () => {
      if (!old.isConnected) return;
      if (old.src) {
        running++;
        const ran = new Promise((done) => ['load', 'error'].map((e) => script.addEventListener(e, done)));
        loaded = Promise.all([loaded, ran.then(() => running--)]);
      }
      old.replaceWith(script);
    };
    if (!queued && !(running && !old.src)) return insert();
    queued++;
    inserted = inserted
      .then(() => !old.src && loaded)
      .then(insert)
      .finally(() => queued--);
  };

  let frames: ReturnType<typeof createFrameGate> | undefined;
  let loading: Promise<void> | undefined;

  const apply = (): void => {
    for (const el of doc.querySelectorAll<HTMLScriptElement | HTMLIFrameElement>(GATED)) {
      // An unknown name is never granted: a typo must not let a tracker through.
      const refused = (el.dataset.consent!.match(/\S+/g) ?? []).filter((c) => !isGranted(c));
      if (el.localName == 'iframe') {
        if (frames) frames(el as HTMLIFrameElement, refused);
        else
          loading ??= loadPlaceholder().then(
            (module) => void ((frames = module.createFrameGate({ isKnown, onAllow, strings, doc })), apply()),
            (error) => report('the iframe placeholder could not be loaded', error),
          );
      } else if (!refused.length && !started.has(el) && doc.readyState != 'loading') {
        // While the page is parsing, an inline script's text may still be arriving.
        try {
          activate(el as HTMLScriptElement);
        } catch (error) {
          report('a gated script could not be started', error);
        }
      }
    }
  };

  const observer = new MutationObserver(apply);
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  doc.addEventListener('DOMContentLoaded', apply);
  return {
    apply,
    disconnect() {
      observer.disconnect();
      doc.removeEventListener('DOMContentLoaded', apply);
    },
  };
}
