import { chromeLauncher } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { chromePath, chromeArgs } from './scripts/chrome.js';

/** A port nothing listens on: reserved, then released. */
function unusedPort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs the real collector (`node server/main.js`) beside the test server, with a temporary
 * database and a real SMTP server for its confirmation mails, and tells the tests where it is at
 * `/__collector.json`.
 * @returns {import('@web/test-runner').TestRunnerPlugin}
 */
function collectorPlugin() {
  let dir = '';
  const adminToken = 'browser-tests';
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;
  let info = '';
  /** @type {{ to: string, text: string }[]} the confirmation mails received */
  const mails = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        mails.push({ to: String(/** @type {{ text?: string }} */ (mail.to)?.text ?? ''), text: mail.text ?? '' });
        callback();
      }, callback);
    },
  });
  return {
    name: 'carat-collector',
    async serverStart({ config }) {
      dir = mkdtempSync(join(tmpdir(), 'carat-wtr-'));
      await new Promise((resolve) => smtp.listen(0, '127.0.0.1', () => resolve(undefined)));
      const smtpPort = /** @type {import('node:net').AddressInfo} */ (smtp.server.address()).port;
      const page = `http://${config.hostname ?? 'localhost'}:${config.port}`;
      // Known before it starts: the mails' links are built on PUBLIC_URL.
      const port = await unusedPort();
      child = spawn(process.execPath, [fileURLToPath(new URL('./server/main.js', import.meta.url))], {
        env: {
          ...process.env,
          PORT: String(port),
          PUBLIC_URL: `http://127.0.0.1:${port}`,
          HOST: '127.0.0.1',
          CONSENT_DB: join(dir, 'consent.db'),
          CONSENT_ADMIN_TOKEN: adminToken,
          ALLOWED_ORIGINS: page,
          RATE_LIMIT_PER_MINUTE: '100000',
          SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
          MAIL_FROM: 'news@clustercarat.example',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      // serverStop does not run when the runner is killed; the collector must not outlive it.
      process.once('exit', () => child?.kill());
      const url = await new Promise((resolve, reject) => {
        let output = '';
        child?.stdout?.on('data', (chunk) => {
          output += chunk;
          const found = /listening on (\S+)/.exec(output);
          if (found) resolve(found[1]);
        });
        child?.once('exit', (code) => reject(new Error(`the collector exited with ${code}: ${output}`)));
      });
      info = JSON.stringify({ url, adminToken, unreachableUrl: `http://127.0.0.1:${await unusedPort()}` });
    },
    serve(context) {
      if (context.path === '/__collector.json') return { body: info, type: 'json' };
    },
    // The visitor follows the link in the confirmation mail the collector sent to `address`, and
    // presses the button on the page it opens (its POST confirms; the GET alone changes nothing).
    async executeCommand({ command, payload }) {
      if (command !== 'confirm-email') return undefined;
      const { address } = /** @type {{ address: string }} */ (payload);
      const deadline = Date.now() + 15000;
      let mail;
      while (!(mail = mails.findLast((m) => m.to.includes(address))) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const link = mail && /(http:\/\/\S+\/confirm\/\S+)/.exec(mail.text)?.[1];
      if (!link || (await fetch(link)).status !== 200) return 0;
      return (await fetch(link, { method: 'POST' })).status;
    },
    async serverStop() {
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child?.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (dir) rmSync(dir, { recursive: true, force: true });
      smtp.close();
    },
  };
}

/**
 * Commands the tests call through `executeServerCommand`: Windows-style forced colours, which
 * Chromium emulates as a media feature, and a screenshot of part of the page, to compare pixels.
 * @returns {import('@web/test-runner').TestRunnerPlugin}
 */
function pixelsPlugin() {
  // Chromium drops a session's emulation when the session detaches: keep one per page.
  const sessions = new WeakMap();
  return {
    name: 'carat-pixels',
    async executeCommand({ command, payload, session }) {
      if (command !== 'forced-colors' && command !== 'screenshot') return undefined;
      const page = /** @type {any} */ (session.browser).getPage(session.id);
      if (command === 'forced-colors') {
        if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
        const features = [{ name: 'forced-colors', value: payload ? 'active' : 'none' }];
        await sessions.get(page).send('Emulation.setEmulatedMedia', { features });
        return true;
      }
      return page.screenshot({ clip: payload, encoding: 'base64' });
    },
  };
}

/**
 * The `accessibility-tree` command: what Chromium gives assistive technology (CDP
 * `Accessibility.getFullAXTree`), as `{ role, name, description }` per node it does not ignore.
 * @returns {import('@web/test-runner').TestRunnerPlugin}
 */
function accessibilityTreePlugin() {
  return {
    name: 'carat-accessibility-tree',
    async executeCommand({ command, session }) {
      if (command !== 'accessibility-tree') return undefined;
      const page = /** @type {any} */ (session.browser).getPage(session.id);
      const cdp = await page.createCDPSession();
      try {
        const { nodes } = await cdp.send('Accessibility.getFullAXTree');
        return nodes
          .filter((/** @type {any} */ node) => !node.ignored)
          .map((/** @type {any} */ node) => ({ role: node.role?.value ?? '', name: node.name?.value ?? '', description: node.description?.value ?? '' }));
      } finally {
        await cdp.detach();
      }
    },
  };
}

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  // Test files share one origin and so one IndexedDB: run them one at a time.
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 300000,
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    collectorPlugin(),
    pixelsPlugin(),
    accessibilityTreePlugin(),
  ],
  browsers: [chromeLauncher({ launchOptions: { executablePath: chromePath, headless: true, args: chromeArgs } })],
};
