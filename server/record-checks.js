/**
 * Checks on a consent record that a JSON schema cannot express: they compare it with the request
 * that brought it and with the collector's clock (SPEC §10).
 */

/** How far a visitor's clock may run ahead of the collector's. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** @param {string} url */
function originOf(url) {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * Why a schema-valid record cannot be taken as proof, or null when it can.
 * @param {{ site: string, createdAt: string, expiresAt: string, method: string, email: { confirmedAt?: string } }} record
 * @param {string | undefined} origin the request's `Origin` header: a browser sets it, a page cannot
 * @param {number} now the collector's clock, ms
 * @returns {{ error: string, field: string } | null}
 */
export function recordProblem(record, origin, now) {
  // Only following the link in the confirmation mail confirms an address: a post cannot claim it.
  if (record.method === 'confirm') {
    return { error: 'method confirm is written by the collector when the confirmation link is followed, never posted', field: 'method' };
  }
  if (record.email.confirmedAt !== undefined) {
    return { error: 'email.confirmedAt is written by the collector when the confirmation link is followed, never posted', field: 'email.confirmedAt' };
  }
  // A page on one site must not be able to file consent in another site's name.
  if (origin !== undefined && originOf(record.site) !== origin) {
    return { error: `site must be the origin the record is sent from (${origin})`, field: 'site' };
  }
  // The schema's date-time admits a leap second (`23:59:60`), which Date cannot read; compared as
  // NaN, such a time would pass every check below.
  const [created, expires] = [Date.parse(record.createdAt), Date.parse(record.expiresAt)];
  for (const [field, time] of /** @type {const} */ ([['createdAt', created], ['expiresAt', expires]])) {
    if (Number.isNaN(time)) return { error: `${field} must be a time with seconds from 00 to 59`, field };
  }
  if (created > now + CLOCK_SKEW_MS) {
    return { error: 'createdAt lies in the future', field: 'createdAt' };
  }
  if (expires < created) {
    return { error: 'expiresAt lies before createdAt', field: 'expiresAt' };
  }
  return null;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The path of the first string in a parsed body that is not well-formed Unicode (a lone surrogate,
 * which JSON's `\ud800` can carry), or null. Stored, it would read back as other text than the
 * text hashed and proved.
 * @param {unknown} value @param {string} [path]
 * @returns {string | null}
 */
export function illFormedText(value, path = '') {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path || 'body' : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = illFormedText(item, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}

/**
 * The charset a `Content-Type` declares, lower case, or undefined when none.
 * @param {string | undefined} contentType
 */
export function declaredCharset(contentType) {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}
