import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { chromeArgs, chromePath } from '../scripts/chrome.js';

const probe = fileURLToPath(new URL('./probe.js', import.meta.url));
// Banners show and choices apply within half a second; a widget that has not in 5 s has failed,
// and a short wait keeps a run against a broken build within minutes.
const STEP_TIMEOUT = 5_000;
// After the return visit's decision is applied, keep watching this long for a late banner.
const RETURN_WATCH_MS = 500;
// A visitor reads on before opening the next page: the return visit starts this long after the
// choice is stored, not while the first page is still closing behind it.
const NEXT_PAGE_AFTER_MS = 500;

/**
 * What one widget showed over the counted rounds.
 * @typedef {object} Timings
 * @property {number[]} banner ms from navigation start to a visible "Accept all" (first visit, tags in `<head>`)
 * @property {number[]} bannerBody the same with the tags at the end of `<body>`, in a context of its own
 * @property {number[]} scriptMs CDP ScriptDuration when the banner shows, ms
 * @property {number[]} heapKb CDP JSHeapUsedSize when the banner shows, KiB
 * @property {number[]} applied ms from navigation start to the gated script running (return visit)
 * @property {number} bannerPainted return visits on which the banner was painted
 * @property {string[]} downloads paths the first visit fetched besides the page and /api, with
 *   the status when it failed
 * @property {string[]} complaints distinct console errors and warnings, and uncaught errors
 * @property {{ message: string, rounds: number[] }[]} errors why rounds failed, and which (0 is the warm-up)
 */

/**
 * One round for one widget: a fresh context (empty cache and storage), a first visit measured up
 * to the banner, "Accept all", then a return visit in the same context.
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {import('./widgets.js').Widget} widget
 * @param {{ downloads: Set<string>, complaints: Set<string> }} seen filled in even when the round fails
 */
async function round(browser, url, widget, { downloads, complaints }) {
  const context = await browser.newContext();
  let step = 'first visit';
  try {
    await context.addInitScript({ path: probe });
    context.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') complaints.add(`${message.type()}: ${message.text()}`);
    });
    context.on('weberror', (error) => complaints.add(`uncaught: ${error.error().message}`));
    const first = await context.newPage();
    first.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (path !== widget.page && !path.startsWith('/api/')) {
        downloads.add(response.status() < 400 ? path : `${path} (${response.status()})`);
      }
    });
    const cdp = await context.newCDPSession(first);
    await cdp.send('Performance.enable');
    await first.goto(url + widget.page, { waitUntil: 'commit' });
    const banner = await first.evaluate((ms) => window.__bench.banner(ms), STEP_TIMEOUT);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;

    step = 'accept all';
    await first.getByRole('button', { name: 'Accept all', exact: true }).first().click();
    await first.evaluate((ms) => window.__bench.analytics(ms), STEP_TIMEOUT);
    await first.waitForFunction(widget.stored, undefined, { timeout: STEP_TIMEOUT, polling: 50 });
    await first.waitForTimeout(NEXT_PAGE_AFTER_MS);
    await first.close();

    step = 'return visit';
    const again = await context.newPage();
    await again.goto(url + widget.page, { waitUntil: 'load' });
    const applied = await again.evaluate((ms) => window.__bench.analytics(ms), STEP_TIMEOUT);
    await again.waitForTimeout(RETURN_WATCH_MS);
    const painted = await again.evaluate(() => window.__bench.bannerAt !== undefined);

    await again.close();

    step = 'first visit, tags at the end of <body>';
    const fresh = await browser.newContext();
    let bannerBody;
    try {
      await fresh.addInitScript({ path: probe });
      const bodyFirst = await fresh.newPage();
      await bodyFirst.goto(url + widget.bodyPage, { waitUntil: 'commit' });
      bannerBody = await bodyFirst.evaluate((ms) => window.__bench.banner(ms), STEP_TIMEOUT);
    } finally {
      await fresh.close();
    }

    return {
      banner,
      bannerBody,
      scriptMs: metric('ScriptDuration') * 1000,
      heapKb: metric('JSHeapUsedSize') / 1024,
      applied,
      painted,
    };
  } catch (error) {
    error.message = `${step}: ${error.message}`;
    throw error;
  } finally {
    await context.close();
  }
}

/**
 * Runs every widget `rounds` times, interleaved (A B C, B C A, C A B …) so drifts in machine load
 * hit all of them alike, after one uncounted warm-up round.
 * @param {string} url origin of the static server
 * @param {import('./widgets.js').Widget[]} subjects widgets that can be measured
 * @param {number} rounds counted rounds
 * @returns {Promise<{ chromium: string, timings: Map<string, Timings> }>}
 */
export async function measurePages(url, subjects, rounds) {
  const browser = await chromium.launch({ executablePath: chromePath, args: chromeArgs });
  const timings = new Map(subjects.map((widget) => [widget.name, {
    banner: [], bannerBody: [], scriptMs: [], heapKb: [], applied: [], bannerPainted: 0, downloads: [], complaints: [], errors: [],
  }]));
  const seen = new Map(subjects.map((widget) => [widget.name, { downloads: new Set(), complaints: new Set() }]));
  try {
    for (let index = 0; index <= rounds; index++) {
      // Each round starts with the next widget, so none always follows the same one (whose
      // closing context may still cost the machine something).
      const order = subjects.map((_, i) => subjects[(i + index) % subjects.length]);
      for (const widget of order) {
        const into = timings.get(widget.name);
        try {
          const result = await round(browser, url, widget, seen.get(widget.name));
          if (index === 0) continue;
          into.banner.push(result.banner);
          into.bannerBody.push(result.bannerBody);
          into.scriptMs.push(result.scriptMs);
          into.heapKb.push(result.heapKb);
          into.applied.push(result.applied);
          if (result.painted) into.bannerPainted++;
        } catch (error) {
          const message = error.message.split('\n')[0];
          const known = into.errors.find((failure) => failure.message === message);
          if (known) known.rounds.push(index);
          else into.errors.push({ message, rounds: [index] });
        }
      }
      process.stderr.write(index === 0 ? 'pages: warm-up done\n' : `pages: round ${index}/${rounds}\n`);
    }
    for (const [name, { downloads, complaints }] of seen) {
      Object.assign(timings.get(name), { downloads: [...downloads], complaints: [...complaints] });
    }
    return { chromium: browser.version(), timings };
  } finally {
    await browser.close();
  }
}
