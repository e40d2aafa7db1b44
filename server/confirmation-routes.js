import { randomUUID } from 'node:crypto';
import { addRecord } from './store.js';
import { confirmationPage } from './confirmation-pages.js';
import { TOKEN_PATTERN, tokenHash } from './confirmation-mailer.js';
import { languageFromHeader, mailWording } from './mail-wording.js';

/**
 * The links of the confirmation mail (SPEC §12). Mail scanners and link previews fetch every GET
 * link in a mail, so a GET never changes anything: `/confirm/:token` opens a page whose button
 * POSTs the confirmation, `/unsubscribe/:token` one whose button POSTs the withdrawal, as do the
 * one-click `List-Unsubscribe` POST and `POST /api/unsubscribe`. What they store are records written
 * through the store's writer and chain like any other: `confirm`, and `withdraw`. They work
 * whether or not this collector sends mail, so links mailed before a restart keep working.
 *
 * @typedef {object} ConfirmationRoutesOptions
 * @property {import('./store.js').Store} store
 * @property {() => Date} now
 * @property {string} [shopName] named in the pages; without it, the host the link was sent to
 * @property {Record<string, Partial<import('./mail-wording.js').MailWording>>} wording the shop's overrides
 * @property {ReturnType<typeof import('./confirm-webhook.js').confirmWebhook> | null} webhook
 */

/** A form body is only ever empty (the confirm button) or the one-click field: RFC 8058's `List-Unsubscribe=One-Click`. */
const FORM_LIMIT = 1024;

/**
 * A record the collector writes for a grant: the grant's fields with a new id, this time and
 * the given method and e-mail answer.
 * @param {Record<string, unknown>} grant @param {'confirm' | 'withdraw'} method
 * @param {Record<string, string>} email @param {Date} at
 */
function recordFor(grant, method, email, at) {
  const expiresAt = Date.parse(String(grant.expiresAt)) > at.getTime() ? grant.expiresAt : at.toISOString();
  return /** @type {import('./db.js').IncomingRecord} */ (/** @type {unknown} */ ({
    ...grant, id: randomUUID(), createdAt: at.toISOString(), expiresAt, method, email,
  }));
}

/** @param {string} body @param {string | undefined} contentType */
function isOneClick(body, contentType) {
  if (contentType?.startsWith('multipart/form-data')) return /name="List-Unsubscribe"\r?\n\r?\nOne-Click/.test(body);
  return new URLSearchParams(body).get('List-Unsubscribe') === 'One-Click';
}

