import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID, createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';

const MAIN = new URL('../../server/main.js', import.meta.url).pathname;

/**
 * The throwaway PostgreSQL cluster the suite runs against when started by `postgres-suite.js`
 * (a superuser URL); unset, the suite runs on SQLite.
 */
export const POSTGRES = process.env.CARAT_TEST_POSTGRES;
/** For tests that only make sense on one store: `it(name, onlyOn('sqlite'), fn)`. @param {'sqlite' | 'postgres'} store */
export const onlyOn = (store) => ({ skip: (store === 'postgres') !== Boolean(POSTGRES) && `${store} only` });

/** A fresh folder for one test file's databases. */
export function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'carat-collector-'));
  return { dir, db: join(dir, 'consent.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A fresh, empty store for a collector: a SQLite file in a temporary folder, or a new database on
 * the test cluster when the suite runs on PostgreSQL.
 * @returns {Promise<{ env: Record<string, string>, url?: string, rows: () => Promise<Record<string, any>[]>, remove: () => Promise<void> }>}
 */
export async function tempStore() {
  const temp = tempDir();
  if (!POSTGRES) {
    return { env: { CONSENT_DB: temp.db }, rows: async () => rows(temp.db), remove: async () => temp.remove() };
  }
  temp.remove();
  const name = `carat_${randomUUID().replaceAll('-', '')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.href },
    url: url.href,
    rows: () => postgresRows(url.href),
    remove: () => adminQuery(`DROP DATABASE ${name} WITH (FORCE)`),
  };
}

/** @param {string} sql */
async function adminQuery(sql) {
  const client = new pg.Client(POSTGRES);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Rows of a PostgreSQL store, read directly, in the shape `rows` gives for SQLite.
 * @param {string} url
 */
export async function postgresRows(url) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const { rows: found } = await client.query('SELECT * FROM consent_records ORDER BY seq');
    return found.map((row) => ({ ...row, seq: Number(row.seq) }));
  } finally {
    await client.end();
  }
}

/**
 * Starts the real collector (`node server/main.js`) on a free port and resolves once it listens.
 * @param {Record<string, string>} env
 * @param {string[]} [args] e.g. `--demo`
 */
export async function startCollector(env, args = []) {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk) => { output += chunk; });
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const found = /listening on (\S+)/.exec(output);
      if (found) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`collector exited with ${code}:\n${output}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    url: /** @type {string} */ (url),
    child,
    exited,
    output: () => output,
    /** Stops it the way an init system would. */
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** A valid consent record; `overrides` replaces top-level fields. @param {Record<string, unknown>} [overrides] */
export function makeRecord(overrides = {}) {
  return {
    id: randomUUID(),
    visitorId: randomUUID(),
    createdAt: '2026-11-24T21:40:00.000Z',
    expiresAt: '2027-05-23T21:40:00.000Z',
    policyVersion: `sha256:${'ab'.repeat(32)}`,
    site: 'https://clustercarat.example',
    method: 'custom',
    categories: { necessary: true, analytics: true, marketing: false, preferences: false },
    email: { marketing: 'granted', address: 'ada@clustercarat.example' },
    gpc: false,
    language: 'en',
    wordingHash: `sha256:${'cd'.repeat(32)}`,
    ...overrides,
  };
}

/** `sha256:` + hex of the UTF-8 text, as the wording route expects. @param {string} text */
export function wordingHash(text) {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/**
 * POSTs a body as JSON (or the given content type) and returns status, headers and parsed body.
 * @param {string} url @param {unknown} body @param {Record<string, string>} [headers]
 */
export async function post(url, body, headers = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** Rows of the collector's SQLite file, read directly (WAL lets us read while it runs). @param {string} path */
export function rows(path) {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT * FROM consent_records ORDER BY seq').all();
  } finally {
    db.close();
  }
}

/**
 * Runs `node server/main.js verify` on a store, as an auditor would.
 * @param {string | Record<string, string>} store a SQLite file, or the environment naming the store (`tempStore().env`)
 * @param {string[]} [args]
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
export function verify(store, args = []) {
  const child = spawn(process.execPath, [MAIN, 'verify', ...args], {
    env: { ...process.env, ...(typeof store === 'string' ? { CONSENT_DB: store } : store) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}
