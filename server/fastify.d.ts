// What the collector adds to fastify's request and route config (app.js).
import 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The client's network as stored and rate-limited: IPv4 /24 or IPv6 /48 (address.js). */
    network: string;
  }
  interface FastifyContextConfig {
    /** The route stores something: it spends from the network's write budget. */
    writes?: boolean;
    /** The widget posts here from the shop's pages: only from its own origin or ALLOWED_ORIGINS. */
    fromShopPages?: boolean;
  }
}
