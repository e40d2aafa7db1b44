import { emailStatusOf, historyOf, proofModel } from './proof.js';
import { proofHtml, PROOF_PAGE_POLICY } from './proof-html.js';
import { verifyChain } from './chain.js';

/**
 * The routes of the proof of an address (proof.js). `GET /api/email-status` is public: the widget
 * asks it for the visitor's receipt, and it names no address. The rest is admin, registered inside
 * the admin scope.
 *
 * @typedef {{ store: import('./store.js').Store, now: () => Date, sendsMail?: boolean }} ProofRouteOptions the
 *   collector's store and clock, and whether it sends confirmation mails (`SMTP_URL`)
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `GET /api/consent?email=` answers the address's history (`records`, proof.js `addressHistory`)
 * and the proof built from it, the chain recomputed from its start.
 * @param {import('./store.js').Store} store
 * @param {string} email
 * @param {number} now
 */
export async function addressAnswer(store, email, now) {
  const { history, wordings } = await historyOf(store, email);
  const chain = history.length ? await verifyChain(store.chainEntries()) : null;
  return { records: history, proof: proofModel({ address: email, history, wordings, chain, now }) };
}

/**
 * @param {import('fastify').FastifyInstance} app
 * @param {ProofRouteOptions} options
 */
export async function emailStatusRoute(app, { store, now, sendsMail = false }) {
  app.get('/api/email-status', async (request, reply) => {
    const { visitorId } = /** @type {Record<string, unknown>} */ (request.query);
    if (typeof visitorId !== 'string' || !UUID.test(visitorId)) {
      return reply.code(400).send({ error: 'visitorId must be a visitor id (a UUID)', field: 'visitorId' });
    }
    // The status changes when the visitor follows the link in their mail: never from a cache.
    reply.header('cache-control', 'no-store');
    const status = await emailStatusOf(store, visitorId, now().getTime());
    // Without SMTP_URL no confirmation mail goes out: "check your inbox" would send the visitor
    // looking for a mail that never comes.
    return { status: status === 'pending' && !sendsMail ? 'none' : status };
  });
}

/**
 * @param {import('fastify').FastifyInstance} admin
 * @param {ProofRouteOptions} options
 */
export async function proofPageRoute(admin, { store, now }) {
  admin.get('/api/consent/proof.html', async (request, reply) => {
    const { email } = /** @type {Record<string, unknown>} */ (request.query);
    if (typeof email !== 'string' || !email.includes('@')) {
      return reply.code(400).send({ error: 'email must be an e-mail address', field: 'email' });
    }
    const { proof } = await addressAnswer(store, email, now().getTime());
    return reply.type('text/html; charset=utf-8').header('content-security-policy', PROOF_PAGE_POLICY).send(proofHtml(proof));
  });
}
