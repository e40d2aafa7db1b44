// The pipeline's pure steps, without a browser: options, crawl, classification against the real
// registry. Bundled from src/ by esbuild as the CLI is, into a temporary folder.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions } from '../build.mjs';

const src = (file) => fileURLToPath(new URL(`../src/${file}`, import.meta.url));
let dir;
let crawl;
let options;
let classify;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'carat-scan-pipeline-'));
  await build({ ...bundleOptions, entryPoints: { crawl: src('crawl.ts'), options: src('options.ts'), classify: src('classify.ts') }, outdir: dir });
  const load = (name) => import(pathToFileURL(join(dir, `${name}.js`)).href);
  [crawl, options, classify] = await Promise.all([load('crawl'), load('options'), load('classify')]);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('options', () => {
  test('defaults as the README says, and a bare host means https', () => {
    const parsed = options.parseOptions(['shop.example']);
    assert.equal(parsed.url.href, 'https://shop.example/');
    assert.deepEqual({ ...parsed, url: undefined }, {
      url: undefined, pages: 10, json: false, html: null, concurrency: 2, pageTimeoutMs: 30000, totalTimeoutMs: 300000,
    });
    assert.equal(options.parseOptions(['--pages=3', 'http://a.example/#x', '--json']).url.href, 'http://a.example/');
  });

  test('each mistake names the option and the value', () => {
    assert.throws(() => options.parseOptions(['https://a.example', '--concurrency', '0']), /--concurrency wants a whole number of at least 1, got "0"/);
    assert.throws(() => options.parseOptions(['https://a.example', '--fast']), /unknown option --fast/);
    assert.throws(() => options.parseOptions(['javascript:alert(1)']), /is not an http\(s\) URL/);
    assert.throws(() => options.parseOptions([]), /which shop\?/);
    assert.equal(options.parseOptions(['--help']), null);
  });
});

describe('crawl', () => {
  test('follows only pages of the shop, without fragments', () => {
    const origin = 'https://shop.example';
    assert.equal(crawl.samePage('/rings?page=2#top', `${origin}/`, origin), `${origin}/rings?page=2`);
    assert.equal(crawl.samePage('https://other.example/', `${origin}/`, origin), null);
    assert.equal(crawl.samePage('/catalogue.pdf', `${origin}/`, origin), null);
    assert.equal(crawl.samePage('mailto:a@shop.example', `${origin}/`, origin), null);
  });

  test('reads a sitemap index one level down, entities decoded', async () => {
    const files = {
      'https://shop.example/sitemap.xml': '<sitemapindex><sitemap><loc>https://shop.example/pages.xml</loc></sitemap><sitemap><loc>https://cdn.example/x.xml</loc></sitemap></sitemapindex>',
      'https://shop.example/pages.xml': '<urlset><url><loc> https://shop.example/a?x=1&amp;y=2 </loc></url><url><loc>https://elsewhere.example/</loc></url></urlset>',
    };
    const asked = [];
    const pages = await crawl.sitemapPages('https://shop.example', async (url) => (asked.push(url), files[url] ?? null));
    assert.deepEqual(pages, ['https://shop.example/a?x=1&y=2']);
    assert.deepEqual(asked, ['https://shop.example/sitemap.xml', 'https://shop.example/pages.xml']);
  });

  test('the queue keeps each page once and stops at the limit', () => {
    const queue = new crawl.CrawlQueue(2);
    queue.add(['a', 'b', 'a', 'c']);
    assert.deepEqual([queue.next(), queue.next(), queue.next()], ['a', 'b', undefined]);
    assert.equal(queue.planned, 2);
    assert.equal(queue.position('b'), 1);
  });
});

describe('classify', () => {
  const page = 'https://shop.example/';
  const cookie = (name, party = 'first') => ({ page, name, domain: party === 'first' ? 'shop.example' : '.tracker.example', path: '/', expires: 'session', party });
  const request = (url) => ({ page, host: new URL(url).host, url });
  const scanOf = (before, { afterReject = {}, afterAccept = {}, config = null, consentToolOrigins = [] } = {}) => ({
    page,
    banner: { found: true, cmp: 'carat-consent' },
    phases: {
      before: { cookies: [], storage: [], requests: [], ...before },
      afterReject: { cookies: [], storage: [], requests: [], ...afterReject },
      afterAccept: { cookies: [], storage: [], requests: [], ...afterAccept },
    },
    config,
    consentToolOrigins,
    links: [],
    screenshots: {},
    milliseconds: 0,
  });

  test('an unknown first-party cookie is undeclared, an unknown third-party one a violation', () => {
    const result = classify.classify([scanOf({ cookies: [cookie('cart_id'), cookie('uid', 'third')] })]);
    assert.deepEqual(result.violations, [{ rule: 'cookie-before-consent', page, name: 'uid' }]);
    assert.deepEqual(result.undeclared.map((u) => u.name), ['cart_id', 'uid']);
  });

  test("a consent tool's own state and a necessary service are never violations", () => {
    const result = classify.classify([
      scanOf(
        { cookies: [cookie('cc_cookie'), cookie('_GRECAPTCHA', 'third')], requests: [request('https://www.google.com/recaptcha/api.js'), request('https://cdn.example/carat-consent.js')] },
        { consentToolOrigins: ['https://cdn.example'] },
      ),
    ]);
    assert.deepEqual(result.violations, []);
  });

  test('a known service is named, its host too; after "Accept all" nothing is a violation', () => {
    const result = classify.classify([
      scanOf(
        { requests: [request('https://connect.facebook.net/en_US/fbevents.js')] },
        { afterReject: { storage: [{ page, name: '_hjid', area: 'localStorage' }] }, afterAccept: { cookies: [cookie('_ga')] } },
      ),
    ]);
    assert.deepEqual(result.violations.map((v) => [v.rule, v.service]), [['request-before-consent', 'meta-pixel']]);
    assert.deepEqual(result.services, ['google-analytics', 'meta-pixel']);
  });

  test('what the config declares is not undeclared, and its services stay first in the block', () => {
    const config = { services: ['meta-pixel', { id: 'loyalty', name: 'Loyalty', category: 'marketing', cookies: [{ name: 'loy_*' }] }], cookies: { analytics: ['ab_test'] }, localStorage: {} };
    const result = classify.classify([scanOf({}, { config, afterAccept: { cookies: [cookie('_fbp'), cookie('loy_1'), cookie('ab_test'), cookie('_ga')] } })]);
    assert.deepEqual(result.undeclared.map((u) => u.name), ['_ga']);
    assert.deepEqual(result.services, config.services.concat('google-analytics'));
  });
});
