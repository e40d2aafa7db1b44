import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../server/main.js', import.meta.url));

/** Runs `server/main.js --demo` as `npm start` does, until it exits or prints its second line. */
function startDemo(port) {
  const dir = mkdtempSync(join(tmpdir(), 'carat-start-'));
  const child = spawn(process.execPath, [main, '--demo'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CONSENT_DB: join(dir, 'consent.db') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise((resolve) => {
    child.stdout.on('data', () => stdout.split('\n').length > 2 && resolve({ code: null, stdout, stderr }));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('npm start as a newcomer meets it', () => {
  it('prints the demo shop to open as its first line', async () => {
    const { child, done, cleanup } = startDemo(0);
    try {
      const { stdout } = await done;
      assert.match(stdout.split('\n')[0], /^Open the demo shop: http:\/\/127\.0\.0\.1:\d+\/$/);
    } finally {
      child.kill();
      cleanup();
    }
  });

  it('names the busy port and PORT in one line instead of a stack', async () => {
    const holder = createServer();
    await new Promise((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = /** @type {import('node:net').AddressInfo} */ (holder.address());
    const { done, cleanup } = startDemo(port);
    try {
      const { code, stderr } = await done;
      assert.equal(code, 1);
      const lines = stderr.trim().split('\n');
      assert.equal(lines.length, 1, stderr);
      assert.match(lines[0], new RegExp(`^\\[carat-consent\\] port ${port} is in use.*PORT=`));
      assert.doesNotMatch(stderr, /EADDRINUSE|at .*\.js:\d+/);
    } finally {
      holder.close();
      cleanup();
    }
  });
});
