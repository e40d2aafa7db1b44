/**
 * The embed on shops that swap the page's content on every click instead of loading the page, with
 * the real libraries: Turbo Drive (Hotwire, as Rails shops such as Spree and Solidus use it), which
 * swaps in a new `<body>`, and htmx's `hx-boost`, which replaces what is in it and brings it back
 * from its history cache for the back button. The widget must come along to every page, once, and
 * the gated scripts of each new page must run as the page's own scripts do.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { dist, launchChromium, root, serve, startCollector, watchPage } from './harness.js';

const libraries = {
  turbo: { file: 'node_modules/@hotwired/turbo/dist/turbo.es2017-umd.js', body: '' },
  htmx: { file: 'node_modules/htmx.org/dist/htmx.min.js', body: ' hx-boost="true"' },
};

/**
 * A page of the shop on `library`: its gated script and an ordinary one each note every run of
 * theirs, by page.
 * @param {keyof libraries} library @param {string} title @param {string} link
 */
const shopPage = (library, title, link) => () => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title>
<script src="/${library}.js"></script>
<script src="/dist/carat-consent.js" async data-endpoint="${collector.endpoint}" data-policy="#policy" data-site-name="Turbo shop"></script>
</head>
<body${libraries[library].body}>
<h1>${title}</h1>
<template id="policy"># Privacy

We keep your data safe.</template>
<p><a href="${link}">Next page</a></p>
<script type="text/plain" data-consent="analytics">(window.gatedRuns ??= []).push(${JSON.stringify(title)});</script>
<script>(window.plainRuns ??= []).push(${JSON.stringify(title)});</script>
</body>
</html>`;

/** @type {Awaited<ReturnType<typeof startCollector>>} */
let collector;
/** @type {import('playwright-core').Browser} */
let browser;
/** @type {Awaited<ReturnType<typeof serve>>} */
let shop;

before(async () => {
  shop = await serve({
    dir: dist.replace(/dist$/, ''),
    pages: {
      ...Object.fromEntries(Object.entries(libraries).flatMap(([library, { file }]) => [
        [`/${library}.js`, () => ({ type: 'text/javascript', body: readFileSync(join(root, file), 'utf8') })],
        [`/${library}/`, shopPage(library, 'Home', `/${library}/rings`)],
        [`/${library}/rings`, shopPage(library, 'Rings', `/${library}/earrings`)],
        [`/${library}/earrings`, shopPage(library, 'Earrings', `/${library}/`)],
      ])),
      '/favicon.ico': () => ({ type: 'image/x-icon', body: '' }),
    },
  });
  [collector, browser] = await Promise.all([startCollector([shop.origin]), launchChromium()]);
});

after(async () => {
  await browser?.close();
  await collector?.stop();
  await shop?.close();
});

/** The page's `<carat-consent>` elements, and whether each shows its banner or its "Privacy choices" button. @param {import('playwright-core').Page} page */
const widgets = (page) =>
  page.evaluate(() => [...document.querySelectorAll('carat-consent')].map((el) => (el.shadowRoot?.querySelector('[part~="banner"]') ? 'banner' : el.shadowRoot?.querySelector('[part~="reopen"]') ? 'reopen' : 'nothing')));

/**
 * Follows the page's link the way the library does, and waits for the new page's heading; no
 * page load happens. @param {import('playwright-core').Page} page @param {string} title
 */
async function follow(page, title) {
  const loads = await page.evaluate(() => performance.getEntriesByType('navigation').length);
  await page.getByRole('link', { name: 'Next page' }).click();
  await page.getByRole('heading', { name: title }).waitFor({ timeout: 10000 });
  assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation').length), loads, 'no page load');
}

/**
 * Accepts in the banner, then follows the link to `next`: the choice's gated script runs once on
 * this page and once on the next, where "Privacy choices" is the only widget.
 * @param {import('playwright-core').Page} page @param {string} next
 */
async function acceptThenFollow(page, next) {
  await page.locator('carat-consent [part~="banner"] [part~="accept"]').click();
  await page.waitForFunction(() => window.gatedRuns?.length === 1, null, { timeout: 10000 });
  await follow(page, next);
  await page.waitForFunction(() => window.gatedRuns?.length === 2, null, { timeout: 10000 });
  await page.locator('carat-consent [part~="reopen"]').waitFor({ timeout: 10000 });
  assert.deepEqual(await widgets(page), ['reopen']);
}

/**
 * Goes back to the page headed `title`, from the library's own copy of it, and finds one widget
 * there, with the visitor's choice. @param {import('playwright-core').Page} page @param {string} title
 */
async function backToOneWidget(page, title) {
  await page.goBack();
  await page.getByRole('heading', { name: title }).waitFor({ timeout: 10000 });
  await page.locator('carat-consent [part~="reopen"]').waitFor({ timeout: 10000 });
  await page.waitForTimeout(300);
  assert.deepEqual(await widgets(page), ['reopen']);
}

describe('Turbo Drive: a new <body> on every click', () => {
  it('keeps the banner on every page until the visitor chooses, then runs each page\'s gated script once', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const seen = watchPage(page);
    try {
      await page.goto(`${shop.origin}/turbo/`);
      await page.locator('carat-consent [part~="banner"]').waitFor({ timeout: 10000 });
      await follow(page, 'Rings');
      await page.locator('carat-consent [part~="banner"]').waitFor({ timeout: 10000 });
      assert.deepEqual(await widgets(page), ['banner']);
      assert.equal(await page.evaluate(() => window.gatedRuns), undefined, 'nothing ran before a choice');

      await acceptThenFollow(page, 'Earrings');
      // Back, from Turbo's snapshot of the page.
      await backToOneWidget(page, 'Rings');
      // Turbo runs a page's body scripts each time it shows the page, from its snapshot too: a
      // granted gated script runs as they do (the first time on the choice), never once more.
      assert.deepEqual(await page.evaluate(() => [window.plainRuns, window.gatedRuns]), [
        ['Home', 'Rings', 'Earrings', 'Rings'],
        ['Rings', 'Earrings', 'Rings'],
      ]);

      await page.locator('carat-consent [part~="reopen"]').click();
      await page.getByRole('dialog', { name: 'Privacy preferences' }).waitFor({ timeout: 10000 });
      assert.deepEqual(seen.errors, []);
    } finally {
      await context.close();
    }
  });
});

describe("htmx's hx-boost: the <body>'s content replaced on every click", () => {
  it('keeps one widget on every page, also one the back button brings back from the history cache', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const seen = watchPage(page);
    try {
      await page.goto(`${shop.origin}/htmx/`);
      await acceptThenFollow(page, 'Rings');
      // htmx puts back the page's content as it left it, a copy of the widget included.
      await backToOneWidget(page, 'Home');
      const [plain, gated] = await page.evaluate(() => [window.plainRuns, window.gatedRuns]);
      assert.deepEqual(gated, plain, 'a granted gated script runs as the page\'s own scripts do');
      assert.deepEqual(await page.evaluate(() => window.CaratConsent.getConsent().then((record) => record?.method)), 'accept-all');

      // The copies htmx brought back were started, then removed: none of them may act on a choice.
      const updates = () => page.evaluate(() => window.dataLayer.filter((entry) => entry[0] === 'consent' && entry[1] === 'update').length);
      const before = await updates();
      await page.evaluate(() => window.CaratConsent.rejectAll());
      await page.waitForTimeout(500);
      assert.equal(await updates(), before + 1, 'one Consent Mode update for one choice');
      assert.deepEqual(seen.errors, []);
    } finally {
      await context.close();
    }
  });
});
