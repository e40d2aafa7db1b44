/** What the command line asked for. */
export interface ScanOptions {
  url: URL;
  pages: number;
  json: boolean;
  html: string | null;
  concurrency: number;
  pageTimeoutMs: number;
  totalTimeoutMs: number;
}

/** The `--help` text. */
export const usage = `Usage: carat-consent-scan URL [options]

Visits URL and up to N same-origin pages in headless Chromium, each before any choice,
after "Reject all" and after "Accept all", and reports the cookies, storage and requests
to other hosts that break the visitor's choice.

Options:
  --pages N          pages to scan, the start page included (default 10)
  --json             print one JSON object on stdout instead of the summary
  --html FILE        also write an HTML report with screenshots to FILE
  --concurrency N    pages scanned at a time (default 2)
  --timeout S        seconds one page may take (default 30)
  --max-time S       seconds the whole scan may take (default 300)
  -h, --help         show this text

Exit status: 0 no violation, 1 violations found, 2 the shop could not be scanned.
Chromium: CHROME_PATH, else /usr/bin/chromium.`;

/** A command-line mistake: reported in one line, exit status 2. */
export class UsageError extends Error {}

const numeric = { '--pages': 'pages', '--concurrency': 'concurrency', '--timeout': 'timeout', '--max-time': 'maxTime' } as const;

function positiveInteger(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 1) {
    throw new UsageError(`${flag} wants a whole number of at least 1, got ${JSON.stringify(value ?? '')}`);
  }
  return n;
}

/** The start URL, checked: only http(s) pages can be scanned. */
export function parseStartUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`);
  } catch {
    throw new UsageError(`URL ${JSON.stringify(raw)} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`URL ${JSON.stringify(raw)} is not an http(s) URL`);
  }
  url.hash = '';
  return url;
}

/** Reads `argv` (without node and the script); `null` when help was asked for. */
export function parseOptions(argv: string[]): ScanOptions | null {
  const found = { pages: 10, concurrency: 2, timeout: 30, maxTime: 300 };
  let json = false;
  let html: string | null = null;
  let url: URL | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '-h' || flag === '--help') return null;
    if (flag === '--json') json = true;
    else if (flag === '--html') {
      html = inline ?? argv[++i] ?? '';
      if (!html) throw new UsageError('--html wants a file name');
    } else if (flag in numeric) {
      found[numeric[flag as keyof typeof numeric]] = positiveInteger(flag, inline ?? argv[++i]);
    } else if (flag.startsWith('-')) {
      throw new UsageError(`unknown option ${flag} (see --help)`);
    } else if (url) {
      throw new UsageError(`one URL at a time, got ${JSON.stringify(url.href)} and ${JSON.stringify(arg)}`);
    } else {
      url = parseStartUrl(arg);
    }
  }
  if (!url) throw new UsageError('which shop? Give its URL: carat-consent-scan https://shop.example');
  return {
    url,
    pages: found.pages,
    json,
    html,
    concurrency: found.concurrency,
    pageTimeoutMs: found.timeout * 1000,
    totalTimeoutMs: found.maxTime * 1000,
  };
}
