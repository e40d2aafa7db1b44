import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { createGate, type Gate } from '../src/gate.js';
import en from '../src/i18n/en.js';
import { loadPlaceholder } from '../src/lazy.js';
import { CATEGORIES, type BuiltInCategory, type Category } from '../src/types.js';

/** What gated scripts write, in the order they ran. */
const log: string[] = [];
(window as Window & { gateLog?: string[] }).gateLog = log;

const FIXTURES = '/test/fixtures';

/** The placeholder standing in for `frame`, once its code has loaded. */
async function placeholderOf(frame: HTMLIFrameElement): Promise<HTMLElement> {
  await waitUntil(() => frame.previousElementSibling?.classList.contains('carat-consent-placeholder'), 'the placeholder arrives');
  return frame.previousElementSibling as HTMLElement;
}

describe('createGate', () => {
  const granted = new Set<Category>();
  const allowed: Category[] = [];
  let gate: Gate;
  let host: HTMLElement;

  const grant = (...categories: Category[]) => {
    for (const c of categories) granted.add(c);
  };
  /** Adds markup to the page the way a shop template would have it. */
  const add = (markup: string) => host.insertAdjacentHTML('beforeend', markup);
  const gated = (category: string, body: string, attributes = '') =>
    `<script type="text/plain" data-consent="${category}" ${attributes}>${body}</script>`;

  beforeEach(() => {
    log.length = allowed.length = 0;
    granted.clear();
    granted.add('necessary');
    host = document.createElement('div');
    document.body.append(host);
    gate = createGate({ isGranted: (c) => granted.has(c), isKnown: (c) => CATEGORIES.includes(c as BuiltInCategory), onAllow: (c) => allowed.push(c), strings: () => en, loadPlaceholder });
  });

  afterEach(() => {
    gate.disconnect();
    host.remove();
  });

  it('runs a gated script only after its category is granted, and only once', async () => {
    add(gated('analytics', "gateLog.push('ran')"));
    gate.apply();
    await aTimeout(20);
    expect(log).to.deep.equal([]);

    const original = host.querySelector('script')!;
    grant('analytics');
    gate.apply();
    gate.apply();
    await waitUntil(() => log.length > 0);
    gate.apply();
    host.append(original);
    gate.apply();
    await aTimeout(20);
    expect(log).to.deep.equal(['ran']);
  });

  it('runs a script gated on several categories only when all of them are granted', async () => {
    add(gated('analytics  marketing', "gateLog.push('both')"));
    grant('analytics');
    gate.apply();
    await aTimeout(20);
    expect(log).to.deep.equal([]);

    grant('marketing');
    gate.apply();
    await waitUntil(() => log.length > 0);
    expect(log).to.deep.equal(['both']);
  });

  it('asks about every name a script gives, category or service, and runs it only when all are granted', async () => {
    granted.add('analytics');
    add(gated('analytics youtube', "gateLog.push('service')"));
    gate.apply();
    await aTimeout(20);
    expect(log).to.deep.equal([]);
    granted.add('youtube');
    gate.apply();
    await waitUntil(() => log.length > 0);
    expect(log).to.deep.equal(['service']);
  });

  it('runs inline and external gated scripts in document order', async () => {
    add(
      gated('analytics', "gateLog.push('inline 1')") +
        gated('analytics', '', `src="${FIXTURES}/gate-log-a.js"`) +
        gated('analytics', "gateLog.push('inline 2')") +
        gated('marketing', '', `src="${FIXTURES}/gate-log-b.js"`) +
        gated('analytics', '', `src="${FIXTURES}/gate-log-b.js"`) +
        gated('analytics', "gateLog.push('inline 3')"),
    );
    grant('analytics');
    gate.apply();
    await waitUntil(() => log.length === 5);
    expect(log).to.deep.equal(['inline 1', 'external a', 'inline 2', 'external b', 'inline 3']);

    grant('marketing');
    gate.apply();
    await waitUntil(() => log.length === 6);
    expect(log[5]).to.equal('external b');
    // Created scripts are async by default; consecutive external ones must still run in order.
    const scripts = [...host.querySelectorAll<HTMLScriptElement>('script[src]')];
    expect(scripts.map((s) => s.async)).to.deep.equal([false, false, false]);
  });

  it('starts granted scripts within apply() itself when no external script is still loading', async () => {
    add(gated('analytics', "gateLog.push('inline 1')") + gated('analytics', '', `src="${FIXTURES}/gate-log-a.js"`) + gated('analytics', "gateLog.push('inline 2')"));
    grant('analytics');
    gate.apply();
    // A returning visitor's analytics wait for nothing; the inline script after the external one
    // waits for it, as the parser would have made it.
    expect(log).to.deep.equal(['inline 1']);
    await waitUntil(() => log.length === 3);
    expect(log).to.deep.equal(['inline 1', 'external a', 'inline 2']);
  });

  it('copies the attributes but type, restores data-type, and keeps data-consent', async () => {
    add(gated('analytics', "gateLog.push(document.currentScript.id + ' ' + document.currentScript.type)", 'id="gated-inline" class="tag"'));
    add(gated('analytics', '', `src="${FIXTURES}/gate-module.js" data-type="module" id="gated-module"`));
    grant('analytics');
    gate.apply();
    await waitUntil(() => log.length === 2);

    expect(log).to.deep.equal(['gated-inline ', 'module string']);
    const inline = document.getElementById('gated-inline') as HTMLScriptElement;
    expect(inline.getAttribute('type')).to.equal(null);
    expect(inline.className).to.equal('tag');
    expect(inline.dataset.consent).to.equal('analytics');
    expect(document.getElementById('gated-module')!.getAttribute('type')).to.equal('module');
    expect(host.querySelector('script[type="text/plain"]')).to.equal(null);
  });

  it('runs a gated script added later once its category is granted', async () => {
    gate.apply();
    add(gated('marketing', "gateLog.push('later')"));
    await aTimeout(20);
    expect(log).to.deep.equal([]);

    grant('marketing');
    gate.apply();
    await waitUntil(() => log.length > 0);
    expect(log).to.deep.equal(['later']);
  });

  it('runs a gated script added after the grant without another apply()', async () => {
    grant('analytics');
    gate.apply();
    add(gated('analytics', "gateLog.push('inline')"));
    add(gated('analytics', '', `src="${FIXTURES}/gate-log-a.js"`));
    await waitUntil(() => log.length === 2);
    expect(log).to.deep.equal(['inline', 'external a']);
  });

  it('stops watching the page after disconnect()', async () => {
    grant('analytics');
    gate.disconnect();
    add(gated('analytics', "gateLog.push('unwatched')"));
    await aTimeout(20);
    expect(log).to.deep.equal([]);
  });

  it('shows an accessible placeholder for a blocked iframe, whose button asks for the category', async () => {
    add('<iframe data-consent="marketing" data-src="about:blank#video" width="320" height="180" title="Video"></iframe>');
    gate.apply();
    const frame = host.querySelector('iframe')!;
    const placeholder = await placeholderOf(frame);

    expect(frame.hasAttribute('src')).to.equal(false);
    expect(frame.hidden).to.equal(true);
    expect(placeholder.textContent).to.equal(
      'This content is blocked until you allow Marketing cookies.Allow Marketing cookies',
    );
    expect(placeholder.getBoundingClientRect()).to.include({ width: 320, height: 180 });
    const button = placeholder.querySelector('button')!;
    const target = button.getBoundingClientRect();
    expect(target.width).to.be.at.least(24);
    expect(target.height).to.be.at.least(24);
    await expect(placeholder).to.be.accessible();

    button.click();
    expect(allowed).to.deep.equal(['marketing']);
    expect(frame.hasAttribute('src')).to.equal(false);
  });

  it('loads the iframe once granted and moves focus from the placeholder to it', async () => {
    add('<iframe data-consent="marketing" data-src="about:blank#video" title="Video"></iframe>');
    gate.apply();
    const frame = host.querySelector('iframe')!;
    const button = (await placeholderOf(frame)).querySelector('button')!;
    button.focus();

    grant('marketing');
    gate.apply();

    expect(frame.getAttribute('src')).to.equal('about:blank#video');
    expect(frame.hidden).to.equal(false);
    expect(host.querySelector('.carat-consent-placeholder')).to.equal(null);
    // Compared as a boolean: the runner cannot report an iframe element in a failure.
    expect(document.activeElement === frame, 'focus moved to the iframe').to.equal(true);
  });

  it('asks for the refused categories of an iframe one at a time, keeping focus on the button', async () => {
    add('<iframe data-consent="analytics marketing" data-src="about:blank#map" title="Map"></iframe>');
    gate.apply();
    const frame = host.querySelector('iframe')!;
    const first = (await placeholderOf(frame)).querySelector('button')!;
    expect(first.textContent).to.equal('Allow Analytics cookies');
    first.focus();
    first.click();
    expect(allowed).to.deep.equal(['analytics']);

    grant('analytics');
    gate.apply();
    const second = host.querySelector('button')!;
    expect(host.querySelectorAll('.carat-consent-placeholder')).to.have.length(1);
    expect(second.textContent).to.equal('Allow Marketing cookies');
    expect(document.activeElement === second, 'focus moved to the new button').to.equal(true);
    second.click();
    expect(allowed).to.deep.equal(['analytics', 'marketing']);
    expect(frame.hasAttribute('src')).to.equal(false);

    grant('marketing');
    gate.apply();
    expect(frame.getAttribute('src')).to.equal('about:blank#map');
  });

  it('gives an iframe added later a placeholder, or its src when already granted', async () => {
    grant('preferences');
    gate.apply();
    add('<iframe data-consent="marketing" data-src="about:blank#ad" title="Ad"></iframe>');
    add('<iframe data-consent="preferences" data-src="about:blank#chat" title="Chat"></iframe>');
    await waitUntil(() => host.querySelector('.carat-consent-placeholder'));

    const [ad, chat] = host.querySelectorAll('iframe');
    expect(ad!.hasAttribute('src')).to.equal(false);
    expect(chat!.getAttribute('src')).to.equal('about:blank#chat');
    expect(host.querySelectorAll('.carat-consent-placeholder')).to.have.length(1);
  });

  it('runs a gated inline script under a nonce-based Content Security Policy', async () => {
    const frame = document.createElement('iframe');
    frame.srcdoc =
      `<meta http-equiv="Content-Security-Policy" content="script-src 'nonce-n0nce'">` +
      `<script type="text/plain" data-consent="analytics" nonce="n0nce">parent.gateLog.push('with nonce')</script>` +
      `<script type="text/plain" data-consent="analytics">parent.gateLog.push('without nonce')</script>`;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve));
    host.append(frame);
    await loaded;
    const frameGate = createGate({ isGranted: (c) => c === 'analytics', isKnown: () => true, onAllow: () => {}, strings: () => en, loadPlaceholder, doc: frame.contentDocument! });
    try {
      frameGate.apply();
      await waitUntil(() => log.length > 0);
      await aTimeout(20);
      expect(log).to.deep.equal(['with nonce']);
    } finally {
      frameGate.disconnect();
    }
  });

  it('works from <head>, before <body> exists, in a page still loading', async () => {
    const frame = document.createElement('iframe');
    host.append(frame);
    const doc = frame.contentDocument!;
    doc.open();
    doc.write('<!doctype html><html><head><title>Shop</title>');
    expect(doc.body).to.equal(null);

    const headGate = createGate({ isGranted: (c) => c === 'analytics', isKnown: () => true, onAllow: () => {}, strings: () => en, loadPlaceholder, doc });
    headGate.apply();
    try {
      doc.write(
        '</head><body><script type="text/plain" data-consent="analytics">parent.gateLog.push("from head")</script>' +
          '<iframe data-consent="marketing" data-src="about:blank#ad" title="Ad"></iframe>',
      );
      await waitUntil(() => doc.querySelector('.carat-consent-placeholder'), 'the placeholder arrives');
      // An inline script's text may still be arriving while the page parses.
      expect(log).to.deep.equal([]);
      doc.close();
      await waitUntil(() => log.length > 0);
      expect(log).to.deep.equal(['from head']);
    } finally {
      headGate.disconnect();
    }
  });
});
