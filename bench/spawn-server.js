import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Starts `node <script>` with extra environment and resolves once `GET <origin>/healthz` answers
 * 2xx. Rejects (and stops the process) if it exits first or is not ready within `timeoutMs`.
 * @param {string} script absolute path
 * @param {Record<string, string>} env
 * @param {string} origin e.g. http://127.0.0.1:8191
 * @param {number} [timeoutMs]
 * @returns {Promise<{ stop: () => Promise<void> }>}
 */
export async function spawnServer(script, env, origin, timeoutMs = 15_000) {
  // A server left over on the port would answer the health check and be measured instead.
  if (await answers(origin)) throw new Error(`${origin} is already in use`);
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}: ${stderr.trim()}`);
    if (await answers(origin)) return { stop };
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
