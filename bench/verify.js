import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { consentRecordBody } from './consent-record.js';

const BATCH = 2000;

/**
 * The chain's cost outside the request path: storing `count` records through the collector's own
 * writer (chain computed in each insert's transaction), then `carat-consent-collector verify` over
 * them, timed from outside as an auditor would run it.
 * @param {string} root repository root
 * @param {number} count
 * @returns {Promise<{ missing: string } | { count: number, storeS: number, verifyS: number, verifyOutput: string }>}
 */
export async function measureVerify(root, count) {
  const main = join(root, 'server/main.js');
  if (!existsSync(join(root, 'server/verify-command.js'))) return { missing: 'server/verify-command.js not found' };
  const { openCheckpointer, openConsentDb, openRecordWriter } = await import(pathToFileURL(join(root, 'server/db.js')).href);
  const data = mkdtempSync(join(tmpdir(), 'carat-verify-bench-'));
  const dbPath = join(data, 'consent.db');
  try {
    const db = openConsentDb(dbPath);
    const writer = openRecordWriter(dbPath);
    // The collector's checkpoint thread keeps the log short; here the same copy runs between batches.
    const checkpointer = openCheckpointer(dbPath);
    const storing = performance.now();
    for (let done = 0; done < count; done += BATCH) {
      const receivedAt = new Date().toISOString();
      writer.insert(Array.from({ length: Math.min(BATCH, count - done) }, () => {
        const body = consentRecordBody();
        const record = JSON.parse(body);
        return [record.id, record.visitorId, null, record.createdAt, receivedAt, '203.0.113.0/24', body];
      }));
      checkpointer.restart();
    }
    const storeS = (performance.now() - storing) / 1000;
    checkpointer.close();
    writer.close();
    db.close();
    const verifying = performance.now();
    const { code, output } = await new Promise((resolve) => {
      const child = spawn(process.execPath, [main, 'verify'], { env: { ...process.env, CONSENT_DB: dbPath } });
      let text = '';
      child.stdout.on('data', (chunk) => { text += chunk; });
      child.stderr.on('data', (chunk) => { text += chunk; });
      child.once('close', (exit) => resolve({ code: exit, output: text }));
    });
    const verifyS = (performance.now() - verifying) / 1000;
    if (code !== 0) return { missing: `verify exited ${code}: ${output.trim()}` };
    return { count, storeS, verifyS, verifyOutput: output.trim().split('\n').at(-1) ?? '' };
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}
