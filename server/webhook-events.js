/**
 * The confirmation webhook's queue (SPEC §12): each event the collector owes the shop's server is
 * a row until it is delivered, so a receiver that is down, or a collector that restarts or dies,
 * loses none. Both stores implement `WebhookEventStore` over one table, `webhook_events`
 * (webhook-events-sqlite.js, webhook-events-postgres.js); an event is claimed atomically for a
 * lease, so two collectors on one database never post it at the same time.
 *
 * @typedef {{ id: number, body: string, attempts: number }} ClaimedEvent an event this collector now posts;
 *   `attempts` counts this one
 *
 * @typedef {object} WebhookEventStore
 * @property {(body: string, now: Date) => Awaitable<void>} queue
 * @property {(now: Date, leaseMs: number) => Awaitable<ClaimedEvent | undefined>} claim takes the
 *   event due longest for `leaseMs` (another collector takes it after that, should this one die)
 * @property {(id: number) => Awaitable<void>} delivered deletes the event: it names an address, and
 *   the shop's server has it now
 * @property {(id: number, retryAt: Date, error: string) => Awaitable<void>} failed
 * @property {(id: number, at: Date, error: string) => Awaitable<void>} gaveUp kept, never tried again
 * @property {(before: Date) => Awaitable<void>} forgetGivenUp deletes the events given up before
 *   `before`: they name an address, and the log has them
 */

/**
 * @template T
 * @typedef {T | Promise<T>} Awaitable
 */

/**
 * The table both stores create (TEXT times in ISO form, which sort as they compare).
 * @param {string} idColumn
 */
export const webhookEventsTable = (idColumn) => `CREATE TABLE webhook_events (
     ${idColumn},
     body TEXT NOT NULL,
     queued_at TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at TEXT NOT NULL,
     claimed_until TEXT,
     last_error TEXT,
     given_up_at TEXT
   );
   CREATE INDEX webhook_events_due ON webhook_events (next_attempt_at) WHERE given_up_at IS NULL;`;

/** @param {Record<string, any>} row @returns {ClaimedEvent} */
export const claimedEventOf = (row) => ({ id: Number(row.id), body: row.body, attempts: Number(row.attempts) });
