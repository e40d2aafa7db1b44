import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The console's session cookie (SPEC §9). */
export const SESSION_COOKIE = 'carat-admin';

/**
 * Signed, expiring console sessions. A session is `expiry.nonce.signature` under a key drawn at
 * start, so restarting the collector signs everyone out; `CONSENT_SESSION_SECRET` gives several
 * collectors behind one load balancer the same key instead. Nothing is stored per session but the
 * nonces signed out early.
 * @param {{ secret?: string, lifetimeMs: number, now?: () => number }} options
 */
export function createSessions({ secret, lifetimeMs, now = Date.now }) {
  const key = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  /** nonce → expiry, for sessions signed out before they expire. */
  const revoked = new Map();
  const sign = (/** @type {string} */ payload) => createHmac('sha256', key).update(payload).digest('base64url');

  return {
    lifetimeMs,
    /** A new session's cookie value. */
    create() {
      const payload = `${now() + lifetimeMs}.${randomBytes(16).toString('base64url')}`;
      return `${payload}.${sign(payload)}`;
    },
    /** @param {string | undefined} value @returns {boolean} signed here, not expired, not signed out */
    valid(value) {
      const [expiry, nonce, signature] = (value ?? '').split('.');
      if (!expiry || !nonce || !signature) return false;
      const expected = Buffer.from(sign(`${expiry}.${nonce}`));
      const presented = Buffer.from(signature);
      if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) return false;
      return Number(expiry) > now() && !revoked.has(nonce);
    },
    /** @param {string | undefined} value */
    revoke(value) {
      if (!this.valid(value)) return;
      const [expiry, nonce] = /** @type {[string, string]} */ ((value ?? '').split('.'));
      for (const [old, until] of revoked) if (until <= now()) revoked.delete(old);
      revoked.set(nonce, Number(expiry));
    },
  };
}

/**
 * The session cookie from a Cookie header.
 * @param {string | undefined} header
 */
export function sessionFrom(header) {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

/**
 * The Set-Cookie value for a session, or for removing it (`value` empty). Secure only over https:
 * browsers refuse Secure cookies from plain-http origins other than localhost.
 * @param {string} value @param {number} maxAgeSeconds @param {boolean} secure
 */
export function sessionCookie(value, maxAgeSeconds, secure) {
  return `${SESSION_COOKIE}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}
