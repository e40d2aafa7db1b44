import { chromeArgs } from './chrome.js';
import { CrawlQueue, sitemapPages } from './crawl.js';
import { PageError, firstLine } from './errors.js';
import type { ScanOptions } from './options.js';
import { buildReport, type ScanReport } from './report.js';
import { scanPage } from './scan-page.js';
import type { PageFailure, PageScan } from './types.js';

/** Told as the crawl goes, for the progress line. */
export interface ScanProgress {
  pageStarted(page: string, done: number, planned: number): void;
  pageDone(page: string, done: number, planned: number, milliseconds: number, failure?: string): void;
}

/** Screenshots kept for the HTML report, by page. */
export type ScreenshotsByPage = Map<string, PageScan['screenshots']>;

async function fetchText(url: string, timeoutMs: number): Promise<string | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    return response.ok ? await response.text() : null;
  } catch {
    return null;
  }
}

/**
 * Fails fast, before Chromium starts, when the shop cannot be reached at all: no such host,
 * nothing listening, a certificate error. An HTTP error status is left to the browser to judge.
 */
async function reachable(url: URL, timeoutMs: number): Promise<void> {
  try {
    const response = await fetch(url, { method: 'GET', signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await response.body?.cancel();
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code ?? '';
    const why =
      error instanceof DOMException && error.name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : code === 'ECONNREFUSED'
          ? 'connection refused'
          : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
            ? 'no such host'
            : /CERT|SSL|TLS/.test(code)
              ? `certificate error (${code})`
              : code || cause?.message || firstLine(error);
    throw new PageError(`cannot reach ${url.href}: ${why}`);
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PageError(message)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Crawls the shop: the start page first (if it cannot be scanned, nothing can), then the pages in
 * its sitemap and the same-origin links of the pages seen, `concurrency` at a time, up to
 * `options.pages` and within `options.totalTimeoutMs`.
 */
export async function scanShop(
  options: ScanOptions,
  chromiumPath: string,
  progress: ScanProgress,
): Promise<{ report: ScanReport; screenshots: ScreenshotsByPage }> {
  const started = Date.now();
  const origin = options.url.origin;
  await reachable(options.url, options.pageTimeoutMs);
  const settings = { origin, timeoutMs: options.pageTimeoutMs, screenshots: options.html !== null };
  // Loaded here, not at the top, so a mistyped option is answered without loading Playwright.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromeArgs, headless: true }).catch((error: unknown) => {
    throw new PageError(`Chromium at ${chromiumPath} did not start: ${firstLine(error)}`);
  });
  const scans: PageScan[] = [];
  const failures: PageFailure[] = [];
  const screenshots: ScreenshotsByPage = new Map();
  const queue = new CrawlQueue(options.pages);
  const deadline = started + options.totalTimeoutMs;

  const scanOne = async (page: string): Promise<PageScan> => {
    progress.pageStarted(page, scans.length + failures.length, queue.planned);
    const pageStarted = Date.now();
    try {
      const limit = Math.min(options.pageTimeoutMs * 3, Math.max(1, deadline - Date.now()));
      const scan = await withTimeout(scanPage(browser, page, settings), limit, `${page} took longer than the time allowed`);
      scans.push(scan);
      screenshots.set(page, scan.screenshots);
      queue.add(scan.links);
      progress.pageDone(page, scans.length + failures.length, queue.planned, Date.now() - pageStarted);
      return scan;
    } catch (error) {
      const reason = error instanceof PageError ? error.message : firstLine(error);
      progress.pageDone(page, scans.length + failures.length + 1, queue.planned, Date.now() - pageStarted, reason);
      throw new PageError(reason);
    }
  };

  try {
    const start = options.url.href;
    queue.add([start]);
    queue.next();
    const [, listed] = await Promise.all([scanOne(start), sitemapPages(origin, (url) => fetchText(url, options.pageTimeoutMs))]);
    queue.add(listed);

    const worker = async () => {
      for (let page = queue.next(); page !== undefined && Date.now() < deadline; page = queue.next()) {
        await scanOne(page).catch((error: unknown) => failures.push({ page: page as string, reason: firstLine(error) }));
      }
    };
    // A page's links join the queue when it is done, so workers that found the queue empty run again while others still add to it.
    while (queue.taken < queue.planned && Date.now() < deadline) {
      await Promise.all(Array.from({ length: options.concurrency }, worker));
    }
    for (let page = queue.next(); page !== undefined; page = queue.next()) failures.push({ page, reason: 'the scan ran out of time (--max-time)' });
  } finally {
    await browser.close();
  }
  scans.sort((a, b) => queue.position(a.page) - queue.position(b.page));
  failures.sort((a, b) => queue.position(a.page) - queue.position(b.page));
  return { report: buildReport(options.url.href, scans, failures, (Date.now() - started) / 1000), screenshots };
}
