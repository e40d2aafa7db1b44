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

/** The first-party cookie that keeps the choice where IndexedDB is blocked (see `cookie-storage.ts`). */
export const FALLBACK_COOKIE = 'carat_consent';

/**
 * False only when nothing can be stored: no fallback cookie, and the browser lists its databases
 * without the widget's — known well before opening would have created the database.
 */
export async function mayHaveStoredChoice(doc: Document): Promise<boolean> {
  try {
    const listed = indexedDB.databases();
    // The caller opens IndexedDB and reads the hint before this goes on: the list answers meanwhile.
    await 0;
    return doc.cookie.includes(FALLBACK_COOKIE + '=') || (await listed).some(({ name }) => name == DB_NAME);
  } catch {
    return true;
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
