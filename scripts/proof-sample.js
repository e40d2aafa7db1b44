// `node scripts/proof-sample.js`: the sample proof in docs/collector.md, made by really running the
// demo shop's checkout. The collector runs as `npm start` runs it (with --demo) on a throwaway
// database, with SMTP to a real SMTP server in this process; headless Chromium accepts the cookies,
// places an order with "Send me offers" ticked, follows the link in the confirmation mail it got,
// and the proof of the address is printed (Markdown) on stdout; with --html, the printable page.
// Needs `npm run build` first.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { chromium } from 'playwright-core';
import { chromeArgs, chromePath } from './chrome.js';
import { startCollector } from '../test/server/collector.js';

const MAIN = fileURLToPath(new URL('../server/main.js', import.meta.url));
const ADDRESS = 'anna.berg@mail.example';

/** @type {((text: string) => void)[]} */
const waiting = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, _session, callback) {
    simpleParser(stream).then((mail) => {
      waiting.shift()?.(mail.text ?? '');
      callback();
    }, callback);
  },
});
await new Promise((resolve) => smtp.listen(0, '127.0.0.1', () => resolve(undefined)));
const smtpPort = /** @type {import('node:net').AddressInfo} */ (smtp.server.address()).port;
const mailed = new Promise((resolve) => waiting.push(resolve));

const dir = mkdtempSync(join(tmpdir(), 'carat-proof-sample-'));
const env = { CONSENT_DB: join(dir, 'consent.db') };
// Known before it starts: the mails' links are built on PUBLIC_URL.
const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = /** @type {import('node:net').AddressInfo} */ (probe.address());
    probe.close(() => resolve(free));
  });
});
const collector = await startCollector({
  ...env,
  PORT: String(port),
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  MAIL_FROM: 'news@clustercarat.example',
  SHOP_NAME: 'Cluster Carat',
}, ['--demo']);
const browser = await chromium.launch({ executablePath: chromePath, args: chromeArgs });
try {
  const page = await browser.newPage();
  await page.goto(`${collector.url}/checkout.html`);
  await page.locator('carat-consent').getByRole('button', { name: 'Accept all' }).click();
  await page.getByLabel('Full name').fill('Anna Berg');
  await page.getByLabel('E-mail address').fill(ADDRESS);
  await page.getByLabel('Send me offers by e-mail').check();
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.getByText(`We will send offers to ${ADDRESS}`).waitFor();

  const text = /** @type {string} */ (await Promise.race([mailed, new Promise((_, reject) => setTimeout(() => reject(new Error('no confirmation mail within 60 s')), 60000))]));
  const link = /(http:\/\/\S+\/confirm\/\S+)/.exec(text)?.[1];
  if (!link) throw new Error(`no confirmation link in the mail:\n${text}`);
  await page.goto(link);
  await page.waitForLoadState('load');
  await page.close();
} finally {
  await browser.close();
  await collector.stop();
  smtp.close();
}

const proof = spawn(process.execPath, [MAIN, 'proof', '--email', ADDRESS, ...process.argv.slice(2)], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
const code = await new Promise((resolve) => proof.once('exit', resolve));
rmSync(dir, { recursive: true, force: true });
process.exit(/** @type {number} */ (code));
