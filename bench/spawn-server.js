import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Starts `node <script>` on a free port (PORT=0) with extra environment, reads the origin from the
 * line it prints once listening ("… listening on http://host:port …"), and resolves once
 * `GET <origin>/healthz` answers 2xx. Rejects (and stops the process) if it exits first or is not
 * ready within `timeoutMs`.
 * @param {string} script absolute path
 * @param {Record<string, string>} env
 * @param {number} [timeoutMs]
 * @returns {Promise<{ origin: string, pid: number, stop: () => Promise<void> }>}
 */
export async function spawnServer(script, env, timeoutMs = 15_000) {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout = (stdout + chunk).slice(-2000)));
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}: ${stderr.trim()}`);
    const origin = /listening on (http:\/\/[^\s/]+)/.exec(stdout)?.[1];
    if (origin && await answers(origin)) return { origin, pid: /** @type {number} */ (child.pid), stop };
    await sleep(100);
  }
  await stop();
  throw new Error(`${script} not ready within ${timeoutMs} ms: ${stderr.trim()}`);
}

async function answers(origin) {
  try {
    return (await fetch(`${origin}/healthz`)).ok;
  } catch {
    return false;
  }
}
