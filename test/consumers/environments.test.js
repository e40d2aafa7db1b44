/**
 * The embed in shops as they are: `dist/` on a CDN that sends no CORS headers, a strict Content
 * Security Policy with Trusted Types sent as a header, a plain-http page, and a page whose own
 * code breaks one of the widget's effects. Each is a real server, Chromium and the real collector.
 */
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { currentRecordId, dist, launchChromium, root, serve, startCollector, watchPage } from './harness.js';

/** Resolved by Chromium to 127.0.0.1 but, unlike every loopback name, not a secure context. */
const INSECURE_HOST = 'carat-test.example';

const hash = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The gated scripts every page carries: one inline, one with `src`; each leaves a mark when it runs. */
const INLINE_GATED = 'window.inlineGatedRan = true;';
const gated = (nonce = '') => `<script type="text/plain" data-consent="analytics"${nonce}>${INLINE_GATED}</script>
<script type="text/plain" data-consent="analytics" src="/gated.js"${nonce}></script>`;

/** The nonce of the page whose CSP allows scripts by nonce alone. */
const NONCE = 'c2hvcC1ub25jZQ';

/**
 * A shop page with the embed from `embedBase`. `extra` goes before the embed (a page's own
 * scripts); `nonce` goes on the embed's tag and the gated scripts.
 * @param {{ embedBase: string, endpoint: () => string, lang?: string, extra?: string, body?: string, nonce?: string }} options
 */
const shopPage = ({ embedBase, endpoint, lang = 'en', extra = '', body = '', nonce }) => () => `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>Shop</title>
${extra}
<script src="${embedBase}carat-consent.js" async data-endpoint="${endpoint()}" data-policy="#policy" data-site-name="Shop"${nonce ? ` nonce="${nonce}"` : ''}></script>
</head>
<body>
<h1>Shop</h1>
<template id="policy"># Privacy

We keep your data safe.</template>
${gated(nonce ? ` nonce="${nonce}"` : '')}
${body}
</body>
</html>`;

const script = (body) => () => ({ type: 'text/javascript', body });

/** @type {Awaited<ReturnType<typeof startCollector>>} */
let collector;
/** @type {import('playwright-core').Browser} */
let browser;
/** @type {Record<string, Awaited<ReturnType<typeof serve>>>} */
const servers = {};
const endpoint = () => collector.endpoint;
const common = {
  '/favicon.ico': () => ({ type: 'image/x-icon', body: '' }),
  '/gated.js': script('window.srcGatedRan = true;'),
  // Makes the page's dataLayer throw on every push, the embed's Consent Mode default included, as
  // a broken tag manager might.
  '/broken-datalayer.js': script("window.dataLayer = { push() { throw new Error('broken dataLayer'); } };"),
};

/** The CSP of SPEC §1, with what the page itself needs: the collector, and its inline gated script's hash. */
const strictCsp = (inlineAllowed) =>
  `default-src 'self'; script-src 'self'${inlineAllowed ? ` ${hash(INLINE_GATED)}` : ''}; style-src 'self'; ` +
  `require-trusted-types-for 'script'; trusted-types carat-consent lit-html; connect-src 'self' ${new URL(collector.url).origin}`;

/** Scripts only by the page's nonce; styles only from files and constructed sheets. */
const nonceCsp = () =>
  `default-src 'self'; script-src 'nonce-${NONCE}'; style-src 'self'; require-trusted-types-for 'script'; ` +
  `trusted-types carat-consent lit-html; connect-src 'self' ${new URL(collector.url).origin}`;

/** A site with services: their part renders into the dialogs with the dialogs part's Lit. */
const SERVICES_CONFIG = '<script type="application/json" id="carat-consent-config">{"services": ["google-analytics", "meta-pixel"]}</script>';

const FRAME = '<iframe data-consent="marketing" data-src="about:blank" width="320" height="180" title="A map"></iframe>';

