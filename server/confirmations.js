/**
 * Double opt-in for promotional e-mail (SPEC §12): what the collector keeps about each confirmation
 * mail besides the consent records. Both stores implement `ConfirmationStore` over one table,
 * `email_confirmations` (confirmations-sqlite.js, confirmations-postgres.js): a row per grant that
 * gets a mail. It is the mail queue (claimed atomically, so two collectors on one database never
 * send the same mail) and the token register (only SHA-256 hashes of the links' tokens are kept).
 * Unlike `consent_records` its rows change: the proof is the `confirm` and `withdraw` records the
 * collector writes through the record writer, not this table.
 *
 * @typedef {object} Confirmation one grant's confirmation mail
 * @property {string} consentId the grant record's id
 * @property {string} visitorId
 * @property {string} address lower case
 * @property {string} language the grant's language
 * @property {string} publicUrl the collector's origin the links point to
 * @property {string} queuedAt
 * @property {string} unconfirmedAt when the address counts as unconfirmed if not confirmed by then:
 *   no mail is sent and no link works after it (30 days after the grant)
 * @property {string | null} sentAt
 * @property {string | null} linkExpiresAt
 * @property {string | null} confirmedAt
 * @property {string | null} unsubscribedAt
 * @property {number} attempts how often sending the mail was tried
 * @property {string | null} lastError why the last try failed, while the mail waits
 *
 * @typedef {Confirmation & { id: number }} ClaimedMail a mail this collector now sends
 *
 * @typedef {{ consentId: string, visitorId: string, address: string, language: string, publicUrl: string }} NewConfirmation
 *
 * @typedef {object} ConfirmationStore
 * @property {(grant: NewConfirmation, now: Date) => Awaitable<boolean>} queue
 *   queues the mail for a grant; false when the address may not get one now (one sent or waiting in
 *   the last 24 hours, or already confirmed and not unsubscribed) or this grant is queued already
 * @property {(now: Date, leaseMs: number, tokenHash: string, unsubscribeHash: string) => Awaitable<ClaimedMail | undefined>} claimMail
 *   takes one due mail for `leaseMs` (another collector takes it after that, should this one die)
 *   and keeps the hashes of the tokens its links will carry
 * @property {(id: number, at: Date) => Awaitable<void>} mailSent
 * @property {(id: number, retryAt: Date, error: string) => Awaitable<void>} mailFailed
 * @property {(id: number, until: Date) => Awaitable<void>} postponeMail puts a claimed mail back
 *   untried (its wording has not arrived yet): it does not count as a failed attempt
 * @property {(tokenHash: string) => Awaitable<Confirmation | undefined>} byToken
 * @property {(tokenHash: string, now: Date) => Awaitable<boolean>} useToken
 *   marks the link used; false when it was used, has expired or is unknown
 * @property {(tokenHash: string) => Awaitable<void>} releaseToken undoes `useToken` when its record could not be stored
 * @property {(unsubscribeHash: string) => Awaitable<Confirmation | undefined>} byUnsubscribeToken
 * @property {(unsubscribeHash: string, now: Date) => Awaitable<boolean>} unsubscribe false when already unsubscribed
 * @property {(unsubscribeHash: string) => Awaitable<void>} releaseUnsubscribe undoes `unsubscribe` when its record could not be stored
 * @property {(address: string) => Awaitable<Confirmation[]>} byEmail every confirmation mail of an address, oldest first
 */

/**
 * @template T
 * @typedef {T | Promise<T>} Awaitable
 */

const DAY_MS = 24 * 3600 * 1000;
/** How long a confirmation link works after its mail is sent. */
export const LINK_DAYS = 7;
/** How long after the grant an address may still be confirmed; after that it counts as unconfirmed. */
export const UNCONFIRMED_DAYS = 30;
/** One mail per address in any such window, whatever is posted: no mail bombing through the widget. */
export const MAIL_INTERVAL_MS = DAY_MS;

/** @param {Date} now @param {number} days */
export const daysAfter = (now, days) => new Date(now.getTime() + days * DAY_MS).toISOString();

/** @param {Date} now */
export const dayBefore = (now) => new Date(now.getTime() - MAIL_INTERVAL_MS).toISOString();

/**
 * A row of `email_confirmations` as a `Confirmation`.
 * @param {Record<string, any>} row
 * @returns {Confirmation}
 */
export function confirmationOf(row) {
  return {
    consentId: row.consent_id,
    visitorId: row.visitor_id,
    address: row.address,
    language: row.language,
    publicUrl: row.public_url,
    queuedAt: row.queued_at,
    unconfirmedAt: row.unconfirmed_at,
    sentAt: row.sent_at ?? null,
    linkExpiresAt: row.link_expires_at ?? null,
    confirmedAt: row.confirmed_at ?? null,
    unsubscribedAt: row.unsubscribed_at ?? null,
    attempts: Number(row.attempts),
    lastError: row.last_error ?? null,
  };
}

/** @param {Record<string, any>} row @returns {ClaimedMail} */
export function claimedMailOf(row) {
  return { ...confirmationOf(row), id: Number(row.id) };
}

/**
 * The columns both stores create (types spelled for either: TEXT times in ISO form, which sort
 * as they compare).
 * @param {string} idColumn
 */
export const confirmationsTable = (idColumn) => `CREATE TABLE email_confirmations (
     ${idColumn},
     consent_id TEXT NOT NULL UNIQUE,
     visitor_id TEXT NOT NULL,
     address TEXT NOT NULL,
     language TEXT NOT NULL,
     public_url TEXT NOT NULL,
     queued_at TEXT NOT NULL,
     unconfirmed_at TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at TEXT NOT NULL,
     claimed_until TEXT,
     last_error TEXT,
     sent_at TEXT,
     token_hash TEXT UNIQUE,
     unsubscribe_hash TEXT UNIQUE,
     link_expires_at TEXT,
     confirmed_at TEXT,
     unsubscribed_at TEXT
   );
   CREATE INDEX email_confirmations_address ON email_confirmations (address, queued_at);
   CREATE INDEX email_confirmations_due ON email_confirmations (next_attempt_at) WHERE sent_at IS NULL;`;

/**
 * The query that finds a reason an address may not be queued another mail, shared by both stores'
 * `queue`: a mail queued or sent in the last 24 hours, one still waiting to be sent, or a
 * confirmation that stands.
 * @param {{ address: string, dayAgo: string, now: string }} params each parameter's placeholder
 */
export const addressBusy = ({ address, dayAgo, now }) => `SELECT 1 FROM email_confirmations WHERE address = ${address} AND (
     queued_at > ${dayAgo} OR sent_at > ${dayAgo}
     OR (sent_at IS NULL AND unconfirmed_at > ${now})
     OR (confirmed_at IS NOT NULL AND unsubscribed_at IS NULL)) LIMIT 1`;
