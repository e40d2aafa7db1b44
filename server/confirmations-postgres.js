import { addressBusy, claimedMailOf, confirmationOf, confirmationsTable, dayBefore, daysAfter, LINK_DAYS, UNCONFIRMED_DAYS } from './confirmations.js';

/** The migration that adds the table (appended to postgres-store.js's MIGRATIONS). */
export const CONFIRMATIONS_MIGRATION = confirmationsTable('id BIGSERIAL PRIMARY KEY');

/** Advisory lock class for one address's queue check (with the address's hash as the second key). */
const ADDRESS_LOCK = 872_310_003;

/**
 * The confirmation mails on PostgreSQL (see confirmations.js), for several collectors on one
 * database: a mail is claimed with `FOR UPDATE SKIP LOCKED`, so each is sent by one collector.
 * @param {import('pg').Pool} pool
 * @returns {import('./confirmations.js').ConfirmationStore}
 */
export function postgresConfirmations(pool) {
  /** @param {string} sql @param {unknown[]} values */
  const rows = async (sql, values) => /** @type {Record<string, any>[]} */ ((await pool.query(sql, values)).rows);

  return {
    async queue(grant, now) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // Two collectors taking grants of one address at once: the second waits and sees the first's row.
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ADDRESS_LOCK, grant.address]);
        const busy = await client.query(addressBusy({ address: '$1', dayAgo: '$2', now: '$3' }), [grant.address, dayBefore(now), now.toISOString()]);
        let queued = false;
        if (!busy.rowCount) {
          const inserted = await client.query(
            `INSERT INTO email_confirmations (consent_id, visitor_id, address, language, public_url, queued_at, unconfirmed_at, next_attempt_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $6) ON CONFLICT (consent_id) DO NOTHING`,
            [grant.consentId, grant.visitorId, grant.address, grant.language, grant.publicUrl, now.toISOString(), daysAfter(now, UNCONFIRMED_DAYS)],
          );
          queued = inserted.rowCount === 1;
        }
        await client.query('COMMIT');
        return queued;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async claimMail(now, leaseMs, tokenHash, unsubscribeHash) {
      const [row] = await rows(
        `UPDATE email_confirmations
         SET claimed_until = $2, attempts = attempts + 1, token_hash = $3, unsubscribe_hash = $4,
             link_expires_at = LEAST($5, unconfirmed_at)
         WHERE id = (SELECT id FROM email_confirmations
                     WHERE sent_at IS NULL AND next_attempt_at <= $1 AND unconfirmed_at > $1
                       AND (claimed_until IS NULL OR claimed_until <= $1)
                     ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), tokenHash, unsubscribeHash, daysAfter(now, LINK_DAYS)],
      );
      return row && claimedMailOf(row);
    },
    async mailSent(id, at) {
      await pool.query('UPDATE email_confirmations SET sent_at = $1, claimed_until = NULL, last_error = NULL WHERE id = $2', [at.toISOString(), id]);
    },
    async mailFailed(id, retryAt, error) {
      await pool.query('UPDATE email_confirmations SET next_attempt_at = $1, claimed_until = NULL, last_error = $2 WHERE id = $3', [retryAt.toISOString(), error, id]);
    },
    async postponeMail(id, until) {
      await pool.query('UPDATE email_confirmations SET next_attempt_at = $1, claimed_until = NULL, attempts = attempts - 1 WHERE id = $2', [until.toISOString(), id]);
    },
    async byToken(tokenHash) {
      const [row] = await rows('SELECT * FROM email_confirmations WHERE token_hash = $1', [tokenHash]);
      return row && confirmationOf(row);
    },
    async useToken(tokenHash, now) {
      const { rowCount } = await pool.query(
        `UPDATE email_confirmations SET confirmed_at = $2
         WHERE token_hash = $1 AND confirmed_at IS NULL AND unsubscribed_at IS NULL AND link_expires_at > $2`,
        [tokenHash, now.toISOString()],
      );
      return rowCount === 1;
    },
    async releaseToken(tokenHash) {
      await pool.query('UPDATE email_confirmations SET confirmed_at = NULL WHERE token_hash = $1', [tokenHash]);
    },
    async byUnsubscribeToken(unsubscribeHash) {
      const [row] = await rows('SELECT * FROM email_confirmations WHERE unsubscribe_hash = $1', [unsubscribeHash]);
      return row && confirmationOf(row);
    },
    async unsubscribe(unsubscribeHash, now) {
      const { rowCount } = await pool.query(
        'UPDATE email_confirmations SET unsubscribed_at = $2 WHERE unsubscribe_hash = $1 AND unsubscribed_at IS NULL',
        [unsubscribeHash, now.toISOString()],
      );
      return rowCount === 1;
    },
    async releaseUnsubscribe(unsubscribeHash) {
      await pool.query('UPDATE email_confirmations SET unsubscribed_at = NULL WHERE unsubscribe_hash = $1', [unsubscribeHash]);
    },
    async byEmail(address) {
      return (await rows('SELECT * FROM email_confirmations WHERE address = $1 ORDER BY queued_at, id', [address.toLowerCase()])).map(confirmationOf);
    },
  };
}