before(async () => {
  servers.cdn = await serve({ dir: dist });
  servers.cdnShop = await serve({
    pages: { ...common, '/': shopPage({ embedBase: `${servers.cdn.origin}/`, endpoint, lang: 'de', body: '<iframe data-consent="marketing" data-src="about:blank" width="300" height="150" title="A map"></iframe>' }) },
  });
  const sameOrigin = {
    ...common,
    '/': shopPage({ embedBase: '/dist/', endpoint }),
    '/services': shopPage({ embedBase: '/dist/', endpoint, extra: SERVICES_CONFIG }),
  };
  // Pages and dist/ from one origin, with and without the strict CSP header.
  servers.plain = await serve({ dir: dist.replace(/dist$/, ''), pages: sameOrigin });
  servers.strict = await serve({ dir: dist.replace(/dist$/, ''), pages: sameOrigin, headers: () => ({ 'content-security-policy': strictCsp(true) }) });
  servers.broken = await serve({
    dir: dist.replace(/dist$/, ''),
    headers: () => ({ 'content-security-policy': strictCsp(false) }),
    pages: { ...common, '/': shopPage({ embedBase: '/dist/', endpoint, extra: '<script src="/broken-datalayer.js"></script>' }) },
  });
  servers.insecure = await serve({ dir: dist.replace(/dist$/, ''), pages: sameOrigin, host: INSECURE_HOST });
  // Scripts by nonce alone: no 'self', no 'strict-dynamic'. The iframe's placeholder is sized under `style-src 'self'`.
  servers.nonce = await serve({
    dir: dist.replace(/dist$/, ''),
    headers: () => ({ 'content-security-policy': nonceCsp() }),
    pages: { ...common, '/': shopPage({ embedBase: '/dist/', endpoint, lang: 'de', nonce: NONCE, body: FRAME }) },
  });
  // A shop the collector was not told about: not in its ALLOWED_ORIGINS.
  servers.unlisted = await serve({ dir: dist.replace(/dist$/, ''), pages: sameOrigin });
  [collector, browser] = await Promise.all([
    startCollector(Object.entries(servers).filter(([name]) => name !== 'unlisted').map(([, s]) => s.origin)),
    launchChromium([`--host-resolver-rules=MAP ${INSECURE_HOST} 127.0.0.1`]),
  ]);
});

after(async () => {
  await browser?.close();
  await collector?.stop();
  await Promise.all(Object.values(servers).map((s) => s.close()));
});

/** A fresh visitor on `url`, with the page's CSP violations collected from before its first script. @param {string} url */
async function visit(url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    const seen = [];
    addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    Object.defineProperty(window, 'cspViolations', { value: seen });
  });
  const page = await context.newPage();
  const seen = watchPage(page);
  const requests = /** @type {string[]} */ ([]);
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(url);
  return { context, page, seen, requests };
}

/** The dialog's and its close button's rendered sizes. @param {import('playwright-core').Page} page */
async function preferencesLook(page) {
  await page.locator('carat-consent [part~="banner"] [part~="customize"]').click();
  const dialog = page.locator('carat-consent dialog#preferences');
  await dialog.waitFor({ timeout: 10000 });
  const box = await dialog.boundingBox();
  const close = await dialog.locator('.close').first().boundingBox();
  const backdrop = await dialog.evaluate((d) => getComputedStyle(d, '::backdrop').backgroundColor);
  await page.keyboard.press('Escape');
  return { width: box?.width, close: [close?.width, close?.height], backdrop };
}

