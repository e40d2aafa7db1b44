import { createHash, timingSafeEqual } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import Fastify from 'fastify';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import { openStore } from './store.js';
import { consentRecordSchema, wordingSchema } from './schemas.js';
import { truncateAddress } from './address.js';
import { declaredCharset, illFormedText, recordProblem } from './record-checks.js';
import { windowBudget } from './rate-limit.js';
import { addSecurityHeaders } from './security-headers.js';
import { startHeadPublisher } from './head-publisher.js';
import { CSV_HEADER, csvLine, recordLine } from './csv.js';
import { isDay } from './stats.js';
import { createSessions, sessionCookie, sessionFrom } from './admin-session.js';
import { consoleRoutes } from './console.js';
import { consoleApi } from './console-api.js';
import { addressAnswer, emailStatusRoute, proofPageRoute } from './proof-routes.js';
import { startRetention } from './retention.js';
import { startConfirmationMailer } from './confirmation-mailer.js';
import { confirmationRoutes } from './confirmation-routes.js';
import { confirmWebhook } from './confirm-webhook.js';

/**
 * @typedef {object} CollectorOptions
 * @property {import('./store.js').StoreOptions} storage the SQLite file (created when missing) or the PostgreSQL database
 * @property {string[]} allowedOrigins Origins besides the collector's own that may call it from a browser.
 * @property {string} [adminToken] Bearer token for the audit routes; without it they do not exist.
 * @property {string} [sessionSecret] Key for the console's session cookies, shared by collectors
 *   behind one load balancer; without it each start draws its own, signing everyone out.
 * @property {number} [sessionHours] How long a console session lasts (default 8).
 * @property {number} rateLimitPerMinute Posts per minute per client network (IPv4 /24, IPv6 /48), all write routes together.
 * @property {string[]} [trustProxy] Addresses or CIDR ranges of proxies whose X-Forwarded-For names the client.
 * @property {{ demo: string, dist: string }} [staticRoot] Folders served at `/` and `/dist/`.
 * @property {boolean} [logger] Log warnings and errors to stdout.
 * @property {() => Date} [now] The collector's clock (tests pass one they can set forward).
 * @property {import('./confirmation-mailer.js').MailOptions} [mail] Send confirmation mails for
 *   promotional e-mail (double opt-in, SPEC §12).
 * @property {string} [publicUrl] The collector's public origin, which the mails' links point to;
 *   required with `mail`.
 * @property {import('./confirm-webhook.js').WebhookOptions} [confirmWebhook] Tell the shop of confirmations and unsubscriptions.
 * @property {{ intervalMs: number, webhookUrl?: string, log: (line: string) => void }} [headPublishing]
 *   Publish the chain's head on a schedule (head-publisher.js).
 * @property {{ days: number, intervalMs?: number, log: (line: string) => void }} [retention]
 *   Remove old records at start and then daily (retention.js).
 */

const RECORD_LIMIT = 16 * 1024;
/** Failed admin token checks a network may make in a quarter hour before every admin request is 429. */
const ADMIN_FAILURES = 10;
const ADMIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;
const WORDING_LIMIT = 64 * 1024;
/** How long a wording waits for its record: on a closing tab both go as beacons, in no set order. */
const WORDING_WAIT_MS = 3000;
/** New wordings one network may add to the public archive per day. */
const WORDINGS_PER_NETWORK_PER_DAY = 20;

/** Messages for the errors fastify raises before a handler runs. */
/** A body refused for a reason of its own, said as it is rather than as "malformed JSON". */
class BadRequest extends Error {}

const MESSAGES = /** @type {Record<number, string>} */ ({
  400: 'malformed JSON',
  413: 'request body too large (a record may have 16 KiB, a wording 64 KiB)',
  415: 'unsupported content type: send application/json or text/plain',
});

/**
 * A schema violation as the JSON error body, naming the offending field as a dotted path
 * ("email.address").
 * @param {import('fastify').FastifySchemaValidationError | undefined} issue
 * @returns {{ error: string, field?: string }}
 */
