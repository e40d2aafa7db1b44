import { existsSync } from 'node:fs';
import { openConsentDb } from './db.js';
import { proofOf } from './proof.js';
import { proofMarkdown } from './proof-markdown.js';
import { proofHtml } from './proof-html.js';

/**
 * `carat-consent-collector proof --email ADDRESS [--html]`: prints the proof of an address (SPEC
 * §12) on stdout, as Markdown or as a printable HTML page, from the store the collector uses.
 * @param {string[]} args what follows `proof` on the command line
 * @param {import('./store.js').StoreOptions} storage
 * @param {{ now?: number, write?: (text: string) => void, error?: (line: string) => void }} [io]
 * @returns {Promise<number>} exit code: 0 printed (also for an address with no record), 2 could not
 */
export async function proofCommand(args, storage, io = {}) {
  const write = io.write ?? ((text) => process.stdout.write(text));
  const error = io.error ?? console.error;
  let email = '';
  let html = false;
  for (let i = 0; i < args.length; i++) {
    const arg = /** @type {string} */ (args[i]);
    if (arg === '--html') html = true;
    else if (arg === '--email' || arg.startsWith('--email=')) email = (arg === '--email' ? args[++i] : arg.slice(8)) ?? '';
    else {
      error(`[carat-consent] proof takes --email ADDRESS and --html, not "${arg}"`);
      return 2;
    }
  }
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
    error(`[carat-consent] proof --email must be an e-mail address, not "${email}"`);
    return 2;
  }
  if ('dbPath' in storage && !existsSync(storage.dbPath)) {
    error(`[carat-consent] proof: no database at ${storage.dbPath} (set CONSENT_DB to the collector's file, or DATABASE_URL)`);
    return 2;
  }
  const store = 'dbPath' in storage
    ? openConsentDb(storage.dbPath)
    : await (await import('./postgres-store.js')).openPostgresStore(storage.databaseUrl, (e) => error(e.message));
  try {
    const proof = await proofOf(store, email, { now: io.now ?? Date.now() });
    write(html ? proofHtml(proof) : proofMarkdown(proof));
    if (!proof.entries.length) error(`[carat-consent] proof: no record names the address ${email}`);
    return 0;
  } finally {
    await store.close();
  }
}