describe('dist/ on a CDN that sends no CORS headers', () => {
  it('loads every part it needs from there: dialogs open, German shows, the iframe waits, the record arrives', async () => {
    const { context, page, seen, requests } = await visit(`${servers.cdnShop.origin}/`);
    try {
      const banner = page.locator('carat-consent [part~="banner"]');
      await banner.getByRole('button', { name: 'Alle akzeptieren' }).waitFor({ timeout: 10000 });
      await page.locator('.carat-consent-placeholder').waitFor({ timeout: 10000 });
      await banner.getByRole('button', { name: 'Anpassen' }).click();
      const preferences = page.getByRole('dialog', { name: 'Datenschutzeinstellungen' });
      await preferences.waitFor({ timeout: 10000 });
      await preferences.getByRole('button', { name: 'Alle ablehnen' }).click();
      await page.locator('carat-consent [part~="reopen"]').waitFor({ timeout: 10000 });
      const stored = await collector.record(await currentRecordId(page));
      assert.equal(stored.method, 'reject-all');
      const fromCdn = requests.filter((url) => url.startsWith(servers.cdn.origin)).map((url) => new URL(url).pathname).sort();
      assert.deepEqual(fromCdn, [
        '/carat-consent-choice.js',
        '/carat-consent-cookies.js',
        '/carat-consent-delivery.js',
        '/carat-consent-dialogs.js',
        '/carat-consent-placeholder.js',
        '/carat-consent-policy-text.js',
        '/carat-consent.js',
        '/i18n/de.js',
      ]);
      assert.deepEqual(seen.errors, []);
    } finally {
      await context.close();
    }
  });
});

describe('a strict CSP with Trusted Types, sent as a header', () => {
  it('stores and sends the choice, runs the gated scripts, styles the dialogs, and violates nothing', async () => {
    const unconstrained = await visit(`${servers.plain.origin}/`);
    const expected = await preferencesLook(unconstrained.page);
    await unconstrained.context.close();

    const { context, page, seen } = await visit(`${servers.strict.origin}/`);
    try {
      assert.deepEqual(await preferencesLook(page), expected);
      await page.locator('carat-consent [part~="banner"] [part~="accept"]').click();
      await page.waitForFunction(() => window.inlineGatedRan && window.srcGatedRan, null, { timeout: 10000 });
      const stored = await collector.record(await currentRecordId(page));
      assert.equal(stored.method, 'accept-all');
      await page.reload();
      await page.locator('carat-consent [part~="reopen"]').waitFor({ timeout: 10000 });
      await page.waitForFunction(() => window.inlineGatedRan && window.srcGatedRan, null, { timeout: 10000 });
      assert.equal(await page.locator('carat-consent [part~="banner"]').count(), 0);
      assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
      assert.deepEqual(seen.errors, []);
    } finally {
      await context.close();
    }
  });
});

describe('services, from the built parts under the strict CSP', () => {
  it('names the third parties in the banner, lists their switches in the preferences and declares their cookies in the policy', async () => {
    const { context, page, seen } = await visit(`${servers.strict.origin}/services`);
    try {
      const banner = page.locator('carat-consent [part~="banner"]');
      await banner.getByText('Third parties that receive data through this site: 2.').waitFor({ timeout: 10000 });
      await banner.getByRole('button', { name: 'See who they are' }).click();
      const preferences = page.getByRole('dialog', { name: 'Privacy preferences' });
      await preferences.waitFor({ timeout: 10000 });
      assert.deepEqual(await preferences.locator('[part~="service-switch"]').evaluateAll((all) => all.map((s) => s.dataset.service)), [
        'google-analytics',
        'meta-pixel',
      ]);
      await preferences.getByRole('button', { name: 'Privacy policy' }).click();
      const declaration = page.locator('carat-consent dialog#policy [part~="declaration"]');
      await declaration.waitFor({ timeout: 10000 });
      assert.match(await declaration.innerText(), /Cookies and services[\s\S]*_ga/);
      assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
      assert.deepEqual(seen.errors, []);
    } finally {
      await context.close();
    }
  });
});

