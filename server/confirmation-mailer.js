import { createHash, randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import { confirmationMail, emailSentenceOf } from './confirmation-mail.js';
import { mailLanguage } from './mail-wording.js';
import { queueDrainer } from './queue-drainer.js';

/**
 * Sends the confirmation mails of the double opt-in (SPEC §12) from the queue in the store: a
 * stored grant queues its mail, and every collector sharing the store takes due mails one at a
 * time (claimed atomically), so a mail is sent once whichever collector took the grant, and one
 * that cannot be sent waits in the store and is tried again.
 *
 * @typedef {object} MailOptions
 * @property {string} smtpUrl `smtp://user:password@host:587` or `smtps://…` (nodemailer)
 * @property {string} from the sender address
 * @property {string} shopName shown as the sender and in the text
 * @property {Record<string, Partial<import('./mail-wording.js').MailWording>>} [wording] the shop's own, per language
 * @property {number} [pollMs] how often to look for mails that are due (default 15 s)
 */

/** How long a collector holds a mail it is sending before another may take it. */
const LEASE_MS = 2 * 60 * 1000;
/** The first retry comes within a minute; each later one waits twice as long, at most an hour. */
const FIRST_RETRY_MS = 30 * 1000;
const LAST_RETRY_MS = 3600 * 1000;
/** The widget sends the wording just after the record: a mail waits this long for its sentence. */
const WORDING_GRACE_MS = 60 * 1000;
const WORDING_RECHECK_MS = 2000;

/** A link's token: 256 random bits; only its hash is stored. */
export const newToken = () => randomBytes(32).toString('base64url');
/** @param {string} token */
export const tokenHash = (token) => createHash('sha256').update(token).digest('hex');
/** What a token looks like, so anything else is refused without asking the store. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * @param {{ email: { marketing: string, address?: string }, method: string }} record
 * @returns {record is { email: { marketing: 'granted', address: string } }}
 */
const grantsEmail = (record) => record.method !== 'withdraw' && record.email.marketing === 'granted' && !!record.email.address;

/**
 * @param {{ store: import('./store.js').Store, mail: MailOptions, now: () => Date, log: import('fastify').FastifyBaseLogger }} options
 */
export function startConfirmationMailer({ store, mail, now, log }) {
  const transport = nodemailer.createTransport({
    url: mail.smtpUrl,
    connectionTimeout: 10000,
    greetingTimeout: 10000,
    socketTimeout: 30000,
  });
  let closed = false;

  /**
   * The mail for a claimed row, or null while its wording has not arrived and may still.
   * @param {import('./confirmations.js').ClaimedMail} claimed @param {string} token @param {string} unsubscribeToken
   */
  async function compose(claimed, token, unsubscribeToken) {
    const grant = /** @type {{ record: { site: string, wordingHash: string } } | undefined} */ (await store.recordById(claimed.consentId));
    if (!grant) throw new Error(`the grant ${claimed.consentId} is not in the store`);
    const wording = await store.wordingByHash(grant.record.wordingHash);
    if (!wording && now().getTime() - Date.parse(claimed.queuedAt) < WORDING_GRACE_MS) return null;
    return confirmationMail({
      to: claimed.address,
      from: { name: mail.shopName, address: mail.from },
      language: claimed.language,
      overrides: mail.wording ?? {},
      site: grant.record.site,
      sentence: wording ? emailSentenceOf(wording.text) : null,
      confirmUrl: `${claimed.publicUrl}/confirm/${token}`,
      unsubscribeUrl: `${claimed.publicUrl}/unsubscribe/${unsubscribeToken}`,
      linkExpiresAt: /** @type {string} */ (claimed.linkExpiresAt),
    });
  }

  /** @param {import('./confirmations.js').ClaimedMail} claimed @param {string} token @param {string} unsubscribeToken */
  async function send(claimed, token, unsubscribeToken) {
    try {
      const message = await compose(claimed, token, unsubscribeToken);
      if (!message) {
        await store.confirmations.postponeMail(claimed.id, new Date(now().getTime() + WORDING_RECHECK_MS));
        queue.kickIn(WORDING_RECHECK_MS);
        return;
      }
      await transport.sendMail(message);
      await store.confirmations.mailSent(claimed.id, now());
    } catch (error) {
      const retryMs = Math.min(FIRST_RETRY_MS * 2 ** (claimed.attempts - 1), LAST_RETRY_MS);
      const reason = error instanceof Error ? error.message : String(error);
      log.warn({ address: claimed.address, attempt: claimed.attempts, retryInS: retryMs / 1000 }, `confirmation mail not sent: ${reason}`);
      await store.confirmations.mailFailed(claimed.id, new Date(now().getTime() + retryMs), reason);
      queue.kickIn(retryMs);
    }
  }

  async function drain() {
    while (!closed) {
      const token = newToken();
      const unsubscribeToken = newToken();
      const claimed = await store.confirmations.claimMail(now(), LEASE_MS, tokenHash(token), tokenHash(unsubscribeToken));
      if (!claimed) return;
      await send(claimed, token, unsubscribeToken);
    }
  }

  const queue = queueDrainer({
    drain,
    pollMs: mail.pollMs ?? 15000,
    onError: (error) => log.error(error, 'confirmation mails: the queue could not be read'),
  });

  return {
    /**
     * Queues the confirmation mail for a stored record that grants promotional e-mail to an
     * address (a replay of one queues nothing); resolves once the queue has it, never rejects.
     * @param {import('./db.js').IncomingRecord} record @param {string} publicUrl the collector's origin for the links
     */
    async recordStored(record, publicUrl) {
      if (!grantsEmail(record)) return;
      try {
        const queued = await store.confirmations.queue({
          consentId: record.id.toLowerCase(), visitorId: record.visitorId, address: record.email.address.toLowerCase(),
          language: mailLanguage(record.language), publicUrl,
        }, now());
        if (queued) queue.kick();
      } catch (error) {
        log.error(error, `confirmation mail for consent ${record.id} not queued`);
      }
    },
    /** Stops looking for mails and waits for the one being sent. */
    async close() {
      closed = true;
      await queue.close();
      transport.close();
    },
  };
}
