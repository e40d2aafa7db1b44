import { addressBusy, claimedMailOf, confirmationOf, confirmationsTable, dayBefore, daysAfter, LINK_DAYS, UNCONFIRMED_DAYS } from './confirmations.js';

/** The migration that adds the table (appended to db.js's MIGRATIONS). */
export const CONFIRMATIONS_MIGRATION = confirmationsTable('id INTEGER PRIMARY KEY');

/**
 * The confirmation mails on SQLite (see confirmations.js), on the collector's main connection: a
 * handful of small writes per grant, rare next to records.
 * @param {import('better-sqlite3').Database} db migrated
 * @returns {import('./confirmations.js').ConfirmationStore}
 */
export function sqliteConfirmations(db) {
  const busy = db.prepare(addressBusy({ address: '@address', dayAgo: '@dayAgo', now: '@now' }));
  const insert = db.prepare(
    `INSERT INTO email_confirmations (consent_id, visitor_id, address, language, public_url, queued_at, unconfirmed_at, next_attempt_at)
     VALUES (@consentId, @visitorId, @address, @language, @publicUrl, @now, @unconfirmedAt, @now) ON CONFLICT (consent_id) DO NOTHING`,
  );
  // IMMEDIATE: a second collector on the same file waits, so two grants of one address cannot both pass the check.
  const queue = db.transaction((/** @type {import('./confirmations.js').NewConfirmation} */ grant, /** @type {Date} */ now) => {
    if (busy.get({ address: grant.address, dayAgo: dayBefore(now), now: now.toISOString() })) return false;
    return insert.run({ ...grant, now: now.toISOString(), unconfirmedAt: daysAfter(now, UNCONFIRMED_DAYS) }).changes === 1;
  }).immediate;
  const claim = db.prepare(
    `UPDATE email_confirmations
     SET claimed_until = @until, attempts = attempts + 1, token_hash = @tokenHash, unsubscribe_hash = @unsubscribeHash,
         link_expires_at = min(@linkExpiresAt, unconfirmed_at)
     WHERE id = (SELECT id FROM email_confirmations
                 WHERE sent_at IS NULL AND next_attempt_at <= @now AND unconfirmed_at > @now
                   AND (claimed_until IS NULL OR claimed_until <= @now)
                 ORDER BY next_attempt_at LIMIT 1)
     RETURNING *`,
  );
  const sent = db.prepare('UPDATE email_confirmations SET sent_at = ?, claimed_until = NULL, last_error = NULL WHERE id = ?');
  const failed = db.prepare('UPDATE email_confirmations SET next_attempt_at = ?, claimed_until = NULL, last_error = ? WHERE id = ?');
  const postpone = db.prepare('UPDATE email_confirmations SET next_attempt_at = ?, claimed_until = NULL, attempts = attempts - 1 WHERE id = ?');
  const byToken = db.prepare('SELECT * FROM email_confirmations WHERE token_hash = ?');
  const useToken = db.prepare(
    `UPDATE email_confirmations SET confirmed_at = @now
     WHERE token_hash = @tokenHash AND confirmed_at IS NULL AND unsubscribed_at IS NULL AND link_expires_at > @now`,
  );
  const releaseToken = db.prepare('UPDATE email_confirmations SET confirmed_at = NULL WHERE token_hash = ?');
  const byUnsubscribeToken = db.prepare('SELECT * FROM email_confirmations WHERE unsubscribe_hash = ?');
  const unsubscribe = db.prepare(
    'UPDATE email_confirmations SET unsubscribed_at = @now WHERE unsubscribe_hash = @unsubscribeHash AND unsubscribed_at IS NULL',
  );
  const releaseUnsubscribe = db.prepare('UPDATE email_confirmations SET unsubscribed_at = NULL WHERE unsubscribe_hash = ?');
  const byEmail = db.prepare('SELECT * FROM email_confirmations WHERE address = ? ORDER BY queued_at, id');

  return {
    queue: (grant, now) => queue(grant, now),
    claimMail(now, leaseMs, tokenHash, unsubscribeHash) {
      const row = /** @type {Record<string, any> | undefined} */ (claim.get({
        now: now.toISOString(), until: new Date(now.getTime() + leaseMs).toISOString(), tokenHash, unsubscribeHash,
        linkExpiresAt: daysAfter(now, LINK_DAYS),
      }));
      return row && claimedMailOf(row);
    },
    mailSent(id, at) { sent.run(at.toISOString(), id); },
    mailFailed(id, retryAt, error) { failed.run(retryAt.toISOString(), error, id); },
    postponeMail(id, until) { postpone.run(until.toISOString(), id); },
    byToken(tokenHash) {
      const row = /** @type {Record<string, any> | undefined} */ (byToken.get(tokenHash));
      return row && confirmationOf(row);
    },
    useToken: (tokenHash, now) => useToken.run({ tokenHash, now: now.toISOString() }).changes === 1,
    releaseToken(tokenHash) { releaseToken.run(tokenHash); },
    byUnsubscribeToken(unsubscribeHash) {
      const row = /** @type {Record<string, any> | undefined} */ (byUnsubscribeToken.get(unsubscribeHash));
      return row && confirmationOf(row);
    },
    unsubscribe: (unsubscribeHash, now) => unsubscribe.run({ unsubscribeHash, now: now.toISOString() }).changes === 1,
    releaseUnsubscribe(unsubscribeHash) { releaseUnsubscribe.run(unsubscribeHash); },
    byEmail: (address) => /** @type {Record<string, any>[]} */ (byEmail.all(address.toLowerCase())).map(confirmationOf),
  };
}