describe('the dialogs part, fetched on intent', () => {
  const dialogsPart = (/** @type {string[]} */ requests) => requests.some((url) => url.endsWith('/dist/carat-consent-dialogs.js'));

  it('is on its way once a pointer is over "Customize", or focus on the policy link, before any click', async () => {
    for (const intent of [
      (/** @type {import('playwright-core').Locator} */ banner) => banner.locator('[part~="customize"]').hover(),
      (/** @type {import('playwright-core').Locator} */ banner) => banner.locator('a[part~="link"]').focus(),
    ]) {
      const { context, page, seen, requests } = await visit(`${servers.plain.origin}/`);
      try {
        const banner = page.locator('carat-consent [part~="banner"]');
        await banner.locator('[part~="accept"]').hover();
        await page.waitForTimeout(300);
        assert.equal(dialogsPart(requests), false, 'nothing fetched for "Accept all"');
        await intent(banner);
        await page.waitForFunction(() => window.caratConsentParts?.dialogs, null, { timeout: 10000 });
        assert.equal(await page.locator('carat-consent dialog[open]').count(), 0);
        assert.deepEqual(seen.errors, []);
      } finally {
        await context.close();
      }
    }
  });

  it('is not fetched by a choice made in the banner, which moves focus to "Privacy choices"', async () => {
    const { context, page, requests } = await visit(`${servers.plain.origin}/`);
    try {
      const accept = page.locator('carat-consent [part~="banner"] [part~="accept"]');
      await accept.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('carat-consent')?.shadowRoot?.activeElement?.matches('[part~="reopen"]'), null, {
        timeout: 10000,
      });
      await page.waitForTimeout(500);
      assert.equal(dialogsPart(requests), false);
    } finally {
      await context.close();
    }
  });
});

describe('a page effect that fails', () => {
  it('is reported, and the choice is still stored and sent, and the other effects run', async () => {
    // The CSP refuses the inline gated script (no hash for it), and the page's dataLayer throws,
    // from the embed's first line (the Consent Mode default) on.
    const { context, page, seen } = await visit(`${servers.broken.origin}/`);
    try {
      await page.locator('carat-consent [part~="banner"] [part~="accept"]').click();
      await page.waitForFunction(() => window.srcGatedRan, null, { timeout: 10000 });
      const stored = await collector.record(await currentRecordId(page));
      assert.equal(stored.method, 'accept-all');
      assert.equal(await page.evaluate(() => window.inlineGatedRan), undefined);
      const reported = seen.errors.filter((e) => e.startsWith('[carat-consent]') && e.includes('broken dataLayer'));
      assert.deepEqual(reported.map((e) => e.split(' (')[0]), ['[carat-consent] pushing the Consent Mode default failed', '[carat-consent] applying the choice to the page failed']);
      // Microsoft's UET queue is no less told for Google's being broken.
      assert.deepEqual(await page.evaluate(() => window.uetq.filter((_, i, q) => q[i - 1] === 'consent')), ['default', 'update']);
      await page.reload();
      await page.locator('carat-consent [part~="reopen"]').waitFor({ timeout: 10000 });
    } finally {
      await context.close();
    }
  });
});

describe('a plain-http page (no secure context)', () => {
  it('works, and warns once that HTTPS is better', async () => {
    const { context, page, seen } = await visit(`${servers.insecure.origin}/`);
    try {
      assert.equal(await page.evaluate(() => isSecureContext), false);
      await page.locator('carat-consent [part~="banner"] [part~="reject"]').click();
      await page.locator('carat-consent [part~="reopen"]').waitFor({ timeout: 10000 });
      const id = await currentRecordId(page);
      assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const stored = await collector.record(id);
      assert.equal(stored.method, 'reject-all');
      // The collector accepts a wording only under its true SHA-256: the built-in one must agree.
      assert.equal((await collector.wording(stored.wordingHash)).text.length > 0, true);
      const warnings = seen.warnings.filter((w) => w.startsWith('[carat-consent]'));
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.match(warnings[0], /HTTPS/);
      await page.reload();
      await page.locator('carat-consent [part~="reopen"]').waitFor({ timeout: 10000 });
      assert.equal(await page.locator('carat-consent [part~="banner"]').count(), 0);
      assert.deepEqual(seen.errors, []);
    } finally {
      await context.close();
    }
  });
});

