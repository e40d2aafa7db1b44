import { writeFileSync } from 'node:fs';
import { findChromium } from './chrome.js';
import { PageError, firstLine } from './errors.js';
import { htmlReport } from './html-report.js';
import { UsageError, parseOptions, usage } from './options.js';
import { progressOn } from './progress.js';
import { scanShop } from './scan.js';
import { textReport } from './text-report.js';

/** Exit status (SPEC §8): 0 no violation, 1 violations, 2 the shop could not be scanned. */
async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  if (!options) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const chromium = findChromium();
  if (!chromium) {
    throw new UsageError(
      `no Chromium at ${process.env.CHROME_PATH || '/usr/bin/chromium'}: install it (apt-get install chromium) or set CHROME_PATH to a Chromium or Chrome`,
    );
  }
  const { report, screenshots } = await scanShop(options, chromium, progressOn(process.stderr));
  if (options.html) writeFileSync(options.html, htmlReport(report, screenshots));
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : textReport(report));
  return report.violations.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof PageError;
    process.stderr.write(`carat-consent-scan: ${known ? (error as Error).message : firstLine(error)}\n`);
    process.exitCode = 2;
  },
);
