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
  const created = Date.parse(record.createdAt);
  if (created > now + CLOCK_SKEW_MS) {
    return { error: 'createdAt lies in the future', field: 'createdAt' };
  }
  if (Date.parse(record.expiresAt) < created) {
    return { error: 'expiresAt lies before createdAt', field: 'expiresAt' };
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
