import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { CaratConsentElement } from '../../src/ui/carat-consent.js';
import { button, mountWidget, openedDialog, part, resetWidgets } from './widget.js';

/** Twelve services across the built-in categories and one of the shop's own. */
const CONFIG = {
  categories: ['analytics', 'marketing', 'preferences', 'social'],
  services: [
    'stripe',
    'google-analytics', 'hotjar', 'matomo',
    'meta-pixel', 'google-ads', 'tiktok-pixel',
    'youtube', 'vimeo', 'intercom',
    { id: 'insta-feed', name: 'Instagram feed', category: 'social', provider: 'Meta Platforms Ireland Limited', country: 'IE',
      purpose: 'Shows our Instagram posts.', privacyPolicy: 'https://privacycenter.instagram.com/policy', cookies: [] },
    { id: 'pin-board', name: 'Pinterest board', category: 'social', provider: 'Pinterest Europe Limited', country: 'IE',
      purpose: 'Shows our Pinterest boards.', privacyPolicy: 'https://policy.pinterest.com/en/privacy-policy',
      cookies: [{ name: '_pinboard', duration: 'P1Y', party: 'first' }] },
  ],
  translations: {
    en: { social: 'Social media', socialText: 'Show our posts from social networks.' },
    ar: { social: 'وسائل التواصل الاجتماعي', socialText: 'عرض منشوراتنا من الشبكات الاجتماعية.' },
  },
};

const switchFor = (el: CaratConsentElement, id: string) => part<HTMLInputElement>(el, `[data-service="${id}"]`)!;
const categorySwitch = (el: CaratConsentElement, id: string) => part<HTMLInputElement>(el, `[data-category="${id}"]`)!;

async function openPreferences(el: CaratConsentElement): Promise<HTMLDialogElement> {
  await el.showPreferences();
  const dialog = await openedDialog(el, 'preferences');
  await el.updateComplete;
  return dialog;
}

afterEach(resetWidgets);

