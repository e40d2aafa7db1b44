import { expect, oneEvent } from '@open-wc/testing';
import { keepHint, readHint } from '../../src/hint.js';
import { buildRecord } from '../../src/record.js';
import type { CaratConsentElement } from '../../src/ui/carat-consent.js';
import type { CategoryChoices, ConsentRecord } from '../../src/types.js';
import { mountWidget, part, POLICY, resetWidgets, storeRecord } from './widget.js';

const choice = (analytics: boolean): ConsentRecord =>
  buildRecord(
    {
      method: analytics ? 'accept-all' : 'reject-all',
      categories: { necessary: true, analytics, marketing: analytics, preferences: analytics },
      email: { marketing: 'unset' },
      visitorId: 'c41e6d7a-0000-4000-8000-000000000002',
      policyVersion: 'v1',
      site: location.origin,
      expiresDays: 180,
      gpc: false,
      language: 'en',
      wordingHash: 'sha256:00',
    },
    new Date(),
  );

/** A widget appended as a page would have it, not yet waited for. */
function appendWidget(): CaratConsentElement {
  const element = document.createElement('carat-consent');
  for (const [name, value] of Object.entries({ policy: '#test-policy', 'policy-version': 'v1' })) element.setAttribute(name, value);
  document.body.append(element);
  return element;
}

const lastConsentUpdate = () =>
  ((window as unknown as { dataLayer: IArguments[] }).dataLayer.filter((entry) => entry[1] === 'update').at(-1)?.[2] ?? {}) as Record<string, string>;

describe('the hint of the stored choice', () => {
  let element: CaratConsentElement | undefined;

  before(() => {
    if (!document.getElementById('test-policy')) {
      const template = document.createElement('template');
      template.id = 'test-policy';
      template.content.append(POLICY);
      document.head.append(template);
    }
  });

  afterEach(async () => {
    element?.remove();
    element = undefined;
    await resetWidgets();
  });

  it('grants at once what it says, and IndexedDB corrects it: granted there, denied here ends denied', async () => {
    await storeRecord(choice(false));
    keepHint(document, choice(true), 'v1');
    element = appendWidget();
    const ready = oneEvent(element, 'carat-consent:ready');
    expect(element.hasConsent('analytics'), 'from the hint, before IndexedDB answers').to.equal(true);
    expect(lastConsentUpdate().analytics_storage).to.equal('granted');
    await ready;
    expect(element.hasConsent('analytics')).to.equal(false);
    expect(lastConsentUpdate().analytics_storage).to.equal('denied');
    expect(readHint(document.cookie)?.granted).to.deep.equal({ necessary: true });
    await element.updateComplete;
    expect(part(element, '[part~="banner"]')).to.equal(null);
  });

  it('denied in the hint, granted in IndexedDB, ends granted', async () => {
    await storeRecord(choice(true));
    keepHint(document, choice(false), 'v1');
    element = appendWidget();
    expect(element.hasConsent('analytics')).to.equal(false);
    await oneEvent(element, 'carat-consent:ready');
    expect(element.hasConsent('analytics')).to.equal(true);
    expect(readHint(document.cookie)?.granted).to.include({ analytics: true });
  });

  it('is removed, and the banner shows, when IndexedDB holds no choice', async () => {
    keepHint(document, choice(true), 'v1');
    element = appendWidget();
    const { detail } = await oneEvent(element, 'carat-consent:ready');
    await element.updateComplete;
    expect(detail).to.equal(null);
    expect(element.hasConsent('analytics')).to.equal(false);
    expect(lastConsentUpdate().analytics_storage).to.equal('denied');
    expect(part(element, '[part~="banner"]')).to.exist;
    expect(readHint(document.cookie)).to.equal(null);
  });

  it('is not trusted once the site changes its policy-version', async () => {
    await storeRecord(choice(true));
    keepHint(document, choice(true), 'v0');
    element = appendWidget();
    expect(element.hasConsent('analytics')).to.equal(false);
    await oneEvent(element, 'carat-consent:ready');
    expect(element.hasConsent('analytics')).to.equal(true);
    expect(readHint(document.cookie)?.version).to.equal('v1');
  });

  it('follows every choice: accept writes it, withdrawal leaves nothing granted', async () => {
    const el = await mountWidget({ 'policy-version': 'v1' });
    await el.acceptAll();
    expect(readHint(document.cookie)?.granted).to.deep.equal({ necessary: true, analytics: true, marketing: true, preferences: true });
    await el.withdraw();
    expect(readHint(document.cookie)?.granted).to.deep.equal({ necessary: true });
  });

  it('follows a choice made in another tab', async () => {
    const here = await mountWidget({ 'policy-version': 'v1' });
    const there = await mountWidget({ 'policy-version': 'v1' });
    const heard = oneEvent(here, 'carat-consent:change');
    await there.save({ categories: { analytics: true } as Partial<CategoryChoices> });
    await heard;
    expect(here.hasConsent('analytics')).to.equal(true);
    expect(readHint(document.cookie)?.granted).to.deep.equal({ necessary: true, analytics: true });
    const heardBack = oneEvent(there, 'carat-consent:change');
    await here.withdraw();
    await heardBack;
    expect(there.hasConsent('analytics')).to.equal(false);
    expect(readHint(document.cookie)?.granted).to.deep.equal({ necessary: true });
  });

  it('is ignored when corrupted, with no error, and the visitor is asked', async () => {
    document.cookie = 'carat_consent_hint=%E0%A4%A|not-a-date|;path=/';
    const errors: unknown[] = [];
    const error = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const el = await mountWidget({ 'policy-version': 'v1' });
      expect(part(el, '[part~="banner"]')).to.exist;
      expect(el.hasConsent('analytics')).to.equal(false);
    } finally {
      console.error = error;
    }
    expect(errors).to.deep.equal([]);
  });

  it('starts a returning visitor\'s gated script before the stored state is known, and never paints the banner', async () => {
    await storeRecord(choice(true));
    keepHint(document, choice(true), 'v1');
    const frame = document.createElement('iframe');
    const result = new Promise<{ ranBeforeReady: boolean; bannerSeen: boolean }>((resolve) =>
      addEventListener('message', function listen(event) {
        if (event.source !== frame.contentWindow) return;
        removeEventListener('message', listen);
        resolve(event.data);
      }),
    );
    frame.srcdoc = `<!doctype html><html lang="en"><body>
      <script src="${location.origin}/dist/carat-consent.js" defer data-policy-version="v1"></script>
      <script>
        let ready = false, ranBeforeReady = false, bannerSeen = false;
        new MutationObserver(() => {
          const root = document.querySelector('carat-consent')?.shadowRoot;
          if (root && !root.__watched) {
            root.__watched = true;
            new MutationObserver(() => (bannerSeen ||= !!root.querySelector('[part~="banner"]'))).observe(root, { childList: true, subtree: true });
          }
        }).observe(document.body, { childList: true });
        window.gatedRan = () => (ranBeforeReady = !ready);
        document.addEventListener('carat-consent:ready', () => {
          ready = true;
          setTimeout(() => parent.postMessage({ ranBeforeReady, bannerSeen }, '*'), 200);
        });
      </script>
      <script type="text/plain" data-consent="analytics">gatedRan()</script></body></html>`;
    document.body.append(frame);
    const { ranBeforeReady, bannerSeen } = await result;
    frame.remove();
    expect(ranBeforeReady).to.equal(true);
    expect(bannerSeen).to.equal(false);
  });
});
