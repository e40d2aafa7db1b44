import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TOKEN, day, startConsole } from './console-fixture.js';
import { WORDINGS } from '../../scripts/seed-records.js';
import { makeRecord, post, startCollector, tempStore } from '../server/collector.js';

describe('the console at /admin/', { timeout: 120000 }, () => {
  /** @type {Awaited<ReturnType<typeof startConsole>>} */
  let console_;
  before(async () => {
    console_ = await startConsole();
  });
  after(() => console_.stop());

  /** Counts of the seeded records received in [from, to] by `key`. */
  const countBy = (/** @type {string} */ from, /** @type {string} */ to, /** @type {(r: any) => string} */ key) => {
    /** @type {Record<string, number>} */
    const counts = {};
    for (const { record, receivedAt } of console_.records) {
      const date = receivedAt.slice(0, 10);
      if (date >= from && date <= to) counts[key(record)] = (counts[key(record)] ?? 0) + 1;
    }
    return counts;
  };

  it('answers 401 on every admin route without a session or token, and its page holds no data', async () => {
    const id = console_.history[0]?.record.id;
    for (const path of ['/api/stats', '/api/admin/session', `/api/consent/${id}`, '/api/consent?email=grete@mail.example',
      '/api/consent/export.csv']) {
      assert.equal((await fetch(`${console_.url}${path}`)).status, 401, path);
      const wrongCookie = await fetch(`${console_.url}${path}`, { headers: { cookie: 'carat-admin=4102444800000.abc.forged' } });
      assert.equal(wrongCookie.status, 401, `${path} with a forged cookie`);
    }
    const page = await fetch(`${console_.url}/admin/`);
    assert.equal(page.status, 200);
    assert.doesNotMatch(await page.text(), /grete|accept-all/);
  });

  it('refuses a wrong token with a message in the page and sets no cookie', async () => {
    const { context, page } = await console_.open();
    await console_.signIn(page, 'not-the-token');
    await page.getByRole('alert').filter({ hasText: 'That is not the admin token' }).waitFor();
    assert.deepEqual(await context.cookies(), []);
    await context.close();
  });

  it('signs in with an HttpOnly, SameSite=Strict session cookie that expires, and signs out', async () => {
    const { context, page } = await console_.open();
    await console_.signIn(page);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const [cookie] = await context.cookies();
    assert.equal(cookie?.name, 'carat-admin');
    assert.equal(cookie?.httpOnly, true);
    assert.equal(cookie?.sameSite, 'Strict');
    assert.equal(cookie?.secure, false, 'plain http: a Secure cookie would not be sent back');
    const hours = ((cookie?.expires ?? 0) * 1000 - Date.now()) / 3600000;
    assert.ok(hours > 7.9 && hours <= 8, `expires in ${hours} hours`);
    assert.equal(await page.evaluate(() => document.cookie), '', 'not readable by scripts');
    // The same cookie sent from elsewhere (a script, not the console) still opens the admin routes.
    const withCookie = await fetch(`${console_.url}/api/stats`, { headers: { cookie: `carat-admin=${cookie?.value}` } });
    assert.equal(withCookie.status, 200);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the consent console' }).waitFor();
    const afterSignOut = await fetch(`${console_.url}/api/stats`, { headers: { cookie: `carat-admin=${cookie?.value}` } });
    assert.equal(afterSignOut.status, 401, 'a signed-out session is revoked, not only forgotten by the browser');
    await context.close();
  });

  it('keeps bearer tokens working, and refuses sign-in posted from another site', async () => {
    const stats = await fetch(`${console_.url}/api/stats`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(stats.status, 200);
    const crossSite = await fetch(`${console_.url}/api/admin/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ token: TOKEN }),
    });
    assert.equal(crossSite.status, 403);
    assert.equal(crossSite.headers.get('set-cookie'), null);
  });

  it('shows overview numbers equal to the seeded counts, chart by chart as tables', async () => {
    const { context, page } = await console_.open();
    await console_.signIn(page);
    const from = day(9);
    const to = day(0);
    await page.getByLabel('From').fill(from);
    await page.getByLabel('To').fill(to);
    await page.getByRole('button', { name: 'Show' }).click();
    const methods = countBy(from, to, (r) => r.method);
    const total = Object.values(methods).reduce((a, b) => a + b, 0);
    const choices = page.locator('console-overview dl div').filter({ hasText: 'Choices' }).locator('dd');
    await assert.doesNotReject(choices.filter({ hasText: String(total) }).waitFor());
    const acceptShare = ((100 * (methods['accept-all'] ?? 0)) / total).toFixed(1).replace(/\.0$/, '');
    assert.equal(await page.locator('dl div').filter({ hasText: 'Accept all' }).locator('dd').textContent(), `${acceptShare} %`);
    // The share bars are sized under the console's CSP, which refuses inline style attributes.
    const bars = await page.locator('console-overview .bar').evaluateAll((spans) => spans.map((s) => s.getBoundingClientRect().width));
    assert.ok(bars.length > 0 && bars.some((width) => width > 0), `share bars ${bars.join(', ')}`);

    const chart = page.locator('console-chart[heading="Choices per day by method"]');
    await chart.getByText('Show the numbers').click();
    const table = chart.getByRole('table');
    for (const date of [day(0), day(4), day(9)]) {
      const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: date }) });
      const cells = await row.getByRole('cell').allTextContents();
      const onDay = countBy(date, date, (r) => r.method);
      assert.deepEqual(cells.slice(0, 4).map(Number), ['accept-all', 'reject-all', 'custom', 'withdraw'].map((m) => onDay[m] ?? 0), date);
    }
    const languages = countBy(from, to, (r) => r.language);
    const de = page.getByRole('table').filter({ hasText: 'Language' }).getByRole('row').filter({ hasText: 'de' });
    assert.equal(await de.getByRole('cell').first().textContent(), String(languages.de));
    await context.close();
  });

  it('says so when a range is reversed or too long, and when it holds no record', async () => {
    const { context, page } = await console_.open();
    await console_.signIn(page);
    await page.getByLabel('From').fill(day(0));
    await page.getByLabel('To').fill(day(5));
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('alert').filter({ hasText: `From (${day(0)}) is after to (${day(5)})` }).waitFor();
    await page.getByLabel('From').fill('2001-01-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('alert').filter({ hasText: 'ask for at most 731' }).waitFor();
    await page.getByLabel('From').fill('2020-01-01');
    await page.getByLabel('To').fill('2020-01-31');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('No choices were recorded from 2020-01-01 to 2020-01-31').waitFor();
    await context.close();
  });

  it('shows policy versions and categories named as members of Object.prototype as plain counts and rates', async () => {
    const store = await tempStore();
    const collector = await startCollector({ ...store.env, CONSENT_ADMIN_TOKEN: TOKEN });
    const context = await console_.browser.newContext();
    try {
      const versions = ['constructor', 'toString', 'hasOwnProperty', '__proto__'];
      const categories = { necessary: true, analytics: false, marketing: false, preferences: false, constructor: true };
      for (const policyVersion of versions) {
        assert.equal((await post(`${collector.url}/api/consent`, makeRecord({ policyVersion, categories }))).status, 201);
      }
      const page = await context.newPage();
      await page.goto(`${collector.url}/admin/`);
      await console_.signIn(page);
      const table = page.getByRole('table').filter({ hasText: 'Policy version' });
      for (const version of versions) {
        const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: version, exact: true }) });
        await row.waitFor();
        assert.deepEqual(await row.getByRole('cell').allTextContents(), ['1', '25 %'], version);
      }
      // The range shown holds days without records: there the category "constructor" has no rate.
      const chart = page.locator('console-chart[heading="Opt-in rate per category"]');
      await chart.getByText('Show the numbers').click();
      await chart.getByRole('columnheader', { name: 'constructor' }).waitFor();
      const rates = await chart.getByRole('cell').allTextContents();
      assert.deepEqual(rates.filter((rate) => !/^(–|\d+(\.\d)? %)$/.test(rate)), []);
    } finally {
      await context.close();
      await collector.stop();
      await store.remove();
    }
  });

  it('redirects /admin to /admin/', async () => {
    const response = await fetch(`${console_.url}/admin`, { redirect: 'manual' });
    assert.ok([301, 302].includes(response.status), String(response.status));
    assert.equal(response.headers.get('location'), '/admin/');
  });

  it('finds the whole history by e-mail address with the archived wording, and prints it as an exhibit', async () => {
    const { context, page } = await console_.open();
    await console_.signIn(page);
    await page.getByRole('link', { name: 'Proof' }).click();
    await page.getByLabel('E-mail address, visitor id or consent id').fill('Grete@Mail.example');
    await page.getByRole('button', { name: 'Search' }).click();
    const records = page.locator('console-proof article');
    await page.getByRole('heading', { name: /History: 3 records/ }).waitFor();
    assert.equal(await records.count(), 3);
    assert.match(await records.nth(0).getByRole('heading').textContent() ?? '', /^1\. Promotional e-mail granted — /);
    assert.match(await records.nth(0).textContent() ?? '', /MethodAccept all/);
    assert.match(await records.nth(0).textContent() ?? '', /Outcomewithdrawn .* before it was confirmed/);
    assert.match(await records.nth(0).textContent() ?? '', /: the chain verifies up to here/);
    assert.match(await records.nth(2).getByRole('heading').textContent() ?? '', /^3\. Promotional e-mail withdrawn — /);
    assert.match(await page.locator('console-proof .standing').innerText(), /Promotional e-mail\s+withdrawn since .*\s+Chain\s+verified from its first record to its head/);
    const printable = page.getByRole('link', { name: 'The proof file as a page (HTML)' });
    assert.equal(await printable.getAttribute('href'), '/api/consent/proof.html?email=Grete%40Mail.example');
    const [proofPage] = await Promise.all([context.waitForEvent('page'), printable.click()]);
    await proofPage.getByRole('heading', { level: 1, name: 'Proof of consent to promotional e-mail: Grete@Mail.example' }).waitFor();
    await proofPage.close();
    for (let i = 0; i < 3; i++) {
      assert.equal(await records.nth(i).locator('pre.wording').textContent(), WORDINGS.de);
      assert.equal(await records.nth(i).locator('blockquote.wording').textContent(), WORDINGS.de.split('\n').at(-1));
      assert.match(await records.nth(i).textContent() ?? '', new RegExp(console_.history[i]?.record.id ?? 'x'));
    }

    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header').isVisible(), false, 'the navigation is not printed');
    assert.equal(await page.getByRole('button', { name: 'Print as an exhibit' }).isVisible(), false);
    const exhibit = page.locator('console-proof .exhibit');
    assert.match(await exhibit.innerText(), /Site: https:\/\/clustercarat\.example/);
    assert.match(await exhibit.innerText(), /Searched for: Grete@Mail\.example/);
    assert.match(await exhibit.innerText(), new RegExp(`Printed: ${day(0)} \\d\\d:\\d\\d:\\d\\d UTC`));
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    assert.equal(pdf.subarray(0, 4).toString(), '%PDF');
    const pages = [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)];
    assert.ok(pages.length >= 1);
    for (const [, width, height] of pages) {
      assert.ok(Math.abs(Number(width) - 595) < 2 && Math.abs(Number(height) - 842) < 2, `A4 is 595 × 842 pt, not ${width} × ${height}`);
    }
    await context.close();
  });

  it('finds a history by consent id and says so when nothing matches or the input is no id', async () => {
    const { context, page } = await console_.open();
    await console_.signIn(page);
    const second = console_.history[1]?.record;
    await page.goto(`${console_.url}/admin/#proof?q=${second?.id}`);
    await page.getByRole('heading', { name: /History: 3 records/ }).waitFor();
    assert.equal(await page.locator('console-proof article.found').count(), 1);
    assert.match(await page.locator('console-proof article.found').textContent() ?? '', new RegExp(second?.id ?? 'x'));
    const search = page.getByLabel('E-mail address, visitor id or consent id');
    await search.fill('nobody@mail.example');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No record names the address nobody@mail.example.').waitFor();
    await search.fill('12345');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('alert').filter({ hasText: '"12345" is neither an e-mail address nor an id' }).waitFor();
    await context.close();
  });

  it('exports the range as CSV with one line per record', async () => {
    const { context, page } = await console_.open();
    await console_.signIn(page);
    await page.getByRole('link', { name: 'Export' }).click();
    const from = day(5);
    const to = day(1);
    await page.getByLabel('From').fill(from);
    await page.getByLabel('To').fill(to);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = readFileSync(/** @type {string} */ (await download.path()), 'utf8');
    const expected = Object.values(countBy(from, to, () => 'all'))[0];
    assert.equal(csv.trimEnd().split('\r\n').length, (expected ?? 0) + 1);
    assert.equal(download.suggestedFilename(), `consent-${from}-to-${to}.csv`);
    await page.getByRole('status').filter({ hasText: `Exported ${expected} records` }).waitFor();
    await page.getByLabel('From').fill(day(1));
    await page.getByLabel('To').fill(day(5));
    await page.getByRole('button', { name: 'Download CSV' }).click();
    await page.getByRole('alert').filter({ hasText: 'is after To' }).waitFor();
    await context.close();
  });

  it('writes an install snippet that works pasted into a shop, with the real widget previewed', async () => {
    const { context, page } = await console_.open();
    await console_.signIn(page);
    await page.getByRole('link', { name: 'Install' }).click();
    await page.getByLabel('Endpoint').fill('ftp://files.example');
    await page.getByText('"ftp://files.example" is not an http(s) address').waitFor();
    await page.getByLabel('Endpoint').fill(`${console_.url}/api/consent`);
    await page.getByLabel('Site name').fill('Pasted Shop');
    await page.getByLabel('marketing').uncheck();
    await page.getByLabel('Position').selectOption('box');
    const preview = page.frameLocator('iframe[title^="Preview"]');
    await preview.getByText('Pasted Shop').first().waitFor();
    const tag = await page.getByLabel('Script tag').inputValue();
    const config = await page.getByLabel('JSON config').inputValue();
    assert.match(tag, /data-site-name="Pasted Shop"/);
    assert.deepEqual(JSON.parse(config.replace(/^<script[^>]*>|<\/script>$/g, '')).categories, ['analytics', 'preferences']);

    const shop = await context.newPage();
    await shop.goto(console_.shopWith(`<!doctype html><html lang="en"><head>${config}${tag}</head><body><h1>Shop</h1></body></html>`));
    const delivered = shop.evaluate(() => new Promise((resolve) => {
      document.addEventListener('carat-consent:delivered', (event) => resolve(/** @type {CustomEvent} */ (event).detail.id));
    }));
    await shop.getByRole('button', { name: 'Accept all' }).click();
    const id = await delivered;
    const stored = await fetch(`${console_.url}/api/consent/${id}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(stored.status, 200);
    const { record } = await stored.json();
    assert.equal(record.categories.analytics, true);
    assert.equal(record.categories.marketing, false, 'not offered, so not granted by "Accept all"');
    await context.close();
  });

  for (const scheme of /** @type {const} */ (['light', 'dark'])) {
    it(`has no axe violations on any view in ${scheme}`, async () => {
      const { context, page, errors } = await console_.open(scheme);
      await page.getByRole('heading', { name: 'Sign in to the consent console' }).waitFor();
      assert.deepEqual(await console_.violations(page), [], 'sign-in');
      await console_.signIn(page, 'wrong');
      await page.getByRole('alert').waitFor();
      assert.deepEqual(await console_.violations(page), [], 'sign-in with an error');
      await console_.signIn(page);
      await page.locator('console-chart').first().waitFor();
      await page.locator('console-chart').first().getByText('Show the numbers').click();
      assert.deepEqual(await console_.violations(page), [], 'overview');
      await page.goto(`${console_.url}/admin/#proof?q=grete@mail.example`);
      await page.locator('console-proof article').first().waitFor();
      assert.deepEqual(await console_.violations(page), [], 'proof');
      await page.getByRole('link', { name: 'Export' }).click();
      await page.getByRole('heading', { name: 'Export' }).waitFor();
      assert.deepEqual(await console_.violations(page), [], 'export');
      await page.getByRole('link', { name: 'Install' }).click();
      await page.getByLabel('Script tag').waitFor();
      assert.deepEqual(await console_.violations(page), [], 'install');
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});

describe('console sign-in', () => {
  /** Signs in at a collector as the console's form does. @param {{ url: string }} collector @param {string} token */
  const signInAt = (collector, token) => fetch(`${collector.url}/api/admin/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }),
  });

  it('is refused for a while after ten wrong tokens from one network', async () => {
    const store = await tempStore();
    const collector = await startCollector({ ...store.env, CONSENT_ADMIN_TOKEN: TOKEN });
    try {
      const signIn = (/** @type {string} */ token) => signInAt(collector, token);
      for (let i = 0; i < 10; i++) assert.equal((await signIn('guess')).status, 401);
      const refused = await signIn(TOKEN);
      assert.equal(refused.status, 429, 'even the right token waits: the guesser must not learn it');
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      assert.match((await refused.json()).error, /too many wrong admin tokens/);
    } finally {
      await collector.stop();
      await store.remove();
    }
  });

  it('clears a session cookie from before a restart without counting it as a wrong token', async () => {
    const store = await tempStore();
    let collector = await startCollector({ ...store.env, CONSENT_ADMIN_TOKEN: TOKEN });
    try {
      const signIn = (/** @type {string} */ token) => signInAt(collector, token);
      const cookie = (await signIn(TOKEN)).headers.get('set-cookie')?.split(';')[0] ?? '';
      await collector.stop();
      collector = await startCollector({ ...store.env, CONSENT_ADMIN_TOKEN: TOKEN });
      // The console asks on every load; its owner may reload more often than the guesses allowed.
      for (let i = 0; i < 12; i++) {
        const load = await fetch(`${collector.url}/api/admin/session`, { headers: { cookie } });
        assert.equal(load.status, 401);
        assert.match(load.headers.get('set-cookie') ?? '', /^carat-admin=; Path=\/; Max-Age=0;/);
      }
      assert.equal((await signIn(TOKEN)).status, 200);
      const withBearer = (/** @type {string} */ token) => fetch(`${collector.url}/api/admin/session`, { headers: { authorization: `Bearer ${token}` } });
      for (let i = 0; i < 10; i++) assert.equal((await withBearer('guess')).status, 401);
      assert.equal((await withBearer(TOKEN)).status, 429, 'wrong tokens still count');
    } finally {
      await collector.stop();
      await store.remove();
    }
  });
});
