import { createHash, timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { sessionCookie, sessionFrom } from './admin-session.js';

/** The built console: `npm run build` writes it beside this file. */
const CONSOLE_ROOT = fileURLToPath(new URL('./console/', import.meta.url));

/** @param {string} presented @param {string} token */
function tokenMatches(presented, token) {
  const digest = (/** @type {string} */ s) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(presented), digest(token));
}

/**
 * The site owner's console (SPEC §9): its pages at `/admin/`, and signing in and out at
 * `/api/admin/session`. The pages hold no data; everything they show comes from admin routes
 * that answer 401 without the session cookie or the bearer token.
 * @param {import('fastify').FastifyInstance} app
 * @param {{ adminToken?: string, sessions: ReturnType<typeof import('./admin-session.js').createSessions>,
 *   adminFailures: ReturnType<typeof import('./rate-limit.js').windowBudget> }} options wrong tokens count
 *   against the same budget per network as wrong bearer tokens
 */
export async function consoleRoutes(app, { adminToken, sessions, adminFailures }) {

  /**
   * Sign-in and sign-out change state, so they must come from the console itself: a cross-site
   * form could otherwise sign a browser in or out (login CSRF). SameSite=Strict guards the rest.
   * @param {import('fastify').FastifyRequest} request
   */
  const fromConsole = (request) => {
    const origin = request.headers.origin;
    return origin === undefined || origin === `${request.protocol}://${request.host}`;
  };

  app.post('/api/admin/session', {
    schema: {
      body: {
        type: 'object',
        required: ['token'],
        additionalProperties: false,
        properties: { token: { type: 'string', maxLength: 1024 } },
      },
    },
  }, async (request, reply) => {
    if (!adminToken) {
      return reply.code(404).send({ error: 'the console is off: start the collector with CONSENT_ADMIN_TOKEN set' });
    }
    if (!fromConsole(request)) return reply.code(403).send({ error: 'sign in from the console itself' });
    reply.header('cache-control', 'no-store');
    // Checked before the token, so a network that has guessed too often learns nothing more.
    if (adminFailures.exhausted(request.network)) {
      const wait = adminFailures.retryAfterS();
      return reply.code(429).header('retry-after', String(wait))
        .send({ error: `too many wrong admin tokens from this network; try again in ${Math.ceil(wait / 60)} minutes` });
    }
    const { token } = /** @type {{ token: string }} */ (request.body);
    if (!tokenMatches(token, adminToken)) {
      adminFailures.spend(request.network);
      request.log.warn({ network: request.network }, 'console sign-in refused');
      return reply.code(401).send({ error: 'that is not the admin token', field: 'token' });
    }
    const expiresAt = new Date(Date.now() + sessions.lifetimeMs).toISOString();
    return reply
      .header('set-cookie', sessionCookie(sessions.create(), sessions.lifetimeMs / 1000, request.protocol === 'https'))
      .send({ expiresAt });
  });

  app.delete('/api/admin/session', async (request, reply) => {
    if (!fromConsole(request)) return reply.code(403).send({ error: 'sign out from the console itself' });
    sessions.revoke(sessionFrom(request.headers.cookie));
    return reply
      .header('set-cookie', sessionCookie('', 0, request.protocol === 'https'))
      .code(204).send();
  });

  // The static plugin serves only below its prefix; the address a site owner types has no slash.
  app.get('/admin', (_request, reply) => reply.redirect('/admin/', 301));

  await app.register(fastifyStatic, {
    root: CONSOLE_ROOT,
    prefix: '/admin/',
    decorateReply: false,
    redirect: true,
  });
}