/** @type {import('fastify').FastifyPluginAsync<ConfirmationRoutesOptions>} */
export async function confirmationRoutes(app, { store, now, shopName, wording, webhook }) {
  const limited = { config: { writes: true } };
  /** @param {string} language @param {string} host */
  const textsIn = (language, host) => mailWording(language, wording, { shop: shopName || host });

  /**
   * @param {import('fastify').FastifyReply} reply @param {number} status @param {string} language
   * @param {'confirm' | 'confirmed' | 'used' | 'expired' | 'unknown' | 'unsubscribe' | 'unsubscribed' | 'failed'} page
   * @param {{ action: string, field?: [string, string] }} [form] where the page's button posts, and a field it sends
   */
  const answerPage = (reply, status, language, page, form) => {
    const texts = textsIn(language, reply.request.host);
    const w = /** @type {Record<string, string>} */ (/** @type {unknown} */ (texts));
    const html = confirmationPage({
      language,
      title: /** @type {string} */ (w[`${page}Title`]),
      text: /** @type {string} */ (w[`${page}Text`]),
      ...(form ? { button: { label: page == 'confirm' ? texts.button : texts.unsubscribe, ...form } } : {}),
    });
    return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  };

  /** @param {string} token */
  const confirmationFor = async (token) => TOKEN_PATTERN.test(token) ? store.confirmations.byToken(tokenHash(token)) : undefined;

  // The pages' buttons and the one-click POST of RFC 8058 send forms; only these routes take one.
  app.addContentTypeParser(['application/x-www-form-urlencoded', 'multipart/form-data'], { parseAs: 'string', bodyLimit: FORM_LIMIT },
    (_request, body, done) => done(null, body));

  app.get('/confirm/:token', async (request, reply) => {
    const { token } = /** @type {{ token: string }} */ (request.params);
    const confirmation = await confirmationFor(token);
    if (!confirmation) return answerPage(reply, 404, languageFromHeader(request.headers['accept-language']), 'unknown');
    const { language, confirmedAt, linkExpiresAt, unsubscribedAt } = confirmation;
    // Unsubscribed from the same mail: its confirm link may not subscribe the address again.
    if (unsubscribedAt) return answerPage(reply, 410, language, 'unsubscribed');
    if (confirmedAt) return answerPage(reply, 410, language, 'used');
    if (!(new Date(linkExpiresAt ?? 0).getTime() > now().getTime())) return answerPage(reply, 410, language, 'expired');
    return answerPage(reply, 200, language, 'confirm', { action: `/confirm/${token}` });
  });

  app.post('/confirm/:token', limited, async (request, reply) => {
    const { token } = /** @type {{ token: string }} */ (request.params);
    const at = now();
    const confirmation = await confirmationFor(token);
    if (!confirmation) return answerPage(reply, 404, languageFromHeader(request.headers['accept-language']), 'unknown');
    const { language } = confirmation;
    if (!(await store.confirmations.useToken(tokenHash(token), at))) {
      return answerPage(reply, 410, language, confirmation.unsubscribedAt ? 'unsubscribed' : confirmation.confirmedAt ? 'used' : 'expired');
    }
    const grant = await store.recordById(confirmation.consentId);
    const record = grant && recordFor(/** @type {Record<string, unknown>} */ (grant.record), 'confirm',
      { marketing: 'granted', address: confirmation.address, confirmedAt: at.toISOString() }, at);
    try {
      if (!record) throw new Error(`the grant ${confirmation.consentId} is not in the store`);
      await addRecord(store, { record, receivedAt: at.toISOString(), clientAddress: request.network });
    } catch (error) {
      request.log.error(error, 'confirm record not stored; the link stays usable');
      await store.confirmations.releaseToken(tokenHash(token));
      return answerPage(reply, 503, language, 'failed');
    }
    await webhook?.notify({
      event: 'email.confirmed', id: record.id, visitorId: record.visitorId, address: confirmation.address,
      confirmedAt: at.toISOString(), site: record.site, language: record.language,
    });
    return answerPage(reply, 200, language, 'confirmed');
  });

  /**
   * Stores the `withdraw` record for an unsubscribe token, once.
   * @param {string} token @param {string} clientAddress @param {import('fastify').FastifyBaseLogger} log
   * @returns {Promise<{ status: 200 | 404 | 503, language: string, stored: boolean }>}
   */
  async function unsubscribe(token, clientAddress, log) {
    const hash = TOKEN_PATTERN.test(token) ? tokenHash(token) : null;
    const confirmation = hash ? await store.confirmations.byUnsubscribeToken(hash) : undefined;
    if (!hash || !confirmation) return { status: 404, language: 'en', stored: false };
    const { language } = confirmation;
    const at = now();
    // Already unsubscribed: the answer is the same, and the history gets no second withdrawal.
    if (!(await store.confirmations.unsubscribe(hash, at))) return { status: 200, language, stored: false };
    const grant = await store.recordById(confirmation.consentId);
    try {
      if (!grant) throw new Error(`the grant ${confirmation.consentId} is not in the store`);
      const record = recordFor(/** @type {Record<string, unknown>} */ (grant.record), 'withdraw', { marketing: 'denied', address: confirmation.address }, at);
      await addRecord(store, { record, receivedAt: at.toISOString(), clientAddress });
      await webhook?.notify({
        event: 'email.unsubscribed', id: record.id, visitorId: record.visitorId, address: confirmation.address,
        unsubscribedAt: at.toISOString(), site: record.site, language: record.language,
      });
      return { status: 200, language, stored: true };
    } catch (error) {
      log.error(error, 'withdraw record not stored; the unsubscribe link stays usable');
      await store.confirmations.releaseUnsubscribe(hash);
      return { status: 503, language, stored: false };
    }
  }

  app.get('/unsubscribe/:token', async (request, reply) => {
    const { token } = /** @type {{ token: string }} */ (request.params);
    const confirmation = TOKEN_PATTERN.test(token) ? await store.confirmations.byUnsubscribeToken(tokenHash(token)) : undefined;
    if (!confirmation) return answerPage(reply, 404, languageFromHeader(request.headers['accept-language']), 'unknown');
    if (confirmation.unsubscribedAt) return answerPage(reply, 200, confirmation.language, 'unsubscribed');
    return answerPage(reply, 200, confirmation.language, 'unsubscribe', { action: `/unsubscribe/${token}`, field: ['List-Unsubscribe', 'One-Click'] });
  });

  app.post('/unsubscribe/:token', limited, async (request, reply) => {
    const { token } = /** @type {{ token: string }} */ (request.params);
    if (typeof request.body !== 'string' || !isOneClick(request.body, request.headers['content-type'])) {
      return reply.code(400).send({ error: 'the body must be the one-click form List-Unsubscribe=One-Click' });
    }
    const done = await unsubscribe(token, request.network, request.log);
    const language = done.status === 404 ? languageFromHeader(request.headers['accept-language']) : done.language;
    return answerPage(reply, done.status, language, /** @type {const} */ ({ 200: 'unsubscribed', 404: 'unknown', 503: 'failed' })[done.status]);
  });

  app.post('/api/unsubscribe', limited, async (request, reply) => {
    const query = /** @type {{ token?: unknown }} */ (request.query);
    let token = typeof query.token === 'string' ? query.token : undefined;
    if (typeof request.body === 'string') {
      if (!isOneClick(request.body, request.headers['content-type'])) {
        return reply.code(400).send({ error: 'a form body must be the one-click form List-Unsubscribe=One-Click' });
      }
    } else {
      const body = /** @type {{ token?: unknown } | null} */ (request.body);
      if (typeof body?.token === 'string') token = body.token;
    }
    if (!token) return reply.code(400).send({ error: 'token is required: { "token": "…" }, or ?token=… with the one-click form', field: 'token' });
    const done = await unsubscribe(token, request.network, request.log);
    if (done.status === 404) return reply.code(404).send({ error: 'no unsubscribe link has this token', field: 'token' });
    if (done.status === 503) return reply.code(503).send({ error: 'the withdrawal could not be stored; send it again' });
    return { unsubscribed: true, stored: done.stored };
  });
}