function violation(issue) {
  if (!issue) return { error: 'the body is not a valid record' };
  const path = issue.instancePath.split('/').filter(Boolean);
  const { missingProperty, additionalProperty } = /** @type {Record<string, unknown>} */ (issue.params);
  // A key that breaks `propertyNames` (a category or service id) is named on the issue itself.
  const child = missingProperty ?? additionalProperty ?? /** @type {{ propertyName?: string }} */ (issue).propertyName;
  if (typeof child === 'string') path.push(child);
  const field = path.join('.');
  if (!field) return { error: `the body ${issue.message}` };
  if (missingProperty) return { error: `${field} is required`, field };
  if (additionalProperty) return { error: `${field} is not a field of this body`, field };
  return { error: `${field} ${issue.message}`, field };
}

/**
 * Constant-time comparison of the presented bearer token with the configured one.
 * @param {string | undefined} header
 * @param {string} token
 */
function bearerMatches(header, token) {
  // RFC 7235: the scheme is case-insensitive.
  const presented = /^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '';
  const digest = (/** @type {string} */ s) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(presented), digest(token));
}

/**
 * An ISO date or date-time from the query string, as a bound comparable with stored `receivedAt`.
 * A bare date as the upper bound means the whole of that day.
 * @param {unknown} value
 * @param {'from' | 'to'} bound
 * @returns {string | undefined | null} undefined when absent, null when invalid
 */
function timeBound(value, bound) {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return null;
  const time = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(time) || !isDay(value.slice(0, 10))) return null;
  return new Date(value.length === 10 && bound === 'to' ? time + 86400000 : time).toISOString();
}

/**
 * Builds the reference collector (SPEC §6) without listening, so tests and `main.js` decide
 * where it runs.
 * @param {CollectorOptions} options
 */
