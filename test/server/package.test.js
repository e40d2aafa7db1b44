import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { makeRecord, post } from './collector.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOKEN = 'package-test-token';
const SQLITE_BINARY = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';

/**
 * `npx carat-consent-collector [args]` in the shop's folder, as its owner would run it, in a
 * process group of its own.
 * @param {string} cwd @param {Record<string, string>} env @param {string[]} [args]
 */
function npx(cwd, env, args = []) {
  return spawn('npx', ['--no-install', 'carat-consent-collector', ...args], {
    cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
}

/**
 * The collector's own process in npx's group: npx does not pass SIGTERM on to it, and signalling
 * the whole group may deliver a second SIGTERM (through npm), which ends the collector before its
 * clean shutdown is done. An init system signals the collector itself.
 * @param {number} group npx's pid
 */
function collectorIn(group) {
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (Number(pgrp) === group && basename(argv[0] ?? '') === 'node' && (argv[1] ?? '').endsWith('carat-consent-collector')) return Number(entry);
    } catch {
      // gone since the listing
    }
  }
  throw new Error(`no collector process in process group ${group}`);
}

// What a shop owner gets: the collector packed as npm publishes it, installed alone into an empty
// folder, started with npx. No repository beside it, so nothing it needs may come from outside the
// package (the console's built files included).
describe('the collector package, packed and installed into an empty folder', () => {
  const temp = mkdtempSync(join(tmpdir(), 'carat-package-'));
  const shop = join(temp, 'shop');
  const env = { PORT: '0', HOST: '127.0.0.1', CONSENT_DB: join(temp, 'data/consent.db'), CONSENT_ADMIN_TOKEN: TOKEN };
  /** @type {string[]} */
  let packed = [];

  before(async () => {
    assert.ok(existsSync(join(ROOT, 'server/console/index.html')), 'the console is built (npm run build)');
    // npm test has just built everything; packing by hand runs the build first (prepack).
    const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', temp, '-w', 'carat-consent-collector'], { cwd: ROOT });
    const [tarball] = JSON.parse(stdout);
    packed = tarball.files.map((/** @type {{ path: string }} */ file) => file.path);
    mkdirSync(shop);
    writeFileSync(join(shop, 'package.json'), JSON.stringify({ name: 'shop', private: true }));
    // better-sqlite3's install script fetches a prebuilt binary from GitHub, which these machines
    // cannot reach, else compiles SQLite for minutes: the same version's binary, already built for
    // this Node in the repository, takes its place. Everything else is installed as npm does it.
    await run('npm', ['install', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', join(temp, tarball.filename)], { cwd: shop });
    const version = (/** @type {string} */ dir) => JSON.parse(readFileSync(join(dir, 'node_modules/better-sqlite3/package.json'), 'utf8')).version;
    assert.equal(version(shop), version(ROOT));
    mkdirSync(join(shop, 'node_modules/better-sqlite3/build/Release'), { recursive: true });
    copyFileSync(join(ROOT, SQLITE_BINARY), join(shop, SQLITE_BINARY));
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('holds the collector and the built console, not the tests or the demo', () => {
    for (const file of ['main.js', 'app.js', 'console/index.html', 'console/console.js', 'console/widget/carat-consent.js', 'package.json']) {
      assert.ok(packed.includes(file), `${file} in ${packed.join(', ')}`);
    }
    assert.equal(packed.filter((file) => /^(test|demo|src|admin)\//.test(file)).length, 0, packed.join(', '));
  });

  it('starts with npx, stores a record, answers /healthz, serves the console and no demo, and verifies', async () => {
    const child = npx(shop, env);
    let output = '';
    child.stderr.on('data', (chunk) => { output += chunk; });
    // Once every process of the group has let go of its output: the collector has exited too.
    const closed = new Promise((resolve) => child.once('close', resolve));
    /** @type {number | undefined} */
    let collector;
    try {
      const url = await new Promise((resolve, reject) => {
        child.stdout.on('data', (chunk) => {
          output += chunk;
          const found = /listening on (\S+)/.exec(output);
          if (found) resolve(found[1]);
        });
        child.once('exit', (code) => reject(new Error(`npx carat-consent-collector exited with ${code}:\n${output}`)));
      });
      collector = collectorIn(/** @type {number} */ (child.pid));
      assert.equal((await post(`${url}/api/consent`, makeRecord())).status, 201);
      const health = await fetch(`${url}/healthz`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok' });
      const page = await fetch(`${url}/admin/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<script[^>]+console\.js/);
      assert.equal((await fetch(`${url}/admin/console.js`)).status, 200);
      assert.equal((await fetch(`${url}/`)).status, 404, 'no demo shop in the package');
    } finally {
      if (collector) process.kill(collector, 'SIGTERM');
      else process.kill(-(/** @type {number} */ (child.pid)), 'SIGKILL');
      await closed;
    }
    assert.match(output, /^collector stopped$/m, 'SIGTERM closed the database cleanly');
    const verify = npx(shop, env, ['verify']);
    let report = '';
    verify.stdout.on('data', (chunk) => { report += chunk; });
    assert.equal(await new Promise((resolve) => verify.once('exit', resolve)), 0, report);
    assert.match(report, /^OK: 1 record checked/m);
  });
});
