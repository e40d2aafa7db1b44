import { createHash, timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { sessionCookie, sessionFrom } from './admin-session.js';
import { createSignInLimiter } from './sign-in-limiter.js';
import { truncateAddress } from './address.js';

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
 * @param {{ adminToken?: string, sessions: ReturnType<typeof import('./admin-session.js').createSessions> }} options
 */
export async function consoleRoutes(app, { adminToken, sessions }) {
  const limiter = createSignInLimiter({ max: 10, windowMs: 15 * 60000 });

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
    const address = truncateAddress(request.ip);
    const wait = limiter.blockedFor(address);
    if (wait > 0) {
      return reply.code(429).header('retry-after', String(wait))
        .send({ error: `too many failed sign-ins; try again in ${Math.ceil(wait / 60)} minutes` });
    }
    const { token } = /** @type {{ token: string }} */ (request.body);
    if (!tokenMatches(token, adminToken)) {
      limiter.fail(address);
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

  await app.register(fastifyStatic, {
    root: CONSOLE_ROOT,
    prefix: '/admin/',
    decorateReply: false,
    redirect: true,
  });
}