describe('services in the preferences', () => {
  it('lists each category with its services, a switch each, and a mixed category switch', async () => {
    const el = await mountWidget({}, CONFIG);
    const dialog = await openPreferences(el);
    expect(dialog.querySelectorAll('[part~="service-switch"]')).to.have.length(12);
    const social = [...dialog.querySelectorAll('fieldset')].find((f) => f.textContent!.includes('Social media'))!;
    expect(social.querySelectorAll('[part~="service"]')).to.have.length(2);
    expect(switchFor(el, 'stripe').checked && switchFor(el, 'stripe').disabled).to.equal(true);

    switchFor(el, 'hotjar').click();
    await el.updateComplete;
    const analytics = categorySwitch(el, 'analytics');
    expect(analytics.indeterminate, 'one of three on: mixed').to.equal(true);
    expect(analytics.getAttribute('role'), 'a checkbox can say "mixed", a switch cannot').to.equal(null);
    await expect(el).shadowDom.to.be.accessible();

    analytics.click();
    await el.updateComplete;
    expect(analytics.indeterminate).to.equal(false);
    expect(['google-analytics', 'hotjar', 'matomo'].map((id) => switchFor(el, id).checked)).to.deep.equal([true, true, true]);
    switchFor(el, 'matomo').click();
    categorySwitch(el, 'social').click();
    await el.updateComplete;

    const changed = oneEvent(el, 'carat-consent:change');
    button(el, 'Save choices').click();
    const { detail } = await changed;
    expect(detail.services).to.deep.equal({
      stripe: true, 'google-analytics': true, hotjar: true, matomo: false, 'meta-pixel': false, 'google-ads': false,
      'tiktok-pixel': false, youtube: false, vimeo: false, intercom: false, 'insta-feed': true, 'pin-board': true,
    });
    expect(detail.categories).to.deep.equal({ necessary: true, analytics: false, marketing: false, preferences: false, social: true });
    expect(el.hasConsent('hotjar')).to.equal(true);
    expect(el.hasConsent('matomo')).to.equal(false);
    expect(el.hasConsent('analytics'), 'a category counts only when all its services do').to.equal(false);
    expect(el.hasConsent('social')).to.equal(true);
  });

  it('counts one granted service as a choice of some: the consent attribute and the receipt say which', async () => {
    const el = await mountWidget({}, CONFIG);
    await openPreferences(el);
    switchFor(el, 'hotjar').click();
    await el.updateComplete;
    const changed = oneEvent(el, 'carat-consent:change');
    button(el, 'Save choices').click();
    const { detail } = await changed;
    expect(detail.categories.analytics, 'a category counts only when all its services do').to.equal(false);
    await el.updateComplete;
    expect(el.getAttribute('consent'), 'not "rejected": Hotjar may run').to.equal('custom');

    const receipt = (await openPreferences(el)).querySelector('.receipt')!;
    const [allowed, refused] = [...receipt.querySelectorAll('p.small')].map((p) => p.textContent!.trim());
    expect(allowed).to.include('Hotjar').and.not.include('Analytics');
    expect(refused).to.include('Google Analytics').and.include('Matomo').and.include('Marketing').and.not.include('Hotjar');
  });

  it('paints a mixed category in the system colours with forced colours on, as it does "on"', async () => {
    await executeServerCommand('forced-colors', true);
    try {
      const el = await mountWidget({}, CONFIG);
      await openPreferences(el);
      switchFor(el, 'hotjar').click();
      await el.updateComplete;
      const [mixed, on] = [categorySwitch(el, 'analytics'), categorySwitch(el, 'necessary')];
      expect(mixed.indeterminate).to.equal(true);
      const highlight = getComputedStyle(on).borderColor;
      expect(getComputedStyle(mixed).borderColor).to.equal(highlight);
      expect(getComputedStyle(mixed).backgroundImage).to.include(highlight);
    } finally {
      await executeServerCommand('forced-colors', false);
    }
  });

  it('opens a service’s details by keyboard: provider, purpose, country, transfers, cookies with durations, policy link', async () => {
    const el = await mountWidget({}, CONFIG);
    await openPreferences(el);
    const details = part<HTMLDetailsElement>(el, '[part~="service"]:has([data-service="google-analytics"]) details')!;
    details.querySelector('summary')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => details.open, 'Enter opens the details');
    const text = details.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('Google Ireland Limited');
    expect(text).to.contain('Ireland');
    expect(text).to.contain('United States: outside the EEA');
    expect(text).to.contain('_ga: 2 years (This site)');
    expect(details.querySelector('a')!.href).to.equal('https://policies.google.com/privacy');
    await expect(el).shadowDom.to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !details.open, 'Enter closes them again');
  });

  for (const theme of ['light', 'dark']) {
    it(`passes axe with every service's details open, ${theme}`, async () => {
      const el = await mountWidget({ theme }, CONFIG);
      await openPreferences(el);
      for (const d of el.shadowRoot!.querySelectorAll('details')) d.open = true;
      await expect(el).shadowDom.to.be.accessible();
    });
  }

  it('speaks Arabic, right to left, with durations and countries in Arabic', async () => {
    const el = await mountWidget({ lang: 'ar' }, CONFIG);
    const dialog = await openPreferences(el);
    expect(dialog.closest('[dir]')!.getAttribute('dir')).to.equal('rtl');
    expect(dialog.textContent).to.contain('وسائل التواصل الاجتماعي');
    const details = part<HTMLDetailsElement>(el, '[part~="service"]:has([data-service="meta-pixel"]) details')!;
    details.open = true;
    await el.updateComplete;
    expect(details.textContent).to.contain('المزوّد');
    expect(details.textContent).to.contain(new Intl.NumberFormat('ar', { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(90));
    await expect(el).shadowDom.to.be.accessible();
  });

  it('names how many third parties receive data in the banner, with a link to the list', async () => {
    const el = await mountWidget({}, CONFIG);
    const banner = part(el, '[part~="banner"]')!;
    // Google, Meta, Hotjar, InnoCraft, TikTok, Vimeo, Intercom, Pinterest (Stripe counts too: it sets cookies).
    expect(banner.textContent).to.contain('Third parties that receive data through this site: 9.');
    button(el, 'See who they are').click();
    await openedDialog(el, 'preferences');
  });
});

describe('the cookie declaration', () => {
  it('ends the policy popup with a table per category, in the visitor’s language', async () => {
    const el = await mountWidget({ lang: 'de' }, CONFIG);
    await el.showPolicy();
    const dialog = await openedDialog(el, 'policy');
    const declaration = dialog.querySelector('[part~="declaration"]')!;
    expect(dialog.querySelector('.policy')!.lastElementChild).to.equal(declaration);
    expect(declaration.querySelector('h3')!.textContent).to.equal('Cookies und Dienste');
    expect(declaration.querySelectorAll('table')).to.have.length(5);
    const ga = [...declaration.querySelectorAll('tr')].find((r) => r.textContent!.includes('_ga_*'))!;
    expect([...ga.cells].map((c) => c.textContent!.trim())).to.deep.equal([
      '_ga_*', 'Google Analytics 4 (Google Ireland Limited)',
      'Counts visits and measures how visitors use the shop, with a pseudonymous identifier per browser.', '2 Jahre', 'Diese Website',
    ]);
    await expect(el).shadowDom.to.be.accessible();
  });

  it('stands where the policy says {{cookieDeclaration}}', async () => {
    const template = document.createElement('template');
    template.id = 'policy-with-declaration';
    template.content.append('# Policy\n\n## Before\n\n{{cookieDeclaration}}\n\n## After\n\nThe end.');
    document.head.append(template);
    const el = await mountWidget({ policy: '#policy-with-declaration' }, CONFIG);
    await el.showPolicy();
    const dialog = await openedDialog(el, 'policy');
    const headings = [...dialog.querySelectorAll('.policy h3')].map((h) => h.textContent);
    expect(headings).to.deep.equal(['Before', 'Cookies and services', 'After']);
    expect(dialog.textContent).not.to.contain('{{cookieDeclaration}}');
    template.remove();
  });
});

