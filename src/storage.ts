import { createStore, get, update, type UseStore } from 'idb-keyval';
import type { ConsentRecord } from './types.js';

/** The IndexedDB database and object store the widget keeps its state in (SPEC §3). */
export const DB_NAME = 'carat-consent';
export const STORE_NAME = 'consent';

/** The name of the first-party cookie used when IndexedDB is unavailable. */
export const FALLBACK_COOKIE = 'carat_consent';

/**
 * `current`: the latest record; `visitor`: the visitor id; `outbox`: records not yet delivered;
 * `history`: every record made on this device; `wordings`: wording hashes already sent.
 */
export type StorageKey = 'current' | 'visitor' | 'outbox' | 'history' | 'wordings';

/** Where the widget keeps its state: IndexedDB, or a cookie-backed stand-in when that fails. */
export interface ConsentStorage {
  /** False when IndexedDB failed and only the cookie keeps the choice across pages. */
  readonly durable: boolean;
  get<T>(key: StorageKey): Promise<T | undefined>;
  /** Read-modify-write in one IndexedDB transaction, so two tabs cannot lose each other's writes. */
  update<T>(key: StorageKey, change: (old: T | undefined) => T): Promise<void>;
}

// Some browsers leave indexedDB.open pending forever when storage is blocked; a visitor must not
// wait on that to see the banner.
const OPEN_TIMEOUT_MS = 2000;

function indexedDbStorage(store: UseStore): ConsentStorage {
  return {
    durable: true,
    get: (key) => get(key, store),
    update: (key, change) => update(key, change, store),
  };
}

function readCookie(doc: Document): Partial<Record<StorageKey, unknown>> {
  try {
    const raw = doc.cookie.split('; ').find((c) => c.startsWith(`${FALLBACK_COOKIE}=`));
    return raw ? JSON.parse(decodeURIComponent(raw.slice(FALLBACK_COOKIE.length + 1))) : {};
  } catch {
    return {};
  }
}

/**
 * The cookie holds only what decides whether to ask again: the record without the e-mail
 * address, which has no business travelling with every request to the shop.
 */
function writeCookie(doc: Document, values: Map<StorageKey, unknown>): void {
  const current = values.get('current') as ConsentRecord | undefined;
  const kept = {
    visitor: values.get('visitor'),
    current: current && { ...current, email: { marketing: current.email.marketing } },
  };
  const maxAge = current ? Math.max(0, Math.round((Date.parse(current.expiresAt) - Date.now()) / 1000)) : 31536000;
  try {
    doc.cookie = `${FALLBACK_COOKIE}=${encodeURIComponent(JSON.stringify(kept))};path=/;max-age=${maxAge};samesite=lax`;
  } catch {
    // An opaque origin refuses cookies too: the choice then lives for this page only.
  }
}

/** A stand-in for IndexedDB: memory for this page, the cookie for the choice across pages. */
export function cookieStorage(doc: Document): ConsentStorage {
  const values = new Map<StorageKey, unknown>(Object.entries(readCookie(doc)) as [StorageKey, unknown][]);
  return {
    durable: false,
    get: async <T>(key: StorageKey) => values.get(key) as T | undefined,
    update: async <T>(key: StorageKey, change: (old: T | undefined) => T) => {
      values.set(key, change(values.get(key) as T | undefined));
      if (key === 'current' || key === 'visitor') writeCookie(doc, values);
    },
  };
}

/**
 * Opens the widget's IndexedDB store, or falls back to the cookie with one console warning
 * when IndexedDB is missing, throws (private modes, blocked storage) or never answers.
 */
export async function openConsentStorage(doc: Document = document): Promise<ConsentStorage> {
  try {
    const store = createStore(DB_NAME, STORE_NAME);
    await Promise.race([
      get('visitor', store),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), OPEN_TIMEOUT_MS)),
    ]);
    return indexedDbStorage(store);
  } catch (error) {
    console.warn(`[carat-consent] IndexedDB is unavailable (${String(error)}); keeping the choice in a cookie instead.`);
    return cookieStorage(doc);
  }
}
