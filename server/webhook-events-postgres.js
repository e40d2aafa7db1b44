import { claimedEventOf, webhookEventsTable } from './webhook-events.js';

/** The migration that adds the table (appended to postgres-store.js's MIGRATIONS). */
export const WEBHOOK_EVENTS_MIGRATION = webhookEventsTable('id BIGSERIAL PRIMARY KEY');

/**
 * The webhook's queue on PostgreSQL (see webhook-events.js), for several collectors on one
 * database: an event is claimed with `FOR UPDATE SKIP LOCKED`, so each is posted by one collector
 * at a time.
 * @param {import('pg').Pool} pool
 * @returns {import('./webhook-events.js').WebhookEventStore}
 */
export function postgresWebhookEvents(pool) {
  return {
    async queue(body, now) {
      await pool.query('INSERT INTO webhook_events (body, queued_at, next_attempt_at) VALUES ($1, $2, $2)', [body, now.toISOString()]);
    },
    async claim(now, leaseMs) {
      const { rows } = await pool.query(
        `UPDATE webhook_events SET claimed_until = $2, attempts = attempts + 1
         WHERE id = (SELECT id FROM webhook_events
                     WHERE given_up_at IS NULL AND next_attempt_at <= $1
                       AND (claimed_until IS NULL OR claimed_until <= $1)
                     ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING id, body, attempts`,
        [now.toISOString(), new Date(now.getTime() + leaseMs).toISOString()],
      );
      return rows[0] && claimedEventOf(rows[0]);
    },
    async delivered(id) {
      await pool.query('DELETE FROM webhook_events WHERE id = $1', [id]);
    },
    async failed(id, retryAt, error) {
      await pool.query('UPDATE webhook_events SET next_attempt_at = $1, claimed_until = NULL, last_error = $2 WHERE id = $3', [retryAt.toISOString(), error, id]);
    },
    async gaveUp(id, at, error) {
      await pool.query('UPDATE webhook_events SET given_up_at = $1, claimed_until = NULL, last_error = $2 WHERE id = $3', [at.toISOString(), error, id]);
    },
    async forgetGivenUp(before) {
      await pool.query('DELETE FROM webhook_events WHERE given_up_at < $1', [before.toISOString()]);
    },
  };
}
