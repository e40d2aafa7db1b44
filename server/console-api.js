import { statsFrom, statsRange } from './stats.js';

/**
 * The admin routes only the console needs, registered inside the admin scope (session or bearer).
 * @param {import('fastify').FastifyInstance} admin
 * @param {{ db: { dailyCounts(from: string, to: string): Iterable<import('./stats.js').DailyCount> | Promise<Iterable<import('./stats.js').DailyCount>> } }} options
 */
export async function consoleApi(admin, { db }) {
  /** The console asks this on load: 200 signed in, else the scope's 401. */
  admin.get('/api/admin/session', async () => ({ signedIn: true }));

  // SPEC §9: the overview's numbers.
  admin.get('/api/stats', async (request, reply) => {
    const range = statsRange(/** @type {Record<string, unknown>} */ (request.query), Date.now());
    if ('error' in range) return reply.code(400).send(range);
    return statsFrom(await db.dailyCounts(range.from, range.to), range.from, range.to);
  });
}
