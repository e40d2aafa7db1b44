import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromePath, chromeArgs } from '../../scripts/chrome.js';
import { startCollector, tempDir } from '../server/collector.js';

/**
 * DuckDuckGo's autoconsent, driven the way its own Playwright runner (playwright/runner.ts) drives
 * it: its built content script evaluated in the page, messages through an exposed binding, and the
 * config with the rule this package ships. The page is the demo shop, served by the real collector.
 */
const require = createRequire(import.meta.url);
const packageDir = dirname(dirname(require.resolve('@duckduckgo/autoconsent/rules/rules.json')));
const contentScript = readFileSync(join(packageDir, 'dist/autoconsent.playwright.js'), 'utf8');
const rule = JSON.parse(readFileSync(new URL('../../integrations/autoconsent/carat-consent.json', import.meta.url), 'utf8'));

/**
 * Visits `url` with autoconsent set to `autoAction`, runs its self-test once it is done, and
 * resolves with every message it sent.
 * @param {import('playwright-core').Browser} browser @param {string} url @param {'optIn' | 'optOut'} autoAction
 */
async function runAutoconsent(browser, url, autoAction) {
  const context = await browser.newContext();
  // The choice's record goes out from this page; closed sooner (a busy machine), it would wait in
  // the outbox for the next page view, which this test never opens.
  await context.addInitScript(() => document.addEventListener('carat-consent:delivered', () => (window.deliveredHere = true)));
  const page = await context.newPage();
  /** @type {Array<Record<string, any>>} */
  const received = [];
  /** @type {(messages: typeof received) => void} */
  let finish = () => {};
  const done = new Promise((resolve, reject) => {
    finish = resolve;
    setTimeout(() => reject(new Error(`autoconsent did not finish: ${JSON.stringify(received)}`)), 20000).unref();
  });
  await page.exposeBinding('autoconsentSendMessage', async ({ frame }, /** @type {Record<string, any>} */ message) => {
      received.push(message);
      if (message.type === 'init') {
        const config = { enabled: true, autoAction, disabledCmps: [], enablePrehide: false, detectRetries: 20, enableCosmeticRules: true };
        await frame.evaluate(`autoconsentReceiveMessage(${JSON.stringify({ type: 'initResp', config, rules: { autoconsent: [rule] } })})`);
      } else if (message.type === 'eval') {
        const result = await frame.evaluate(message.code);
        await frame.evaluate(`autoconsentReceiveMessage(${JSON.stringify({ id: message.id, type: 'evalResp', result })})`);
      } else if (message.type === 'autoconsentDone') {
        // The runner self-tests only after an opt-out; asked after an opt-in, the same test must fail.
        await frame.evaluate(`autoconsentReceiveMessage({ type: "selfTest" })`);
      } else if (message.type === 'selfTestResult') {
        finish(received);
      }
  });
  try {
    await page.goto(url, { waitUntil: 'commit' });
    await page.evaluate(contentScript);
    await done;
    const host = await page.evaluate(() => {
      const element = document.querySelector('carat-consent');
      return { consent: element?.getAttribute('consent'), role: element?.getAttribute('role') };
    });
    await page.waitForFunction(() => window.deliveredHere);
    return { received, host, visitorId: await page.evaluate(() => window.CaratConsent.getConsent().then((r) => r?.visitorId)) };
  } finally {
    await context.close();
  }
}

const ADMIN_TOKEN = 'autoconsent-test';

/** @param {Array<Record<string, any>>} received @param {string} type */
const message = (received, type) => received.find((m) => m.type === type);

describe('DuckDuckGo autoconsent with the shipped rule', () => {
  const temp = tempDir();
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let collector;
  /** @type {import('playwright-core').Browser} */
  let browser;

  before(async () => {
    collector = await startCollector({ CONSENT_DB: temp.db, CONSENT_ADMIN_TOKEN: ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '10000' }, ['--demo']);
    browser = await chromium.launch({ executablePath: chromePath, args: chromeArgs });
  });
  after(async () => {
    await browser?.close();
    await collector?.stop();
    temp.remove();
  });

  /** Waits until the collector has stored a record from this visitor, and asks for it as an auditor would. @param {string} visitorId */
  async function storedRecord(visitorId) {
    for (let tries = 0; tries < 100; tries++) {
      const response = await fetch(`${collector.url}/api/consent?visitorId=${visitorId}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      const { records } = /** @type {{ records: Array<{ record: Record<string, any> }> }} */ (await response.json());
      if (records.length) return records[0].record;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no record from visitor ${visitorId} reached the collector`);
  }

  it('opts out: Reject all, a reject-all record at the collector, and the self-test confirms it', async () => {
    const { received, host, visitorId } = await runAutoconsent(browser, `${collector.url}/`, 'optOut');
    assert.equal(message(received, 'cmpDetected')?.cmp, 'carat-consent');
    assert.equal(message(received, 'popupFound')?.cmp, 'carat-consent');
    assert.equal(message(received, 'optOutResult')?.result, true);
    assert.equal(message(received, 'selfTestResult')?.result, true);
    assert.equal(host.consent, 'rejected');
    assert.equal(host.role, null, 'the host is a region only while the banner shows');
    const record = await storedRecord(visitorId);
    assert.equal(record.method, 'reject-all');
    // The demo shop offers its own "social" category and lists its services (stripe and paypal are necessary).
    assert.deepEqual(record.categories, { necessary: true, analytics: false, marketing: false, preferences: false, social: false });
    assert.deepEqual(Object.keys(record.services).filter((id) => record.services[id]), ['stripe', 'paypal']);
  });

  it('opts in: Accept all, an accept-all record, and the self-test reports no opt-out', async () => {
    const { received, host, visitorId } = await runAutoconsent(browser, `${collector.url}/`, 'optIn');
    assert.equal(message(received, 'popupFound')?.cmp, 'carat-consent');
    assert.equal(message(received, 'optInResult')?.result, true);
    assert.equal(message(received, 'selfTestResult')?.result, false);
    assert.equal(host.consent, 'accepted');
    const record = await storedRecord(visitorId);
    assert.equal(record.method, 'accept-all');
    assert.deepEqual(record.categories, { necessary: true, analytics: true, marketing: true, preferences: true, social: true });
    assert.ok(Object.values(record.services).every(Boolean));
  });

  it('finds the banner as a named region in the light DOM while it shows', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${collector.url}/`);
      // The host has no box of its own (the banner inside is fixed): what a tool sees is its role and name.
      await page.waitForFunction(() => document.querySelector('carat-consent')?.hasAttribute('role'));
      const tree = await page.locator('body').ariaSnapshot();
      assert.match(tree, /- region "Your privacy at Cluster Carat":\n\s+- heading "Your privacy at Cluster Carat"/);
      assert.equal(tree.match(/- region "Your privacy/g)?.length, 1, 'one banner region, not a second one inside the shadow root');
      const host = page.getByRole('region', { name: 'Your privacy at Cluster Carat' });
      assert.equal(await host.evaluate((e) => e.localName), 'carat-consent');
      assert.equal(await host.getAttribute('consent'), null, 'no choice yet');
    } finally {
      await context.close();
    }
  });
});
