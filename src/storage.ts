import { createStore, get, update, type UseStore } from 'idb-keyval';

/** The IndexedDB database and object store the widget keeps its state in (SPEC §3). */
export const DB_NAME = 'carat-consent';
export const STORE_NAME = 'consent';

/**
 * `current`: the latest record; `visitor`: the visitor id; `outbox`: records not yet delivered;
 * `history`: every record made on this device; `wordings`: wording hashes already sent.
 */
export type StorageKey = 'current' | 'visitor' | 'outbox' | 'history' | 'wordings';

/** Where the widget keeps its state: IndexedDB, or a cookie-backed stand-in when that fails. */
export interface ConsentStorage {
  get<T>(key: StorageKey): Promise<T | undefined>;
  /** Read-modify-write in one IndexedDB transaction, so two tabs cannot lose each other's writes. */
  update<T>(key: StorageKey, change: (old: T | undefined) => T): Promise<void>;
}

// Some browsers leave indexedDB.open pending forever when storage is blocked; a visitor must not
// wait on that to see the banner.
const OPEN_TIMEOUT_MS = 2000;

/** State for this page only, calling `written` after each change: the base of the IndexedDB stand-ins. */
export function memoryStorage(
  values = new Map<StorageKey, unknown>(),
  written: (key: StorageKey, values: Map<StorageKey, unknown>) => void = () => {},
): ConsentStorage {
  return {
    get: async <T>(key: StorageKey) => values.get(key) as T | undefined,
    update: async <T>(key: StorageKey, change: (old: T | undefined) => T) => {
      values.set(key, change(values.get(key) as T | undefined));
      written(key, values);
    },
  };
}

function indexedDbStorage(store: UseStore): ConsentStorage {
  return {
    get: (key) => get(key, store),
    update: (key, change) => update(key, change, store),
  };
}

/**
 * Storage that `open`s on its first use, and then notes in `localStorage` (a key named after the
 * database) that a choice may be stored. Only a visit that found no such note opens it this way:
 * writing the note on every page would make each one load `localStorage`.
 */
export function openedOnUse(open: () => Promise<ConsentStorage>): ConsentStorage {
  let opened: Promise<ConsentStorage> | undefined;
  const storage = () =>
    (opened ??= open().then((storage) => {
      try {
        localStorage.setItem(DB_NAME, '1');
      } catch {
        // Without localStorage, a first visit is told from the cookies and IndexedDB alone.
      }
      return storage;
    }));
  return {
    get: (key) => storage().then((opened) => opened.get(key)),
    update: (key, change) => storage().then((opened) => opened.update(key, change)),
  };
}

/** The first-party cookie that keeps the choice where IndexedDB is blocked (see `cookie-storage.ts`). */
export const FALLBACK_COOKIE = 'carat_consent';

/**
 * False only when this device holds no choice: no fallback cookie in `cookies` (`document.cookie`)
 * and no `localStorage` key named after the database, which says it exists. The browser clears
 * that key together with the database (site data, Safari's seven-day rule), unlike the hint
 * cookie, and it answers at once: a first visit's banner waits for no IndexedDB, and opening it
 * would create the database.
 */
export function mayHaveStoredChoice(cookies: string): boolean {
  try {
    return cookies.includes(FALLBACK_COOKIE + '=') || localStorage.getItem(DB_NAME) != null;
  } catch {
    return true;
  }
}

/** Whether the browser lists the widget's database; false where it cannot tell. */
export async function databaseListed(): Promise<boolean> {
  try {
    return (await indexedDB.databases()).some(({ name }) => name == DB_NAME);
  } catch {
    return false;
  }
}

/**
 * Opens the widget's IndexedDB store, or answers null with one console warning when IndexedDB
 * is missing, throws (private modes, blocked storage) or never answers.
 */
export async function openConsentStorage(): Promise<ConsentStorage | null> {
  try {
    const store = createStore(DB_NAME, STORE_NAME);
    await Promise.race([
      get('visitor', store),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), OPEN_TIMEOUT_MS)),
    ]);
    return indexedDbStorage(store);
  } catch (error) {
    console.warn(`[carat-consent] IndexedDB is unavailable (${String(error)}); keeping the choice in a cookie instead.`);
    return null;
  }
}
