import type { ConsentRecord } from './types.js';

/**
 * The hint: a first-party cookie that repeats what the stored choice grants, so a returning
 * visitor's gated scripts start before IndexedDB has answered, read in the same `document.cookie`
 * look-up the page makes anyway. IndexedDB stays the record: once it answers, the hint is
 * rewritten from it or removed. It holds no id, no address and no date but the expiry — only what
 * applying the visitor's own choice needs, which makes it strictly necessary.
 */
export interface ConsentHint {
  /** The category and service ids granted. */
  granted: Record<string, true>;
  /** The `policy-version` the choice was made under, when the site sets one; else empty. */
  version: string;
}

/** The hint cookie's name. */
export const HINT_COOKIE = 'carat_consent_hint';

// `analytics.google-analytics|1795000000000|v2`: ids are `[a-z][a-z0-9-]*`, so `.` and `|` cannot clash.
const HINT = /(?:^|; )carat_consent_hint=([a-z0-9.-]*)\|(\d+)\|([^;]*)/;

/** The ids a record grants, categories and services alike. */
export const grantedIds = (record: ConsentRecord): string[] =>
  Object.entries({ ...record.services, ...record.categories }).flatMap(([id, granted]) => (granted ? [id] : []));

/** The page's cookies, read once per start: each read of `document.cookie` asks the browser process. */
export function readCookies(doc: Document): string {
  try {
    // A cookie blocker's getter may answer anything.
    const cookies: unknown = doc.cookie;
    return typeof cookies == 'string' ? cookies : '';
  } catch {
    // An opaque origin refuses cookies: returning visitors then wait for IndexedDB, as they always could.
    return '';
  }
}

/**
 * The hint in `cookies` (`document.cookie`), or null. The browser drops it when the choice
 * expires (its `max-age`). Anything unreadable counts as no hint: a page may have written the
 * cookie itself.
 */
export function readHint(cookies: string): ConsentHint | null {
  const [, ids, , version] = (cookies.includes(HINT_COOKIE) && HINT.exec(cookies)) || [];
  try {
    return ids == null ? null : { granted: Object.fromEntries(ids.split('.').map((id) => [id, true])), version: decodeURIComponent(version!) };
  } catch {
    return null;
  }
}

/**
 * Keeps the hint of a choice that counts, until it expires, or removes it (`null`: a max-age in
 * the past). `version`: the site's `policy-version`, if any.
 */
export function keepHint(doc: Document, record: ConsentRecord | null, version: string): void {
  const expires = record ? Date.parse(record.expiresAt) : 0;
  try {
    doc.cookie = `${HINT_COOKIE}=${record ? `${grantedIds(record).join('.')}|${expires}|${encodeURIComponent(version)}` : ''};path=/;max-age=${((expires - Date.now()) / 1000) | 0};samesite=lax`;
  } catch {
    // An opaque origin refuses cookies: returning visitors then wait for IndexedDB, as they always could.
  }
}
