// Consent records for the console's tests, screenshots and bench: made up, but stored through the
// collector's own writer into a real SQLite file or PostgreSQL database, so every trigger and
// index runs as in production.
import { createHash } from 'node:crypto';
import { openConsentDb, openRecordWriter } from '../server/db.js';
import { addRecord, openStore } from '../server/store.js';

/** The wording each language's visitors were shown, archived as the widget would send it. */
export const WORDINGS = {
  en: 'Cookies at Cluster Carat\nWe use cookies to count visits and to show you offers. Accept all, reject all or choose.',
  de: 'Cookies bei Cluster Carat\nWir verwenden Cookies, um Besuche zu zählen und Angebote zu zeigen.',
  fr: 'Cookies chez Cluster Carat\nNous utilisons des cookies pour compter les visites et vous montrer des offres.',
};

/** @param {string} text */
export const hashOf = (text) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;

/** A small fast PRNG (mulberry32), so a seed gives the same records every run. @param {number} seed */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UUID v4 from the PRNG. @param {() => number} next */
function uuid(next) {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(next() * 4)] ?? '8';
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/**
 * `count` records spread evenly over the `days` UTC days ending with `lastDay`: a realistic mix of
 * methods, languages, two policy versions and some GPC browsers.
 * @param {{ count: number, days: number, lastDay: string, seed?: number, services?: boolean }} options
 * @returns {Generator<{ record: Record<string, any>, receivedAt: string }>}
 */
export function* fakeRecords({ count, days, lastDay, seed = 1, services = false }) {
  const next = random(seed);
  const start = Date.parse(lastDay) - (days - 1) * 86400000;
  const span = days * 86400000;
  const languages = /** @type {(keyof typeof WORDINGS)[]} */ (['en', 'en', 'de', 'fr']);
  for (let i = 0; i < count; i++) {
    const at = new Date(start + Math.floor(((i + next()) * span) / count)).toISOString();
    const roll = next();
    const method = roll < 0.5 ? 'accept-all' : roll < 0.78 ? 'reject-all' : roll < 0.95 ? 'custom' : 'withdraw';
    const gpc = next() < 0.08;
    const pick = () => (method === 'accept-all' ? true : method === 'custom' ? next() < 0.5 : false);
    const analytics = pick();
    const marketing = pick() && !(gpc && method === 'accept-all');
    const language = languages[Math.floor(next() * languages.length)] ?? 'en';
    const record = {
      id: uuid(next),
      visitorId: uuid(next),
      createdAt: at,
      expiresAt: new Date(Date.parse(at) + 180 * 86400000).toISOString(),
      policyVersion: at < new Date(start + span / 2).toISOString() ? 'sha256:policy-2026-09' : 'sha256:policy-2026-11',
      site: 'https://clustercarat.example',
      method,
      categories: { necessary: true, analytics, marketing, preferences: pick() },
      ...(services ? { services: { 'google-analytics': analytics, 'meta-pixel': marketing } } : {}),
      email: { marketing: 'unset' },
      gpc,
      language,
      wordingHash: hashOf(WORDINGS[language]),
    };
    yield { record, receivedAt: at };
  }
}

/** One visitor's history with an e-mail address: grant, change, withdrawal. */
export function emailHistory() {
  const visitorId = crypto.randomUUID();
  const address = 'grete@mail.example';
  const at = (/** @type {number} */ back) => new Date(Date.now() - back * 86400000).toISOString();
  const base = {
    visitorId, expiresAt: at(-180), policyVersion: 'sha256:policy-2026-11', site: 'https://clustercarat.example',
    gpc: false, language: 'de', wordingHash: hashOf(WORDINGS.de),
  };
  return [
    { ...base, id: crypto.randomUUID(), createdAt: at(3), method: 'accept-all', categories: { necessary: true, analytics: true, marketing: true, preferences: true }, email: { marketing: 'granted', address } },
    { ...base, id: crypto.randomUUID(), createdAt: at(2), method: 'custom', categories: { necessary: true, analytics: true, marketing: false, preferences: false }, email: { marketing: 'granted', address } },
    { ...base, id: crypto.randomUUID(), createdAt: at(1), method: 'withdraw', categories: { necessary: true, analytics: false, marketing: false, preferences: false }, email: { marketing: 'denied', address } },
  ].map((record) => ({ record, receivedAt: record.createdAt }));
}

/**
 * Stores records (and the wordings they name) in the SQLite file at `path`, creating it.
 * @param {string} path
 * @param {Iterable<{ record: Record<string, any>, receivedAt: string }>} records
 */
export function seedRecords(path, records) {
  const db = openConsentDb(path);
  for (const text of Object.values(WORDINGS)) db.addWording(hashOf(text), text, new Date(0).toISOString(), '198.51.100.0/24');
  const writer = openRecordWriter(path);
  /** @type {(string | null)[][]} */
  let batch = [];
  const flush = () => {
    writer.insert(batch);
    batch = [];
  };
  for (const { record, receivedAt } of records) {
    batch.push([
      record.id, record.visitorId, record.email.address?.toLowerCase() ?? null, record.createdAt, receivedAt,
      '198.51.100.0/24', JSON.stringify(record),
    ]);
    if (batch.length === 5000) flush();
  }
  if (batch.length) flush();
  writer.close();
  db.close();
}

/**
 * Stores records (and the wordings they name) in the PostgreSQL database at `url`, migrating it,
 * through the collector's store: group commit, chain and all.
 * @param {string} url
 * @param {Iterable<{ record: Record<string, any>, receivedAt: string }>} records
 */
export async function seedPostgres(url, records) {
  const store = await openStore({ databaseUrl: url }, (error) => console.error(error.message));
  try {
    for (const text of Object.values(WORDINGS)) await store.addWording(hashOf(text), text, new Date(0).toISOString(), '198.51.100.0/24');
    // In order, as seedRecords stores them: the chain's order is the order records arrive in.
    const stored = [];
    for (const { record, receivedAt } of records) stored.push(addRecord(store, { record: /** @type {any} */ (record), receivedAt, clientAddress: '198.51.100.0/24' }));
    await Promise.all(stored);
  } finally {
    await store.close();
  }
}
