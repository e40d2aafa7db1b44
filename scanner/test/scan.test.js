// The scanner as a shop owner runs it: the built CLI in a child process, real Chromium, test shops
// served on their own origins (tests/shops.js) with a third party on another host name and port.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { startShops } from './shops.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Runs `carat-consent-scan ARGS`; resolves to its exit status and output. */
export function scan(args, { env = process.env, cwd, command = [process.execPath, cli] } = {}) {
  return new Promise((resolve) => {
    execFile(command[0], [...command.slice(1), ...args], { env, cwd, maxBuffer: 64e6 }, (error, stdout, stderr) => {
      resolve({ status: error ? error.code : 0, stdout, stderr });
    });
  });
}

/** SPEC §8's `--json` shape. */
const entry = (props, required) => ({ type: 'object', required: ['page', ...required], properties: { page: { type: 'string' }, ...props } });
const phase = {
  type: 'object',
  required: ['cookies', 'storage', 'requests'],
  properties: {
    cookies: {
      type: 'array',
      items: entry(
        { name: { type: 'string' }, domain: { type: 'string' }, path: { type: 'string' }, expires: { type: 'string' }, party: { enum: ['first', 'third'] } },
        ['name', 'domain', 'expires', 'party'],
      ),
    },
    storage: { type: 'array', items: entry({ name: { type: 'string' }, area: { enum: ['localStorage', 'sessionStorage'] } }, ['name']) },
    requests: { type: 'array', items: entry({ host: { type: 'string' }, url: { type: 'string' } }, ['host']) },
  },
};
const reportSchema = {
  type: 'object',
  required: ['url', 'pages', 'banner', 'phases', 'violations', 'undeclared', 'services'],
  properties: {
    url: { type: 'string' },
    pages: { type: 'array', items: { type: 'string' } },
    banner: { type: 'object', required: ['found', 'cmp'], properties: { found: { type: 'boolean' }, cmp: { type: ['string', 'null'] } } },
    phases: { type: 'object', required: ['before', 'afterReject', 'afterAccept'], additionalProperties: false, properties: { before: phase, afterReject: phase, afterAccept: phase } },
    violations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['rule', 'page'],
        oneOf: [{ required: ['name'] }, { required: ['host'] }],
        properties: {
          rule: { enum: ['cookie-before-consent', 'request-before-consent', 'cookie-after-reject', 'request-after-reject'] },
          page: { type: 'string' },
          name: { type: 'string' },
          host: { type: 'string' },
          service: { type: 'string' },
          category: { type: 'string' },
        },
      },
    },
    undeclared: { type: 'array', items: { type: 'object', required: ['page'] } },
    services: {
      type: 'array',
      items: { oneOf: [{ type: 'string', pattern: '^[a-z][a-z0-9-]*$' }, { type: 'object', required: ['id', 'name', 'category'] }] },
    },
  },
};

let shops;
before(async () => {
  shops = await startShops();
});
after(() => shops.close());