describe('a strict CSP that allows scripts by nonce alone', () => {
  it('carries the embed tag\'s nonce to every part it loads, sizes the iframe placeholder, and violates nothing', async () => {
    const { context, page, seen, requests } = await visit(`${servers.nonce.origin}/`);
    try {
      const banner = page.locator('carat-consent [part~="banner"]');
      await banner.getByRole('button', { name: 'Alle akzeptieren' }).waitFor({ timeout: 10000 });
      const placeholder = page.locator('.carat-consent-placeholder');
      await placeholder.waitFor({ timeout: 10000 });
      const box = await placeholder.boundingBox();
      assert.deepEqual([box?.width, box?.height], [320, 180]);
      await banner.getByRole('button', { name: 'Anpassen' }).click();
      const preferences = page.getByRole('dialog', { name: 'Datenschutzeinstellungen' });
      await preferences.waitFor({ timeout: 10000 });
      assert.equal((await preferences.boundingBox())?.width, (await preferencesWidthWithoutCsp()));
      await preferences.getByRole('button', { name: 'Alle akzeptieren' }).click();
      await page.waitForFunction(() => window.inlineGatedRan && window.srcGatedRan, null, { timeout: 10000 });
      await page.locator('carat-consent [part~="reopen"]').waitFor({ timeout: 10000 });
      const stored = await collector.record(await currentRecordId(page));
      assert.equal(stored.method, 'accept-all');
      const parts = requests.filter((url) => url.includes('/dist/')).map((url) => new URL(url).pathname).sort();
      assert.deepEqual(parts, [
        '/dist/carat-consent-choice.js',
        '/dist/carat-consent-delivery.js',
        '/dist/carat-consent-dialogs.js',
        '/dist/carat-consent-placeholder.js',
        '/dist/carat-consent-policy-text.js',
        '/dist/carat-consent.js',
        '/dist/i18n/de.js',
      ]);
      assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
      assert.deepEqual(seen.errors, []);
    } finally {
      await context.close();
    }
  });
});

/** The width of the German preferences on a page without any CSP, to compare a styled dialog with. */
async function preferencesWidthWithoutCsp() {
  const { context, page } = await visit(`${servers.cdnShop.origin}/`);
  try {
    await page.locator('carat-consent [part~="banner"]').getByRole('button', { name: 'Anpassen' }).click();
    const preferences = page.getByRole('dialog', { name: 'Datenschutzeinstellungen' });
    await preferences.waitFor({ timeout: 10000 });
    return (await preferences.boundingBox())?.width;
  } finally {
    await context.close();
  }
}

/** The ids of the records waiting in the visitor's outbox (IndexedDB, SPEC §3). @param {import('playwright-core').Page} page */
const outboxIds = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const opened = indexedDB.open('carat-consent');
        opened.onerror = reject;
        opened.onsuccess = () => {
          const read = opened.result.transaction('consent').objectStore('consent').get('outbox');
          read.onerror = reject;
          read.onsuccess = () => resolve((read.result ?? []).map((/** @type {{ id: string }} */ r) => r.id));
        };
      }),
  );