export async function buildApp(options) {
  // Never the request's Host: any client can set it, and get the mail's confirmation link sent to
  // its own server, then confirm someone else's address with it.
  if (options.mail && !options.publicUrl) throw new Error('publicUrl is required with mail: the links in the mails are built on it');
  const allowed = new Set(options.allowedOrigins);
  const now = options.now ?? (() => new Date());

  const app = Fastify({
    logger: options.logger ? { level: 'warn' } : false,
    bodyLimit: RECORD_LIMIT,
    trustProxy: options.trustProxy?.length ? options.trustProxy : false,
    // Fastify's defaults would silently drop unknown keys and coerce types; proof must be taken as sent.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false } },
  });
  // Logged once per failed batch; each of its requests answers 503 and the widget sends it again.
  const store = await openStore(options.storage, (error) => app.log.error(error));
  const heads = options.headPublishing && startHeadPublisher({ head: () => store.head(), ...options.headPublishing });
  const retention = options.retention
    && startRetention({ remove: (run) => store.removeOld(run), now: () => now().getTime(), logError: (error) => app.log.error(error), ...options.retention });
  const webhook = options.confirmWebhook ? confirmWebhook({ options: options.confirmWebhook, store, now, log: app.log }) : null;
  const mailer = options.mail ? startConfirmationMailer({ store, mail: options.mail, now, log: app.log }) : null;
  app.addHook('onClose', async () => {
    await retention?.close();
    await mailer?.close();
    await webhook?.close();
    // Every answered record is committed by now: the final head covers them all.
    await heads?.close();
    await store.close();
  });
  // Fastify closes idle keep-alive connections on close, but one busy then would stay open until the
  // client drops it; telling the client to hang up after this answer lets shutdown finish at once.
  let closing = false;
  app.addHook('preClose', async () => { closing = true; });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  addSecurityHeaders(app);

  // sendBeacon can only send a string as text/plain, which spares the CORS preflight. Bytes that are
  // not UTF-8 are refused, not decoded into replacement characters and stored so.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'buffer' }, (request, body, done) => {
    let text;
    try {
      text = utf8.decode(/** @type {Buffer} */ (body));
    } catch {
      done(new BadRequest('the body is not valid UTF-8'), undefined);
      return;
    }
    parseJson(request, text, done);
  });

  // Bodies are decoded as UTF-8 (all the widget sends); any other would be stored mangled.
  app.addHook('onRequest', async (request, reply) => {
    const charset = declaredCharset(request.headers['content-type']);
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      return reply.code(415).send({ error: `unsupported charset ${charset}: send UTF-8` });
    }
  });

  app.setErrorHandler((/** @type {import('fastify').FastifyError} */ error, request, reply) => {
    if (error.validation) {
      return reply.code(422).send(violation(error.validation[0]));
    }
    if (error instanceof BadRequest) return reply.code(400).send({ error: error.message });
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error(error);
      return reply.code(status).send({ error: 'internal error' });
    }
    return reply.code(status).send({ error: MESSAGES[status] ?? error.message });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not found' }));

  // Told once per origin, so a shop that forgot ALLOWED_ORIGINS sees it without a line per visitor;
  // bounded, since any client can send any Origin.
  const refusedOrigins = new Set();
  /** @param {string} origin */
  const logRefused = (origin) => {
    if (refusedOrigins.has(origin) || refusedOrigins.size >= 100) return;
    refusedOrigins.add(origin);
    app.log.warn(`[carat-consent] browser request from ${origin} refused: it is not in ALLOWED_ORIGINS, so pages there cannot send records (add it to accept them)`);
  };

  /**
   * Whether a browser request's `Origin` (set by the browser, not the page) may send and read: the
   * collector's own host (its scheme may differ behind a proxy that ends TLS) or one listed.
   * @param {import('fastify').FastifyRequest} request @param {string} origin
   */
  const originAccepted = (request, origin) => allowed.has(origin) || (URL.canParse(origin) && new URL(origin).host === request.host);

  /** @type {import('@fastify/cors').FastifyCorsOptionsDelegateCallback} */
  const corsFor = (request, callback) => {
    const origin = request.headers.origin;
    const accepted = origin !== undefined && originAccepted(request, origin);
    if (origin !== undefined && !accepted) logRefused(origin);
    callback(null, {
      origin: accepted ? origin : false,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization'],
      maxAge: 600,
    });
  };
  await app.register(cors, () => corsFor);

  // One budget per network across every route that stores something: the stored address is the
  // network, so a budget per whole address would let one /24 post 256 times as much.
  const writes = windowBudget(options.rateLimitPerMinute, 60 * 1000);
  app.decorateRequest('network', '');
  app.addHook('onRequest', async (request, reply) => {
    request.network = truncateAddress(request.ip);
    const { writes: stores, fromShopPages } = request.routeOptions.config;
    if (!stores) return;
    // CORS only keeps a refused page from reading the answer: a text/plain POST (what sendBeacon
    // sends) needs no preflight, so any site could have its visitors' browsers file records here.
    // (The mails' pages are exempt: their own forms post as `Origin: null` under no-referrer.)
    const origin = request.headers.origin;
    if (fromShopPages && origin !== undefined && !originAccepted(request, origin)) {
      return reply.code(403).send({ error: `${origin} is not in ALLOWED_ORIGINS: pages there cannot send records` });
    }
    if (!writes.spend(request.network)) {
      return reply.code(429).header('retry-after', String(writes.retryAfterS()))
        .send({ error: `rate limited: at most ${options.rateLimitPerMinute} posts a minute from one network` });
    }
  });
  const limited = { writes: true, fromShopPages: true };
  app.addHook('preValidation', async (request, reply) => {
    const field = request.routeOptions.config.writes && illFormedText(request.body);
    if (field) return reply.code(422).send({ error: `${field} is not well-formed Unicode (it holds a lone surrogate)`, field });
  });

  // Wordings waiting for a record that names them; stored records are announced by wording hash.
  const recordsStored = new EventEmitter().setMaxListeners(0);
  /**
   * Resolves true when a record naming `hash` is stored by this collector within WORDING_WAIT_MS,
   * else false (then the database is asked again: another collector may have stored it).
   * @param {string} hash
   */
  const recordNaming = (hash) => new Promise((resolve) => {
    const stored = () => { clearTimeout(timer); resolve(true); };
    const timer = setTimeout(() => { recordsStored.off(hash, stored); resolve(false); }, WORDING_WAIT_MS);
    recordsStored.once(hash, stored);
  });

  // Not async: the answer waits for the group commit's callback, and a promise per request would be
  // pure overhead. The body is written by hand: `id` is a validated UUID and `receivedAt` an ISO
  // time, so neither needs escaping.
  app.post('/api/consent', { schema: { body: consentRecordSchema }, config: limited }, (request, reply) => {
    const record = /** @type {import('./db.js').IncomingRecord} */ (request.body);
    const receivedAt = now();
    const problem = recordProblem(record, request.headers.origin, receivedAt.getTime());
    if (problem) {
      reply.code(422).send(problem);
      return;
    }
    const toStore = { record, receivedAt: receivedAt.toISOString(), clientAddress: request.network };
    store.add(toStore, (error, stored) => {
      if (error || !stored) {
        reply.code(503).send({ error: 'the record could not be stored; send it again' });
        return;
      }
      if ('conflict' in stored) {
        request.log.warn({ id: record.id, clientAddress: toStore.clientAddress }, 'consent record refused: another record is stored under its id');
        reply.code(409).send({ error: `another record is already stored under id ${record.id}`, field: 'id' });
        return;
      }
      if (stored.created) recordsStored.emit(/** @type {string} */ (record.wordingHash));
      const answer = () => reply
        .code(stored.created ? 201 : 200)
        .type('application/json; charset=utf-8')
        .send(`{"id":"${record.id}","receivedAt":"${stored.receivedAt}"}`);
      // A replay queues the mail too when the first answer was lost before it was queued: once per grant.
      if (mailer) void mailer.recordStored(record, /** @type {string} */ (options.publicUrl)).then(answer);
      else answer();
    });
  });

  app.post(
    '/api/wording',
    { bodyLimit: WORDING_LIMIT, schema: { body: wordingSchema }, config: limited },
    async (request, reply) => {
      const { hash, text } = /** @type {{ hash: string, text: string }} */ (request.body);
      if (`sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}` !== hash) {
        return reply.code(422).send({ error: 'hash is not the SHA-256 of text', field: 'hash' });
      }
      if (await store.wordingByHash(hash)) return reply.code(200).send({ hash });
      // The archive is public: it keeps only what a stored record says a visitor was shown.
      if (!(await store.wordingReferenced(hash)) && !(await recordNaming(hash)) && !(await store.wordingReferenced(hash))) {
        return reply.code(422).send({ error: 'no stored record names this wording hash', field: 'hash' });
      }
      const now = new Date();
      if ((await store.wordingsFrom(request.network, new Date(now.getTime() - 864e5).toISOString())) >= WORDINGS_PER_NETWORK_PER_DAY) {
        return reply.code(429).send({ error: `at most ${WORDINGS_PER_NETWORK_PER_DAY} new wordings a day from one network` });
      }
      return reply.code((await store.addWording(hash, text, now.toISOString(), request.network)) ? 201 : 200).send({ hash });
    },
  );

  await app.register(emailStatusRoute, { store, now, sendsMail: Boolean(options.mail) });

  app.get('/api/wording/:hash', async (request, reply) => {
    const wording = await store.wordingByHash(/** @type {{ hash: string }} */ (request.params).hash);
    return wording ?? reply.code(404).send({ error: 'wording not found' });
  });

  // A load balancer restarts or routes around a collector on 503: also after a failed WAL sync,
  // when the collector still answers but can store nothing until it is restarted.
  app.get('/healthz', async (_request, reply) => {
    const stopped = store.stopped();
    if (stopped) return reply.code(503).send({ status: 'unavailable', error: stopped.message });
    try {
      await store.ping();
      return { status: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'unavailable', error: 'database unavailable' });
    }
  });

  await app.register(confirmationRoutes, {
    store, now, webhook, ...(options.mail ? { shopName: options.mail.shopName } : {}), wording: options.mail?.wording ?? {},
  });

  const { adminToken } = options;
  const adminFailures = windowBudget(ADMIN_FAILURES, ADMIN_FAILURE_WINDOW_MS);
  const sessions = createSessions({
    ...(options.sessionSecret ? { secret: options.sessionSecret } : {}),
    lifetimeMs: (options.sessionHours ?? 8) * 3600000,
  });
  await app.register(consoleRoutes, { ...(adminToken ? { adminToken } : {}), sessions, adminFailures });
  if (adminToken) {
    await app.register(async (admin) => {
      admin.addHook('onRequest', async (request, reply) => {
        reply.header('cache-control', 'no-store');
        const session = sessionFrom(request.headers.cookie);
        if (sessions.valid(session)) return;
        // Checked before the token, so a network that has guessed too often learns nothing more.
        if (adminFailures.exhausted(request.network)) {
          return reply.code(429).header('retry-after', String(adminFailures.retryAfterS()))
            .send({ error: 'too many wrong admin tokens from this network; try again later' });
        }
        if (!bearerMatches(request.headers.authorization, adminToken)) {
          // Only a token is a guess. A session cookie is signed, so cannot be guessed; one that no longer
          // verifies is left from before a restart or expired, and the console sends it on every load.
          if (request.headers.authorization !== undefined) {
            adminFailures.spend(request.network);
            request.log.warn({ network: request.network, url: request.url }, 'admin token refused');
          }
          if (session !== undefined) reply.header('set-cookie', sessionCookie('', 0, request.protocol === 'https'));
          return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'admin token required' });
        }
      });

      await admin.register(consoleApi, { db: store });
      await admin.register(proofPageRoute, { store, now });

      admin.get('/api/consent/export.csv', async (request, reply) => {
        const query = /** @type {Record<string, unknown>} */ (request.query);
        const from = timeBound(query.from, 'from');
        const to = timeBound(query.to, 'to');
        if (from === null) return reply.code(400).send({ error: 'from must be an ISO date', field: 'from' });
        if (to === null) return reply.code(400).send({ error: 'to must be an ISO date', field: 'to' });
        const records = store.exportRecords(from ?? '0000-01-01T00:00:00.000Z', to ?? '9999-12-31T23:59:59.999Z');
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="consent-export.csv"')
          .send(Readable.from((async function* lines() {
            yield csvLine(CSV_HEADER);
            for await (const stored of records) yield recordLine(stored);
          })()));
      });

      admin.get('/api/audit/head', async () => store.head());

      admin.get('/api/consent/:id', async (request, reply) => {
        const stored = await store.recordById(/** @type {{ id: string }} */ (request.params).id);
        return stored ?? reply.code(404).send({ error: 'no record with this id' });
      });

      admin.get('/api/consent', async (request, reply) => {
        const { visitorId, email } = /** @type {Record<string, unknown>} */ (request.query);
        if (typeof visitorId === 'string' && visitorId) return { records: await store.recordsByVisitor(visitorId) };
        if (typeof email === 'string' && email) return addressAnswer(store, email, now().getTime());
        return reply.code(400).send({ error: 'ask by visitorId or email', field: 'visitorId' });
      });
    });
  }

  if (options.staticRoot) {
    await app.register(fastifyStatic, { root: options.staticRoot.demo, prefix: '/' });
    await app.register(fastifyStatic, { root: options.staticRoot.dist, prefix: '/dist/', decorateReply: false });
  }

  return app;
}
