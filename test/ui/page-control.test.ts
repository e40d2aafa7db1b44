import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { CaratConsentApi } from '../../src/api.js';
import { HINT_COOKIE } from '../../src/hint.js';
import { button, mountWidget, openedDialog, part, resetWidgets } from './widget.js';

/** Chromium has no Global Privacy Control; Firefox and Brave send it. This sets the signal as they do. */
function sendGlobalPrivacyControl(on: boolean): void {
  Object.defineProperty(navigator, 'globalPrivacyControl', { value: on, configurable: true });
}

/**
 * A page with the embed in a same-origin frame; `body` runs after it. Resolves with the frame's window.
 * Its own `policy-version`: a hint or record another test's widget left in this origin's shared
 * cookies and IndexedDB (a page still closing may write one after the reset) never counts here.
 */
async function embedPage(body: string, options = ''): Promise<{ frame: HTMLIFrameElement; win: Window & Record<string, unknown> }> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html lang="en"><body>
    <script src="${location.origin}/dist/carat-consent.js" data-policy-version="page-control" defer ${options}></script>${body}</body></html>`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as Window & Record<string, unknown>;
  await new Promise((resolve) =>
    win.document.querySelector('carat-consent')?.hasAttribute('theme')
      ? resolve(0)
      : win.document.addEventListener('carat-consent:ready', resolve, { once: true }),
  );
  return { frame, win };
}

afterEach(async () => {
  sendGlobalPrivacyControl(false);
  await resetWidgets();
});

describe('Global Privacy Control', () => {
  it('keeps marketing off on "Accept all", says why, and records the signal', async () => {
    sendGlobalPrivacyControl(true);
    const el = await mountWidget();
    expect(part(el, '[part~="banner"]')!.textContent).to.contain('Global Privacy Control signal was honored');
    await expect(el).shadowDom.to.be.accessible();
    const record = await el.acceptAll();
    expect(record.gpc).to.equal(true);
    expect(record.method).to.equal('accept-all');
    expect(record.categories).to.deep.equal({ necessary: true, analytics: true, marketing: false, preferences: true });
  });

  it('shows the signal in the preferences, and lets a hand-set marketing switch win', async () => {
    sendGlobalPrivacyControl(true);
    const el = await mountWidget();
    button(el, 'Customize').click();
    const dialog = await openedDialog(el, 'preferences');
    expect(dialog.textContent).to.contain('Global Privacy Control signal was honored');
    const marketing = dialog.querySelectorAll<HTMLInputElement>('[role="switch"]')[2]!;
    expect(marketing.checked).to.equal(false);
    marketing.click();
    const changed = oneEvent(el, 'carat-consent:change');
    button(el, 'Save choices').click();
    const { detail } = await changed;
    expect(detail.categories.marketing).to.equal(true);
    expect(detail.gpc).to.equal(true);
  });

  it('changes nothing without the signal', async () => {
    const el = await mountWidget();
    expect(part(el, '[part~="banner"]')!.textContent).not.to.contain('Global Privacy Control');
    const record = await el.acceptAll();
    expect(record.gpc).to.equal(false);
    expect(record.categories.marketing).to.equal(true);
  });
});

describe('the page around the embed', () => {
  it("resolves relative options in an about:srcdoc frame against its parent's address, as the browser does", async () => {
    const { win } = await embedPage('', 'data-policy-url="/demo/policy.md"');
    const root = win.document.querySelector('carat-consent')!.shadowRoot!;
    const link = [...root.querySelectorAll('a')].find((a) => a.textContent!.includes('Privacy policy'))!;
    expect(link.href).to.equal(`${location.origin}/demo/policy.md`);
  });

  it('keeps options the page set as `config` before the embed defined the element', async () => {
    const { win } = await embedPage(`<script>
      const early = document.createElement('carat-consent');
      early.config = { categories: ['analytics'] };
      document.body.prepend(early);
    </script>`);
    const record = await (win.CaratConsent as CaratConsentApi).acceptAll();
    expect(record.categories).to.include({ analytics: true, marketing: false, preferences: false });
  });

  it('answers API calls with a clear error once the page has written itself anew, without the widget', async () => {
    const { win } = await embedPage('');
    win.document.open();
    win.document.write('<!doctype html><p>A page written anew</p>');
    win.document.close();
    let error: unknown;
    await (win.CaratConsent as CaratConsentApi).getConsent().catch((e: unknown) => (error = e));
    expect(String(error)).to.contain('CaratConsent.getConsent(): the page has no <carat-consent> element');
  });
});

describe('the page under the embed', () => {
  it('keeps the banner or the preferences and says so when the choice code cannot load, with focus still on the button pressed', async () => {
    // A CSP that names the files it allows refuses the choice part, as a blocked or moved part would be.
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><html lang="en"><head>
      <meta http-equiv="Content-Security-Policy" content="script-src 'unsafe-inline' ${location.origin}/dist/carat-consent.js ${location.origin}/dist/carat-consent-dialogs.js ${location.origin}/dist/carat-consent-policy-text.js">
      <script src="${location.origin}/dist/carat-consent.js" data-policy-version="blocked-parts" defer></script></head><body>
      <script>
        window.problems = [];
        addEventListener('unhandledrejection', (event) => problems.push(String(event.reason)));
        const error = console.error;
        console.error = (...args) => { problems.push(args.join(' ')); error(...args); };
      </script></body></html>`;
    document.body.append(frame);
    const win = () => frame.contentWindow as Window & { problems: string[] };
    await waitUntil(() => win().document?.querySelector('carat-consent')?.shadowRoot?.querySelector('[part~="accept"]'), 'the banner shows');
    const root = win().document.querySelector('carat-consent')!.shadowRoot!;
    try {
      const accept = root.querySelector<HTMLButtonElement>('[part~="accept"]')!;
      accept.focus();
      accept.click();
      await waitUntil(() => root.querySelector('.error'), 'the banner says the choice failed');
      expect(root.querySelector('.error')!.textContent).to.equal('Your choice could not be saved. Please try again.');
      expect(root.querySelector('[role="status"]')!.textContent).to.equal('Your choice could not be saved. Please try again.');
      expect(root.activeElement?.getAttribute('part')).to.equal('button accept');
      expect(win().problems.filter((p) => p.includes('the choice could not be saved'))).to.have.length(1);

      root.querySelector<HTMLButtonElement>('[part~="customize"]')!.click();
      await waitUntil(() => root.querySelector<HTMLDialogElement>('#preferences')?.open, 'the preferences open');
      const preferences = root.querySelector<HTMLDialogElement>('#preferences')!;
      preferences.querySelector<HTMLButtonElement>('[part~="save"]')!.click();
      await waitUntil(() => preferences.querySelector('[role="alert"]'), 'the preferences say the choice failed');
      expect(preferences.querySelector('[role="alert"]')!.textContent).to.equal('Your choice could not be saved. Please try again.');
      expect(preferences.open, 'the preferences stay open').to.equal(true);
      expect(win().problems.filter((p) => p.includes('the choice could not be saved'))).to.have.length(2);
      expect(win().problems.some((p) => p.startsWith('Error') || p.includes('Uncaught'))).to.equal(false);
    } finally {
      frame.remove();
    }
  });

  const gatedAnalytics = `<script type="text/plain" data-consent="analytics">window.analyticsRuns = (window.analyticsRuns || 0) + 1</script>`;

  it('runs a gated script only after consent, exactly once, and again on the next page', async () => {
    const first = await embedPage(gatedAnalytics);
    expect(first.win.analyticsRuns).to.equal(undefined);
    await (first.win.CaratConsent as { acceptAll(): Promise<unknown> }).acceptAll();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(first.win.analyticsRuns).to.equal(1);
    await (first.win.CaratConsent as { acceptAll(): Promise<unknown> }).acceptAll();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(first.win.analyticsRuns).to.equal(1);
    first.frame.remove();

    const returning = await embedPage(gatedAnalytics);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(returning.win.analyticsRuns).to.equal(1);
    expect(returning.win.document.querySelector('carat-consent')!.shadowRoot!.querySelector('[part~="banner"]')).to.equal(null);
    returning.frame.remove();
  });

  it("leaves a first visit's gate until the banner is painted, then gives a blocked iframe its placeholder", async () => {
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><html lang="en"><body>
      <script src="${location.origin}/dist/carat-consent.js" data-policy-version="page-control" defer></script>
      <script>
        document.addEventListener('carat-consent:ready', () => {
          window.placeholderAskedBeforePaint = !!document.querySelector('script[src*="placeholder"]');
        });
      </script>
      <iframe data-consent="marketing" data-src="about:blank#map" title="Map"></iframe></body></html>`;
    document.body.append(frame);
    const win = () => frame.contentWindow as Window & { placeholderAskedBeforePaint?: boolean };
    try {
      await waitUntil(() => win().document.querySelector('.carat-consent-placeholder'), 'the iframe gets its placeholder');
      expect(win().placeholderAskedBeforePaint, 'the placeholder part was asked for before the banner was painted').to.equal(false);
      expect(win().document.querySelector('iframe')!.hasAttribute('src')).to.equal(false);
    } finally {
      frame.remove();
    }
  });

  it('pushes the Consent Mode defaults first (Google and Microsoft UET), then an update for the choice', async () => {
    const { frame, win } = await embedPage('');
    await (win.CaratConsent as { save(c: unknown): Promise<unknown> }).save({ categories: { analytics: true } });
    const layer = (win.dataLayer as IArguments[]).map((entry) => Array.from(entry));
    const uetq = win.uetq;
    frame.remove();
    expect(uetq, "Microsoft UET's queue").to.deep.equal(['consent', 'default', { ad_storage: 'denied' }, 'consent', 'update', { ad_storage: 'denied' }]);
    expect(layer).to.deep.equal([
      [
        'consent',
        'default',
        {
          ad_storage: 'denied',
          ad_user_data: 'denied',
          ad_personalization: 'denied',
          analytics_storage: 'denied',
          functionality_storage: 'denied',
          personalization_storage: 'denied',
          security_storage: 'granted',
          wait_for_update: 500,
        },
      ],
      [
        'consent',
        'update',
        {
          ad_storage: 'denied',
          ad_user_data: 'denied',
          ad_personalization: 'denied',
          analytics_storage: 'granted',
          functionality_storage: 'denied',
          personalization_storage: 'denied',
          security_storage: 'granted',
        },
      ],
    ]);
  });

  it('has the Consent Mode default in the dataLayer before a Google tag placed after it in <head> runs', async () => {
    const frame = document.createElement('iframe');
    const seen = new Promise<unknown>((resolve) => {
      const listen = (event: MessageEvent) => {
        if (event.source !== frame.contentWindow) return;
        removeEventListener('message', listen);
        resolve(event.data);
      };
      addEventListener('message', listen);
    });
    frame.srcdoc = `<!doctype html><html lang="en"><head>
      <script src="${location.origin}/dist/carat-consent.js"></script>
      <script>
        window.dataLayer = window.dataLayer || [];
        const first = dataLayer[0];
        parent.postMessage({ body: document.body === null, command: first && Array.from(first).slice(0, 2), wait: first && first[2].wait_for_update }, '*');
      </script></head><body></body></html>`;
    document.body.append(frame);
    const result = await seen;
    frame.remove();
    expect(result).to.deep.equal({ body: true, command: ['consent', 'default'], wait: 500 });
  });

  it('deletes a refused category\'s cookies on reject and on withdrawal', async () => {
    const { frame, win } = await embedPage('');
    const api = win.CaratConsent as { acceptAll(): Promise<unknown>; rejectAll(): Promise<unknown>; withdraw(): Promise<unknown> };
    const setCookies = () => {
      for (const name of ['_ga', '_ga_ABC123', '_gid', '_fbp', 'basket']) win.document.cookie = `${name}=1;path=/`;
    };
    const names = () => win.document.cookie.split('; ').map((c) => c.split('=')[0]).filter(Boolean).sort();
    setCookies();
    await api.rejectAll();
    // The hint of the stored choice is the widget's own, strictly necessary cookie.
    expect(names()).to.deep.equal(['basket', HINT_COOKIE]);
    await api.acceptAll();
    setCookies();
    expect(names()).to.include.members(['_ga', '_fbp']);
    await api.withdraw();
    expect(names()).to.deep.equal(['basket', HINT_COOKIE]);
    win.document.cookie = 'basket=;path=/;max-age=0';
    frame.remove();
  });
});
