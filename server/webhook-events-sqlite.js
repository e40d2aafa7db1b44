import { claimedEventOf, webhookEventsTable } from './webhook-events.js';

/** The migration that adds the table (appended to db.js's MIGRATIONS). */
export const WEBHOOK_EVENTS_MIGRATION = webhookEventsTable('id INTEGER PRIMARY KEY');

/**
 * The webhook's queue on SQLite (see webhook-events.js), on the collector's main connection.
 * @param {import('better-sqlite3').Database} db migrated
 * @returns {import('./webhook-events.js').WebhookEventStore}
 */
export function sqliteWebhookEvents(db) {
  const insert = db.prepare('INSERT INTO webhook_events (body, queued_at, next_attempt_at) VALUES (?, ?, ?)');
  // One statement: a second collector on the same file cannot take the same row in between.
  const claim = db.prepare(
    `UPDATE webhook_events SET claimed_until = @until, attempts = attempts + 1
     WHERE id = (SELECT id FROM webhook_events
                 WHERE given_up_at IS NULL AND next_attempt_at <= @now
                   AND (claimed_until IS NULL OR claimed_until <= @now)
                 ORDER BY next_attempt_at, id LIMIT 1)
     RETURNING id, body, attempts`,
  );
  const delivered = db.prepare('DELETE FROM webhook_events WHERE id = ?');
  const failed = db.prepare('UPDATE webhook_events SET next_attempt_at = ?, claimed_until = NULL, last_error = ? WHERE id = ?');
  const gaveUp = db.prepare('UPDATE webhook_events SET given_up_at = ?, claimed_until = NULL, last_error = ? WHERE id = ?');
  const forgetGivenUp = db.prepare('DELETE FROM webhook_events WHERE given_up_at < ?');
  return {
    queue(body, now) { insert.run(body, now.toISOString(), now.toISOString()); },
    claim(now, leaseMs) {
      const row = /** @type {Record<string, any> | undefined} */ (claim.get({ now: now.toISOString(), until: new Date(now.getTime() + leaseMs).toISOString() }));
      return row && claimedEventOf(row);
    },
    delivered(id) { delivered.run(id); },
    failed(id, retryAt, error) { failed.run(retryAt.toISOString(), error, id); },
    gaveUp(id, at, error) { gaveUp.run(at.toISOString(), error, id); },
    forgetGivenUp(before) { forgetGivenUp.run(before.toISOString()); },
  };
}