describe('services on a real page', () => {
  it('runs a granted service’s script and not a refused one’s of the same category, deletes the refused one’s cookies, and delivers the record', async () => {
    const collector = (await (await fetch('/__collector.json')).json()) as { url: string; adminToken: string };
    document.cookie = '_ga=GA1.1.1; path=/';
    document.cookie = '_hjSession_77=1; path=/';
    const frame = document.createElement('iframe');
    const message = new Promise<{ ran: string[]; cookies: string; record: Record<string, unknown>; hasHotjar: boolean }>((resolve) =>
      addEventListener('message', function listen(event) {
        if (event.source !== frame.contentWindow) return;
        removeEventListener('message', listen);
        resolve(event.data);
      }),
    );
    frame.srcdoc = `<!doctype html><html lang="en"><body>
      <script src="${location.origin}/dist/carat-consent.js" defer data-endpoint="${collector.url}/api/consent"></script>
      <script type="application/json" id="carat-consent-config">
        { "categories": ["analytics"], "services": ["google-analytics", "hotjar"] }
      </script>
      <script>window.ran = [];</script>
      <script type="text/plain" data-consent="google-analytics">ran.push('google-analytics')</script>
      <script type="text/plain" data-consent="hotjar">ran.push('hotjar')</script>
      <script>
        document.addEventListener('carat-consent:ready', () => CaratConsent.save({ services: { 'google-analytics': true, hotjar: false } }));
        document.addEventListener('carat-consent:change', (change) =>
          document.addEventListener('carat-consent:delivered', () => setTimeout(() => parent.postMessage({
            ran, cookies: document.cookie, record: change.detail, hasHotjar: CaratConsent.hasConsent('hotjar') }, '*'), 100)));
      </script></body></html>`;
    document.body.append(frame);
    const { ran, cookies, record, hasHotjar } = await message;
    frame.remove();
    document.cookie = '_ga=; max-age=0; path=/';
    expect(ran).to.deep.equal(['google-analytics']);
    expect(cookies).to.contain('_ga=GA1.1.1');
    expect(cookies).not.to.contain('_hjSession_77');
    expect(hasHotjar).to.equal(false);
    expect(record.services).to.deep.equal({ 'google-analytics': true, hotjar: false });
    const auth = { headers: { authorization: `Bearer ${collector.adminToken}` } };
    const stored = await (await fetch(`${collector.url}/api/consent/${record.id}`, auth)).json();
    expect(stored.record).to.deep.equal(record);
    await waitUntil(async () => (await fetch(`${collector.url}/api/wording/${record.wordingHash}`)).status === 200, 'the wording is kept');
    const wording = await (await fetch(`${collector.url}/api/wording/${record.wordingHash}`)).json();
    expect(wording.text).to.contain('Hotjar (Hotjar Ltd, MT; analytics): Records clicks and scrolling');
  });
});

describe('bad services options', () => {
  it('reports each once, naming it and its value, and keeps the rest working', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    let el: CaratConsentElement;
    try {
      el = await mountWidget({}, {
        categories: ['analytics', 'social'],
        services: [
          'google-analytics',
          'google-analytic',
          { id: 'own-chat', name: 'Chat', provider: 'Chat Ltd', purpose: 'Chat.', privacyPolicy: '' },
          { id: 'social', category: 'analytics', name: 'x', provider: 'x', purpose: 'x', privacyPolicy: '' },
          { id: 'hotjar', cookies: [{ name: '_hj', duration: '13 months', party: 'first' }] },
          { id: 'matomo', cookies: [{ name: '_pk id', duration: 'P13M', party: 'first' }] },
          'youtube',
        ],
      });
    } finally {
      console.error = original;
    }
    const named = (value: string) => errors.filter((e) => e.startsWith('[carat-consent] option "services"') && e.includes(value));
    for (const value of ['"google-analytic"', '"own-chat"', '"social"', '"13 months"', '"_pk id"', '"preferences"']) {
      expect(named(value), value).to.have.length(1);
    }
    expect(errors).to.have.length(6);
    const dialog = await openPreferences(el!);
    expect([...dialog.querySelectorAll('[data-service]')].map((s) => s.getAttribute('data-service'))).to.deep.equal(['google-analytics']);
    const changed = oneEvent(el!, 'carat-consent:change');
    button(el!, 'Accept all').click();
    expect((await changed).detail.services).to.deep.equal({ 'google-analytics': true });
  });
});
