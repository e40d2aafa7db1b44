#!/usr/bin/env node
import { mkdirSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.js';
import { DEFAULT_RETENTION_DAYS } from './retention.js';
import { doubleOptInFromEnv } from './double-opt-in-env.js';

/**
 * Starts the collector from environment variables (docs/collector.md) and stops it cleanly on a
 * signal; `carat-consent-collector verify` checks the stored chain instead (verify-command.js), and
 * `carat-consent-collector proof --email ADDRESS` prints the proof of an address (proof-command.js).
 * `--demo` also serves the repository's demo shop and built widget; the installed package
 * (`carat-consent-collector`) has neither.
 */
const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const dbPath = resolve(env.CONSENT_DB || 'data/consent.db');

/** @type {import('./store.js').StoreOptions} */
let storage = { dbPath };
let database = dbPath;
if (env.DATABASE_URL) {
  const url = URL.canParse(env.DATABASE_URL) ? new URL(env.DATABASE_URL) : null;
  if (!url || !['postgres:', 'postgresql:'].includes(url.protocol)) {
    console.error(`[carat-consent] DATABASE_URL must be a postgres://user:password@host:port/database URL, not "${env.DATABASE_URL}"`);
    process.exit(1);
  }
  storage = { databaseUrl: env.DATABASE_URL };
  url.password = '';
  database = url.href;
}

if (process.argv[2] === 'verify') {
  const { verifyCommand } = await import('./verify-command.js');
  process.exit(await verifyCommand(process.argv.slice(3), storage, database));
}
if (process.argv[2] === 'proof') {
  const { proofCommand } = await import('./proof-command.js');
  process.exit(await proofCommand(process.argv.slice(3), storage));
}
if (!env.DATABASE_URL) mkdirSync(dirname(dbPath), { recursive: true });

const rateLimitPerMinute = Number(env.RATE_LIMIT_PER_MINUTE || 120);
if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 1) {
  console.error(`RATE_LIMIT_PER_MINUTE must be a whole number above 0, not "${env.RATE_LIMIT_PER_MINUTE}"`);
  process.exit(1);
}

const trustProxy = (env.TRUST_PROXY ?? '').split(',').map((a) => a.trim()).filter(Boolean);
const notAnAddress = trustProxy.find((entry) => !isIP(entry.replace(/\/\d{1,3}$/, '')));
if (notAnAddress !== undefined) {
  console.error(`[carat-consent] TRUST_PROXY must list proxy addresses or CIDR ranges (10.0.0.0/8), not "${notAnAddress}"`);
  process.exit(1);
}

const headIntervalS = Number(env.AUDIT_HEAD_INTERVAL || 3600);
if (!(headIntervalS > 0)) {
  console.error(`[carat-consent] AUDIT_HEAD_INTERVAL must be a number of seconds above 0, not "${env.AUDIT_HEAD_INTERVAL}"`);
  process.exit(1);
}
const webhookUrl = env.AUDIT_HEAD_WEBHOOK_URL || undefined;
if (webhookUrl !== undefined && !/^https?:\/\/[^/]/.test(webhookUrl)) {
  console.error(`[carat-consent] AUDIT_HEAD_WEBHOOK_URL must be an http(s) URL, not "${webhookUrl}"`);
  process.exit(1);
}

const retentionDays = Number(env.CONSENT_RETENTION_DAYS || DEFAULT_RETENTION_DAYS);
if (!Number.isInteger(retentionDays) || retentionDays < 1) {
  console.error(`[carat-consent] CONSENT_RETENTION_DAYS must be a whole number of days above 0, not "${env.CONSENT_RETENTION_DAYS}"`);
  process.exit(1);
}

const sessionHours = Number(env.CONSENT_SESSION_HOURS || 8);
if (!(sessionHours > 0 && sessionHours <= 24 * 30)) {
  console.error(`[carat-consent] CONSENT_SESSION_HOURS must be a number of hours above 0 and at most 720, not "${env.CONSENT_SESSION_HOURS}"`);
  process.exit(1);
}

const doubleOptIn = doubleOptInFromEnv(env);
if ('error' in doubleOptIn) {
  console.error(`[carat-consent] ${doubleOptIn.error}`);
  process.exit(1);
}

// Lines logged before the collector listens wait, so the first line a newcomer sees is the URL to open.
/** @type {string[] | null} */
let beforeListening = [];
/** @param {string} line */
const log = (line) => (beforeListening ? beforeListening.push(line) : console.log(line));

const app = await buildApp({
  storage,
  allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
  rateLimitPerMinute,
  trustProxy,
  headPublishing: { intervalMs: headIntervalS * 1000, log, ...(webhookUrl ? { webhookUrl } : {}) },
  retention: { days: retentionDays, log },
  ...(process.argv.includes('--demo')
    ? { staticRoot: { demo: resolve(repository, 'demo'), dist: resolve(repository, 'dist') } }
    : {}),
  logger: true,
  ...(env.CONSENT_ADMIN_TOKEN ? { adminToken: env.CONSENT_ADMIN_TOKEN } : {}),
  ...(env.CONSENT_SESSION_SECRET ? { sessionSecret: env.CONSENT_SESSION_SECRET } : {}),
  sessionHours,
  ...doubleOptIn.options,
});

// Handlers go in before the URL is printed: whoever reads it may signal at once.
/** @param {NodeJS.Signals} signal */
async function shutdown(signal) {
  console.log(`${signal}: finishing open requests, then closing the database`);
  // A client that never finishes its request must not keep the process (and the database) open.
  setTimeout(() => process.exit(1), 10000).unref();
  await app.close();
  console.log('collector stopped');
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

const port = Number(env.PORT || 8080);
const address = await app.listen({ port, host: env.HOST || '127.0.0.1' }).catch((error) => {
  // A newcomer's most likely failure: another program (often a second `npm start`) holds the port.
  if (error?.code !== 'EADDRINUSE') throw error;
  console.error(`[carat-consent] port ${port} is in use by another program: stop it, or start with another port, e.g. PORT=8081 npm start`);
  process.exit(1);
});
if (process.argv.includes('--demo')) console.log(`Open the demo shop: ${address}/`);
console.log(`carat-consent collector listening on ${address} (database ${database})`);
for (const line of beforeListening) console.log(line);
beforeListening = null;
if (env.CONSENT_ADMIN_TOKEN) console.log(`The site owner's console: ${address}/admin/ (sign in with CONSENT_ADMIN_TOKEN)`);
else console.log('Audit routes and the console at /admin/ are off: set CONSENT_ADMIN_TOKEN to turn them on.');