describe('a collector that does not list the shop in ALLOWED_ORIGINS', () => {
  it('tells the shop owner once which origin to add, keeps the record in the outbox, and logs the origin once', async () => {
    const origin = servers.unlisted.origin;
    const { context, page, seen } = await visit(`${origin}/`);
    try {
      await page.locator('carat-consent [part~="banner"] [part~="reject"]').click();
      await page.locator('carat-consent [part~="reopen"]').waitFor({ timeout: 10000 });
      const id = await currentRecordId(page);
      const told = () => seen.errors.filter((e) => e.startsWith('[carat-consent]'));
      for (const deadline = Date.now() + 10000; !told().length && Date.now() < deadline; ) await page.waitForTimeout(100);
      assert.equal(told().length, 1, seen.errors.join('\n'));
      assert.ok(told()[0]?.includes(`"${collector.endpoint}"`), told()[0]);
      assert.ok(told()[0]?.includes(`add ${origin} to the collector's ALLOWED_ORIGINS`), told()[0]);
      assert.deepEqual(await outboxIds(page), [id]);
      // More requests from the same origin: the widget's retry, and the page's own.
      await page.evaluate(async (endpoint) => {
        for (let i = 0; i < 3; i++) await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).catch(() => {});
      }, collector.endpoint);
      await page.waitForTimeout(300);
      const logged = collector.output().split('\n').filter((line) => line.includes(origin));
      assert.equal(logged.length, 1, collector.output());
      assert.match(logged[0] ?? '', /not in ALLOWED_ORIGINS/);
      assert.equal(told().length, 1);
      assert.deepEqual(await outboxIds(page), [id]);
    } finally {
      await context.close();
    }
  });
});

describe('a first visit, and the visits after it', () => {
  /** What this origin stores on the device, as the browser lists it. @param {import('playwright-core').Page} page */
  const stored = (page) =>
    page.evaluate(async () => ({
      databases: (await indexedDB.databases()).map((d) => d.name),
      localStorage: Object.keys(localStorage),
      cookies: document.cookie.split('; ').filter(Boolean).map((c) => c.split('=')[0]),
    }));
  /** Opens the shop and watches every frame for a painted "Accept all", as the bench does. */
  const open = async (page) => {
    await page.goto(`${servers.plain.origin}/`);
    await page.waitForFunction(() => window.inlineGatedRan || window.__bench.bannerAt !== undefined);
  };

  it('stores nothing before the choice, then applies it on later visits without painting the banner', async () => {
    const context = await browser.newContext();
    try {
      await context.addInitScript({ path: join(root, 'bench/probe.js') });
      const page = await context.newPage();
      const seen = watchPage(page);
      await open(page);
      assert.equal(await page.evaluate(() => window.inlineGatedRan), undefined);
      // A first visit opens no database: the banner is shown from the cookies and localStorage alone.
      await page.waitForTimeout(300);
      assert.deepEqual(await stored(page), { databases: [], localStorage: [], cookies: [] });

      await page.getByRole('button', { name: 'Accept all' }).first().click();
      await page.waitForFunction(() => window.inlineGatedRan && document.cookie.includes('carat_consent_hint='));
      assert.deepEqual(await stored(page), { databases: ['carat-consent'], localStorage: ['carat-consent'], cookies: ['carat_consent_hint'] });

      // Safari keeps a script's cookie 7 days but the site's storage longer: without the hint,
      // localStorage says a choice may be stored, and the banner waits for IndexedDB.
      await context.clearCookies();
      await open(page);
      await page.waitForFunction(() => window.inlineGatedRan);
      await page.waitForTimeout(500);
      assert.equal(await page.evaluate(() => window.__bench.bannerAt), undefined, 'no banner painted');
      assert.deepEqual((await stored(page)).cookies, ['carat_consent_hint']);

      // A choice stored before localStorage knew of it (an earlier version of the widget) still counts once IndexedDB answers.
      await context.clearCookies();
      await page.evaluate(() => localStorage.clear());
      await page.goto(`${servers.plain.origin}/`);
      await page.waitForFunction(() => window.inlineGatedRan, undefined, { timeout: 10000 });
      await page.locator('carat-consent [part~="reopen"]').waitFor();
      assert.equal(await page.locator('carat-consent [part~="banner"]').count(), 0);
      assert.deepEqual(await stored(page), { databases: ['carat-consent'], localStorage: ['carat-consent'], cookies: ['carat_consent_hint'] });
      assert.deepEqual(seen.errors, []);
    } finally {
      await context.close();
    }
  });
});
