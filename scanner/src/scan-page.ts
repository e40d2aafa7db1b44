import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Autoconsent } from './autoconsent.js';
import { answerCaratConsent, caratConsentReady, declaredConfig, readCaratConsent, type CaratConsentPage } from './carat-consent.js';
import { samePage } from './crawl.js';
import { PageError, firstLine } from './errors.js';
import { RequestLog, cookiesIn, storageKeysIn } from './observe.js';
import type { BannerFinding, PageScan, PageScreenshots, PhaseObservation } from './types.js';

/** How one page is scanned. */
export interface PageScanSettings {
  /** The shop's origin: links elsewhere are not followed. */
  origin: string;
  timeoutMs: number;
  screenshots: boolean;
}

type Choice = 'reject' | 'accept';

/**
 * Chrome's own user agent for this version, without "HeadlessChrome": tag managers and consent
 * tools treat a headless browser as a bot and show it another page than visitors get.
 */
function visitorUserAgent(browser: Browser): string {
  const major = browser.version().split('.')[0] ?? '0';
  return `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36`;
}

/** One visit in a fresh context: the page loaded, its consent tool found and ready to answer. */
interface Visit {
  context: BrowserContext;
  tab: Page;
  log: RequestLog;
  banner: BannerFinding;
  carat: CaratConsentPage;
  answer: (choice: Choice) => Promise<void>;
}

const empty = (): PhaseObservation => ({ cookies: [], storage: [], requests: [] });

async function open(browser: Browser, page: string, settings: PageScanSettings): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, userAgent: visitorUserAgent(browser) });
  try {
    context.setDefaultTimeout(settings.timeoutMs);
    const log = new RequestLog(context, new URL(page).hostname);
    const autoconsent = await Autoconsent.attach(context);
    const tab = await context.newPage();
    const response = await tab.goto(page, { waitUntil: 'load', timeout: settings.timeoutMs }).catch((error: unknown) => {
      throw new PageError(`could not load ${page}: ${firstLine(error)}`);
    });
    if (response && response.status() >= 400) throw new PageError(`${page} answered HTTP ${response.status()}`);
    await log.settled();
    const carat = await readCaratConsent(tab);
    if (carat.present) {
      await caratConsentReady(tab, settings.timeoutMs).catch(() => {
        throw new PageError(`${page} loads carat-consent, but window.CaratConsent never became ready`);
      });
      return { context, tab, log, carat, banner: { found: true, cmp: 'carat-consent' }, answer: (choice) => answerCaratConsent(tab, choice) };
    }
    const found = await autoconsent.find(tab, Math.min(settings.timeoutMs, 15_000));
    if (!found) return { context, tab, log, carat, banner: { found: false, cmp: null }, answer: async () => undefined };
    return { context, tab, log, carat, banner: { found: true, cmp: found.cmp }, answer: (choice) => autoconsent.answer(found, choice, 10_000) };
  } catch (error) {
    await context.close();
    throw error;
  }
}

async function observe(visit: Visit, page: string, since: number): Promise<PhaseObservation> {
  const hostname = new URL(page).hostname;
  return {
    cookies: await cookiesIn(visit.context, page, hostname),
    storage: await storageKeysIn(visit.tab, page),
    requests: visit.log.since(since, page),
  };
}

async function screenshot(visit: Visit, settings: PageScanSettings): Promise<Buffer | undefined> {
  return settings.screenshots ? visit.tab.screenshot({ type: 'jpeg', quality: 60 }).catch(() => undefined) : undefined;
}

/** Answers the banner, then loads the page again under that choice, and records what is there. */
async function afterChoice(visit: Visit, page: string, choice: Choice): Promise<PhaseObservation> {
  const mark = visit.log.mark();
  await visit.answer(choice);
  await visit.log.settled();
  await visit.tab.reload({ waitUntil: 'load' }).catch((error: unknown) => {
    throw new PageError(`could not load ${page} again after the choice: ${firstLine(error)}`);
  });
  await visit.log.settled();
  return observe(visit, page, mark);
}

/** The first visit: the page before any choice, then after "Reject all". */
async function refuse(browser: Browser, page: string, settings: PageScanSettings) {
  const visit = await open(browser, page, settings);
  try {
    const before = await observe(visit, page, 0);
    const hrefs = await visit.tab.$$eval('a[href]', (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
    const links = hrefs.map((href) => samePage(href, page, settings.origin)).filter((link): link is string => link !== null);
    const shots: PageScreenshots = {};
    const beforeShot = await screenshot(visit, settings);
    if (beforeShot) shots.before = beforeShot;
    let afterReject = empty();
    if (visit.banner.found) {
      afterReject = await afterChoice(visit, page, 'reject');
      const shot = await screenshot(visit, settings);
      if (shot) shots.afterReject = shot;
    }
    return { visit, before, afterReject, links, shots };
  } finally {
    await visit.context.close();
  }
}

/** The second visit, in a context of its own: the page after "Accept all". */
async function accept(browser: Browser, page: string, settings: PageScanSettings) {
  const visit = await open(browser, page, settings);
  try {
    if (!visit.banner.found) return { afterAccept: empty() };
    const afterAccept = await afterChoice(visit, page, 'accept');
    const shot = await screenshot(visit, settings);
    return shot ? { afterAccept, shot } : { afterAccept };
  } finally {
    await visit.context.close();
  }
}

/**
 * Scans one page in three phases: before any choice and after "Reject all" in one fresh context,
 * after "Accept all" in another (side by side), so nothing from the refusal carries over into the
 * acceptance.
 */
export async function scanPage(browser: Browser, page: string, settings: PageScanSettings): Promise<PageScan> {
  const started = Date.now();
  const [refused, accepted] = await Promise.all([refuse(browser, page, settings), accept(browser, page, settings)]);
  const { visit, before, afterReject, links, shots } = refused;
  if (accepted.shot) shots.afterAccept = accepted.shot;
  return {
    page,
    banner: visit.banner,
    phases: { before, afterReject, afterAccept: accepted.afterAccept },
    config: declaredConfig(visit.carat.config),
    consentToolOrigins: [...new Set(visit.carat.urls.map((url) => new URL(url).origin))],
    links,
    screenshots: shots,
    milliseconds: Date.now() - started,
  };
}
