// `npm run screenshots`: the README's pictures, taken from the real demo shop and collector in
// headless Chromium. Variants (language, theme) are the demo's own HTML with one attribute changed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromeArgs, chromePath } from './chrome.js';
import { emailHistory, fakeRecords, seedRecords } from './seed-records.js';
import { startCollector } from '../test/server/collector.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = (name) => join(root, 'docs', `${name}.png`);

const CUSTOM_THEME = `<style>
  carat-consent {
    --carat-consent-bg: #fffaf3; --carat-consent-fg: #2b2118; --carat-consent-muted: #5c4a3a;
    --carat-consent-accent: #6b3f1d; --carat-consent-on-accent: #fff; --carat-consent-border: #8a7560;
    --carat-consent-focus: #b35c00; --carat-consent-font: Georgia, serif; --carat-consent-radius: 2px;
  }
  carat-consent::part(button) { text-transform: uppercase; letter-spacing: 0.05em; }
</style>`;

/** Starts the collector with the demo on a free port and a throwaway database. */
async function startDemo() {
  const dir = mkdtempSync(join(tmpdir(), 'carat-shots-'));
  const child = spawn(process.execPath, [join(root, 'server/main.js'), '--demo'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', CONSENT_DB: join(dir, 'consent.db') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const found = /(http:\/\/\S+)/.exec(output);
      if (found) resolve(found[1].replace(/\/$/, ''));
    });
    child.once('exit', (code) => reject(new Error(`the demo server exited with ${code}: ${output}`)));
  });
  return { url, stop: () => (child.kill('SIGTERM'), rmSync(dir, { recursive: true, force: true })) };
}

/** Opens the demo home page with `rewrite` applied to its HTML, and waits for the banner. */
async function open(browser, url, rewrite = (html) => html, viewport = { width: 1200, height: 760 }) {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.route(`${url}/`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: rewrite(await response.text()) });
  });
  await page.goto(`${url}/`);
  await page.locator('carat-consent [part~="banner"]').waitFor();
  return { page, close: () => context.close() };
}

const withLang = (lang) => (html) =>
  html.replace(/<html lang="[^"]*"/, `<html lang="${lang}"${lang === 'ar' ? ' dir="rtl"' : ''}`);
const withData = (attribute) => (html) => html.replace('<script src="/dist/carat-consent.js"', `<script src="/dist/carat-consent.js" ${attribute}`);

/**
 * The site owner's console on a store seeded with 30 days of made-up records and one visitor's
 * history with an e-mail address: its overview and that proof page.
 */
async function shootConsole(browser) {
  const dir = mkdtempSync(join(tmpdir(), 'carat-console-shots-'));
  const db = join(dir, 'consent.db');
  const lastDay = new Date().toISOString().slice(0, 10);
  const history = emailHistory();
  seedRecords(db, [...fakeRecords({ count: 6000, days: 30, lastDay, services: true }), ...history]);
  const collector = await startCollector({ CONSENT_DB: db, CONSENT_ADMIN_TOKEN: 'screenshots' });
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, reducedMotion: 'reduce' });
  try {
    const page = await context.newPage();
    await page.goto(`${collector.url}/admin/`);
    await page.getByLabel('Admin token').fill('screenshots');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('console-chart').first().waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: out('console-overview'), fullPage: true });
    await page.goto(`${collector.url}/admin/#proof?q=${history[0]?.record.email.address}`);
    await page.locator('console-proof article').first().waitFor();
    await page.screenshot({ path: out('console-proof'), fullPage: true });
  } finally {
    await context.close();
    await collector.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The preferences in Windows-style high contrast (forced colours), one switch on beside ones off. */
async function shootForcedColors(browser, url) {
  const { page, close } = await open(browser, url);
  await page.emulateMedia({ forcedColors: 'active' });
  await page.getByRole('button', { name: 'Customize' }).click();
  await page.getByRole('switch', { name: 'Google Analytics 4' }).click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: out('preferences-forced-colors') });
  await close();
}

const demo = await startDemo();
const browser = await chromium.launch({ executablePath: chromePath, args: chromeArgs });
try {
  const shots = [
    ['banner', (page) => page],
    ['theme-light', (page) => page],
    ['preferences', (page) => page.getByRole('button', { name: 'Customize' }).click()],
    ['policy', (page) => page.locator('carat-consent').getByRole('link', { name: 'Privacy policy' }).click()],
  ];
  for (const [name, act] of shots) {
    const { page, close } = await open(browser, demo.url);
    await act(page);
    await page.waitForTimeout(400);
    await page.screenshot({ path: out(name) });
    await close();
  }
  for (const [name, rewrite] of [
    ['theme-dark', withData('data-theme="dark"')],
    ['theme-custom', (html) => html.replace('</head>', `${CUSTOM_THEME}</head>`)],
    ['banner-de', withLang('de')],
    ['banner-ar', withLang('ar')],
  ]) {
    const { page, close } = await open(browser, demo.url, rewrite);
    await page.waitForTimeout(300);
    await page.screenshot({ path: out(name) });
    await close();
  }
  const { page, close } = await open(browser, demo.url, undefined, { width: 390, height: 780 });
  await page.screenshot({ path: out('banner-phone') });
  await close();
  await shootForcedColors(browser, demo.url);
  await shootConsole(browser);
  console.log('docs/*.png written');
} finally {
  await browser.close();
  demo.stop();
}
