/**
 * What the consumer tests share: the real collector, small static servers standing in for a shop
 * and its CDN, and Debian's Chromium driven by playwright-core.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromeArgs, chromePath } from '../../scripts/chrome.js';

/** The repository root. */
export const root = fileURLToPath(new URL('../../', import.meta.url));

/** The collector's entry point: the one line to change when it moves. */
export const collectorEntry = join(root, 'server/main.js');

/** The built widget, as a shop serves it. */
export const dist = join(root, 'dist');

const ADMIN_TOKEN = 'consumer-tests';

/** A temporary folder, removed by `remove()`. */
export function tempDir(prefix = 'carat-consumers-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts the real collector on a free port with a temporary database, accepting records from
 * `allowedOrigins`.
 * @param {string[]} allowedOrigins
 */
export async function startCollector(allowedOrigins) {
  const temp = tempDir('carat-consumers-db-');
  const child = spawn(process.execPath, [collectorEntry], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      CONSENT_DB: join(temp.dir, 'consent.db'),
      CONSENT_ADMIN_TOKEN: ADMIN_TOKEN,
      ALLOWED_ORIGINS: allowedOrigins.join(','),
      RATE_LIMIT_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const found = /listening on (\S+)/.exec(output);
      if (found) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`the collector exited with ${code}:\n${output}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    /** @type {string} */
    url,
    endpoint: `${url}/api/consent`,
    /** What the collector has printed so far (its log). */
    output: () => output,
    /** The record with this id as the collector stored it, once it has it. @param {string} id */
    record: async (id) => (await poll(`${url}/api/consent/${id}`)).record,
    /** The wording with this hash, once the collector has it (it checks the hash). @param {string} hash */
    wording: (hash) => poll(`${url}/api/wording/${hash}`),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      temp.remove();
    },
  };
}

/** GETs an admin route until it answers 200 (up to `ms`), then its JSON. @param {string} route */
async function poll(route, ms = 10000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const response = await fetch(route, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    if (response.ok) return response.json();
    if (Date.now() > deadline) throw new Error(`${route} answered HTTP ${response.status} for ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
};

/**
 * A static file server on a free port: what a shop or a CDN is. It sends no CORS headers.
 * `headers` (or what a function of that name gives) are added to every answer; `pages` answers paths with generated HTML (or another
 * `type`); `host` names the server in `origin` (Chromium maps it to 127.0.0.1 where told to).
 * @param {{ dir?: string, headers?: Record<string, string> | (() => Record<string, string>), pages?: Record<string, () => string | { type: string, body: string }>, host?: string }} options
 */
export async function serve({ dir, headers: given = {}, pages = {}, host = '127.0.0.1' }) {
  const server = createServer((request, response) => {
    const headers = typeof given === 'function' ? given() : given;
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const page = pages[path];
    let body;
    let type = TYPES['.html'];
    if (page) {
      const made = page();
      if (typeof made === 'string') body = made;
      else ({ body, type } = made);
    } else if (dir) {
      let file = normalize(join(dir, path));
      if (!file.startsWith(dir)) file = '';
      else if (file.endsWith('/') || (statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false)) file = join(file, 'index.html');
      try {
        body = readFileSync(file);
        type = TYPES[/** @type {keyof TYPES} */ (extname(file))] ?? 'application/octet-stream';
      } catch {}
    }
    if (body === undefined) {
      response.writeHead(404, headers).end('not found');
      return;
    }
    response.writeHead(200, { ...headers, 'content-type': type, 'cache-control': 'no-store' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    port,
    origin: `http://${host}:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Debian's Chromium, headless. @param {string[]} [args] */
export function launchChromium(args = []) {
  return chromium.launch({ executablePath: chromePath, args: [...chromeArgs, ...args] });
}

/**
 * Collects what a page reports: console errors and warnings, uncaught errors, and CSP violations.
 * @param {import('playwright-core').Page} page
 */
export function watchPage(page) {
  const seen = { errors: /** @type {string[]} */ ([]), warnings: /** @type {string[]} */ ([]) };
  page.on('console', (message) => {
    if (message.type() === 'error') seen.errors.push(message.text());
    if (message.type() === 'warning') seen.warnings.push(message.text());
  });
  page.on('pageerror', (error) => seen.errors.push(`uncaught: ${error.message}`));
  return seen;
}

/** The id of the visitor's current record, once the widget has one. @param {import('playwright-core').Page} page */
export function currentRecordId(page) {
  return page.evaluate(async () => {
    const record = await window.CaratConsent.getConsent();
    return record?.id ?? null;
  });
}
