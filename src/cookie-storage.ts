import { FALLBACK_COOKIE, memoryStorage, type ConsentStorage, type StorageKey } from './storage.js';
import type { ConsentRecord } from './types.js';

/**
 * The stand-in for IndexedDB where the browser blocks it. Such visitors are few, so the embed
 * fetches this file only for them.
 */

export { FALLBACK_COOKIE };

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
  return memoryStorage(new Map(Object.entries(readCookie(doc)) as [StorageKey, unknown][]), (key, values) => {
    if (key === 'current' || key === 'visitor') writeCookie(doc, values);
  });
}
