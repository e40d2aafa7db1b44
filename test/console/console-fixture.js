// The console's tests share one collector over one seeded store (a SQLite file, or a PostgreSQL
// database when `postgres-suite.js` runs them), and one Chromium.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromeArgs, chromePath } from '../../scripts/chrome.js';
import { emailHistory, fakeRecords, seedPostgres, seedRecords } from '../../scripts/seed-records.js';
import { startCollector, tempStore } from '../server/collector.js';

export const TOKEN = 'console-test-token';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

/**
 * A shop on localhost (a secure context, allowed to call the loopback collector): `/` is the page
 * `body()` gives at the time, `/dist/` the built widget, `/privacy.md` a short policy.
 * @param {() => string} body
 */
export async function startShop(body) {
  const types = /** @type {Record<string, string>} */ ({ '.js': 'text/javascript', '.md': 'text/markdown' });
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/') return response.writeHead(200, { 'content-type': 'text/html' }).end(body());
    if (path === '/privacy.md') return response.writeHead(200, { 'content-type': types['.md'] }).end('# Privacy\n\nWe count visits.');
    if (path.startsWith('/dist/') && !path.includes('..')) {
      try {
        return response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' })
          .end(readFileSync(join(dist, path.slice('/dist/'.length))));
      } catch {
        // Falls through to the 404.
      }
    }
    response.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, 'localhost', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { url: `http://localhost:${port}`, stop: () => new Promise((resolve) => server.close(resolve)) };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Today and the days before it (UTC), as the collector counts them. @param {number} back */
export const day = (back = 0) => new Date(Date.now() - back * 86400000).toISOString().slice(0, 10);

/** Seeds a store, starts the collector on it and a browser beside it. */
export async function startConsole() {
  const store = await tempStore();
  const seeded = [...fakeRecords({ count: 400, days: 10, lastDay: day(0), services: true, seed: 7 })];
  const history = emailHistory();
  let shopPage = '';
  const shop = await startShop(() => shopPage);
  if (store.url) await seedPostgres(store.url, [...seeded, ...history]);
  else seedRecords(store.env.CONSENT_DB ?? '', [...seeded, ...history]);
  const collector = await startCollector({
    ...store.env,
    CONSENT_ADMIN_TOKEN: TOKEN,
    ALLOWED_ORIGINS: shop.url,
    RATE_LIMIT_PER_MINUTE: '100000',
  });
  const browser = await chromium.launch({ executablePath: chromePath, args: chromeArgs });
  return {
    url: collector.url,
    records: [...seeded, ...history],
    history,
    browser,
    /** The shop, serving `html` as its page from now on. @param {string} html */
    shopWith(html) {
      shopPage = html;
      return shop.url;
    },
    /**
     * A new browser context (own cookies) on the console, under the console's own CSP.
     * @param {'light' | 'dark'} [colorScheme]
     */
    async open(colorScheme = 'light') {
      const context = await browser.newContext({ colorScheme, viewport: { width: 1200, height: 900 }, acceptDownloads: true });
      const page = await context.newPage();
      const errors = /** @type {string[]} */ ([]);
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${collector.url}/admin/`);
      return { context, page, errors };
    },
    /** @param {import('playwright-core').Page} page */
    async signIn(page, token = TOKEN) {
      await page.getByLabel('Admin token').fill(token);
      await page.getByRole('button', { name: 'Sign in' }).click();
    },
    /** axe's violations on the page as it is now. @param {import('playwright-core').Page} page */
    async violations(page) {
      // Evaluated through the DevTools protocol: the console's CSP allows no inline script tag.
      if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
      const result = await page.evaluate(() => /** @type {any} */ (window).axe.run(document, { resultTypes: ['violations'] }));
      return /** @type {{ id: string, nodes: { target: unknown }[] }[]} */ (result.violations).map(
        (v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`,
      );
    },
    async stop() {
      await browser.close();
      await collector.stop();
      await shop.stop();
      await store.remove();
    },
  };
}