describe('a leaky shop on carat-consent', () => {
  let result;
  let report;
  let htmlFile;
  let dir;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'carat-scan-'));
    htmlFile = join(dir, 'report.html');
    // Three pages: the start page, the page it links to, then the first sitemap page; contact.html (sitemap) is left out.
    result = await scan([`${shops.leaky}/`, '--pages', '3', '--json', '--html', htmlFile]);
    report = JSON.parse(result.stdout);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('exits 1 and prints one JSON object in the shape of SPEC §8', () => {
    assert.equal(result.status, 1, result.stderr);
    const validate = new Ajv({ allErrors: true }).compile(reportSchema);
    assert.ok(validate(report), JSON.stringify(validate.errors));
  });

  test('crawls the linked page and the sitemap, no further than --pages, and stays on the shop', () => {
    assert.deepEqual(report.pages, [`${shops.leaky}/`, `${shops.leaky}/product.html`, `${shops.leaky}/about.html`]);
    assert.match(result.stderr, /\[3\/3\]/);
  });

  test('finds carat-consent and answers it through its API', () => {
    assert.deepEqual(report.banner, { found: true, cmp: 'carat-consent' });
    const names = (phase) => [...new Set(report.phases[phase].cookies.map((c) => c.name))].sort();
    assert.deepEqual(names('before'), ['_fbp', '_hjSessionUser_1', 'shop_session']);
    // "Reject all" cleared the marketing cookie; the gated analytics script ran only after "Accept all".
    // carat_consent_hint is the widget's own hint of the stored choice, necessary and never a leak.
    assert.deepEqual(names('afterReject'), ['_hjSessionUser_1', 'carat_consent_hint', 'shop_session']);
    assert.deepEqual(names('afterAccept'), ['_fbp', '_ga', '_hjSessionUser_1', 'carat_consent_hint', 'shop_session']);
    const ga = report.phases.afterAccept.cookies.find((c) => c.name === '_ga');
    assert.equal(ga.party, 'first');
    assert.equal(ga.service, 'google-analytics');
    // Two years asked; Chromium keeps a cookie at most 400 days.
    assert.ok(Date.parse(ga.expires) > Date.now() + 390 * 86400e3, ga.expires);
    assert.equal(report.phases.before.cookies.find((c) => c.name === 'shop_session').expires, 'session');
  });

  test('reports exactly the leaks, each on its page', () => {
    const home = `${shops.leaky}/`;
    const product = `${shops.leaky}/product.html`;
    const host = new URL(shops.thirdParty).host;
    const hotjar = { name: '_hjSessionUser_1', service: 'hotjar', category: 'analytics' };
    assert.deepEqual(report.violations, [
      { rule: 'cookie-before-consent', page: home, name: '_fbp', service: 'meta-pixel', category: 'marketing' },
      { rule: 'request-after-reject', page: home, host },
      { rule: 'cookie-before-consent', page: product, ...hotjar },
      { rule: 'request-before-consent', page: product, host },
      { rule: 'cookie-after-reject', page: product, ...hotjar },
      { rule: 'request-after-reject', page: product, host },
    ]);
  });

  test('lists what the config does not declare, and a services block to paste', () => {
    const host = new URL(shops.thirdParty).host;
    assert.deepEqual(report.undeclared, [
      { kind: 'cookie', page: `${shops.leaky}/`, name: 'shop_session' },
      { kind: 'cookie', page: `${shops.leaky}/`, name: '_fbp', service: 'meta-pixel', category: 'marketing' },
      { kind: 'request', page: `${shops.leaky}/`, host },
      { kind: 'cookie', page: `${shops.leaky}/product.html`, name: '_hjSessionUser_1', service: 'hotjar', category: 'analytics' },
    ]);
    // google-analytics is declared already and kept; the others are what the scan found.
    assert.deepEqual(report.services, ['google-analytics', 'hotjar', 'meta-pixel']);
  });

  test('writes an HTML report with a screenshot of each phase', () => {
    const html = readFileSync(htmlFile, 'utf8');
    assert.equal(html.match(/<img src="data:image\/jpeg;base64,/g)?.length, 9);
    assert.match(html, /request-after-reject/);
    assert.match(html, /&#34;hotjar&#34;/);
  });
});

test('a shop on vanilla-cookieconsent is found and answered through autoconsent', async () => {
  const { status, stdout, stderr } = await scan([`${shops.cookieconsent}/`, '--json']);
  assert.equal(status, 0, stderr);
  const report = JSON.parse(stdout);
  assert.deepEqual(report.banner, { found: true, cmp: 'cookieconsent3' });
  const names = (phase) => report.phases[phase].cookies.map((c) => c.name).sort();
  assert.deepEqual(names('before'), []);
  // cc_cookie keeps the refusal: the consent tool's own, so no violation.
  assert.deepEqual(names('afterReject'), ['cc_cookie']);
  assert.deepEqual(names('afterAccept'), ['_ga', 'cc_cookie']);
  assert.deepEqual(report.violations, []);
  assert.deepEqual(report.services, ['google-analytics']);
  // One page among several that cannot be scanned is listed with the reason; the rest is reported.
  assert.deepEqual(report.pages, [`${shops.cookieconsent}/`]);
  assert.deepEqual(report.notScanned, [{ page: `${shops.cookieconsent}/gone.html`, reason: `${shops.cookieconsent}/gone.html answered HTTP 404` }]);
});

test('the demo shop scans clean: exit 0 and a summary that says so', async () => {
  const { status, stdout, stderr } = await scan([`${shops.demo}/`, '--pages', '3']);
  assert.equal(status, 0, stderr);
  assert.match(stdout, /3 pages scanned in [\d.]+ s; consent banner: carat-consent/);
  assert.match(stdout, /No violations/);
  assert.doesNotMatch(stdout, /Not declared/);
});

describe('a shop that cannot be scanned exits 2 with one line', { concurrency: true }, () => {
  test('nothing listening', async () => {
    const url = await shops.unreachable();
    const { status, stdout, stderr } = await scan([url]);
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.equal(stderr, `carat-consent-scan: cannot reach ${url}/: connection refused\n`);
  });

  test('a shop that never answers', async () => {
    const { status, stderr } = await scan([`${shops.hanging}/`, '--timeout', '2']);
    assert.equal(status, 2);
    assert.equal(stderr, `carat-consent-scan: cannot reach ${shops.hanging}/: no answer within 2 s\n`);
  });

  test('not an http(s) URL', async () => {
    const { status, stderr } = await scan(['ftp://shop.example/']);
    assert.equal(status, 2);
    assert.equal(stderr, 'carat-consent-scan: URL "ftp://shop.example/" is not an http(s) URL\n');
  });

  test('a bad option value', async () => {
    const { status, stderr } = await scan([`${shops.leaky}/`, '--pages', 'lots']);
    assert.equal(status, 2);
    assert.equal(stderr, 'carat-consent-scan: --pages wants a whole number of at least 1, got "lots"\n');
  });

  test('no Chromium', async () => {
    const { status, stderr } = await scan([`${shops.leaky}/`], { env: { ...process.env, CHROME_PATH: '/nonexistent/chromium' } });
    assert.equal(status, 2);
    assert.match(stderr, /^carat-consent-scan: no Chromium at \/nonexistent\/chromium: install it \(apt-get install chromium\) or set CHROME_PATH[^\n]*\n$/);
  });
});

test('the packed package installs into an empty folder and scans on its own', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'carat-scan-pack-'));
  try {
    const npm = (args, cwd) =>
      new Promise((resolve, reject) => {
        execFile('npm', args, { cwd, maxBuffer: 64e6 }, (error, stdout, stderr) => (error ? reject(new Error(`npm ${args.join(' ')}: ${stderr}`)) : resolve(stdout)));
      });
    await npm(['pack', '--silent', '--pack-destination', dir], fileURLToPath(new URL('..', import.meta.url)));
    const tarball = readdirSync(dir).find((file) => file.endsWith('.tgz'));
    const app = join(dir, 'app');
    mkdirSync(app);
    await npm(['init', '-y'], app);
    await npm(['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, tarball)], app);
    const { status, stdout, stderr } = await scan([`${shops.cookieconsent}/`, '--json'], { cwd: app, command: [join(app, 'node_modules', '.bin', 'carat-consent-scan')] });
    assert.equal(status, 0, stderr);
    const report = JSON.parse(stdout);
    assert.equal(report.banner.cmp, 'cookieconsent3');
    // The registry is bundled in: the packed scanner still knows _ga is Google Analytics.
    assert.deepEqual(report.services, ['google-analytics']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
