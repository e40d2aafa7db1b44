import type { NamesByCategory } from './types.js';

/** The well-known cookies of Google Analytics and the ad platforms, cleared without any config. */
const DEFAULT_COOKIES: NamesByCategory = {
  analytics: ['_ga', '_ga_*', '_gid', '_gat*'],
  marketing: ['_fbp', '_gcl_*'],
};

/** `*` stands for any run of characters; `(?!$)` keeps an empty list from matching the empty name. */
const matcher = (patterns: string[]): RegExp =>
  new RegExp(`^(?!$)(?:${patterns.map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')).join('|')})$`);

/**
 * A cookie is only deleted by a write with its own domain and path, which the page cannot read
 * back, so every combination it could have been set with is overwritten: host-only and each
 * parent domain but the bare TLD, and every prefix of the current path (the default path is one).
 */
function deleteCookies(doc: Document, isRefused: RegExp): void {
  const { hostname, pathname, protocol } = doc.location;
  const labels = hostname.split('.');
  const domains = ['', ...labels.slice(0, -1).map((_, i) => `;domain=${labels.slice(i).join('.')}`)];
  const paths = [pathname];
  for (let i = 0; (i = pathname.indexOf('/', i) + 1); ) paths.push(pathname.slice(0, i - 1), pathname.slice(0, i));
  // `__Secure-` and `__Host-` cookies can only be overwritten by a write that is itself secure.
  const secure = protocol == 'https:' ? ';secure' : '';
  for (const name of doc.cookie.split('; ').map((c) => c.replace(/=.*/s, ''))) {
    if (!isRefused.test(name)) continue;
    for (const domain of domains) for (const path of paths) doc.cookie = `${name}=;max-age=0;path=${path}${domain}${secure}`;
  }
}

/**
 * Deletes the cookies and `localStorage` keys of every refused category or service: the built-in
 * defaults plus the names and `*` patterns the site configured, by category or service id. Never
 * throws: sandboxed and opaque-origin documents throw on any storage access.
 */
export function clearRefusedStorage(
  granted: Record<string, boolean>,
  cookies: NamesByCategory,
  localStorageKeys: NamesByCategory,
  doc: Document = document,
): void {
  const refused = (...lists: NamesByCategory[]) =>
    matcher(lists.flatMap((list) => Object.entries(list).flatMap(([id, names]) => (granted[id] ? [] : names))));
  try {
    deleteCookies(doc, refused(DEFAULT_COOKIES, cookies));
  } catch {}
  try {
    const store = doc.defaultView!.localStorage;
    const isRefused = refused(localStorageKeys);
    for (const key of Object.keys(store)) if (isRefused.test(key)) store.removeItem(key);
  } catch {}
}
