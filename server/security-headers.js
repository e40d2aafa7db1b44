/**
 * Headers every answer of the collector carries (SPEC §10): no content sniffing, no referrer
 * leaving it, and on pages a content security policy. The demo shop's pages run inline scripts
 * (an import map, a gated analytics snippet); the console at /admin runs none and may not be framed.
 */
const PAGE_POLICY = [
  "default-src 'self'", "script-src 'self' 'unsafe-inline'", "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'self'",
].join('; ');
const CONSOLE_POLICY = [
  "default-src 'self'", "img-src 'self' data:", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

/** @param {import('fastify').FastifyInstance} app */
export function addSecurityHeaders(app) {
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
  });
  app.addHook('onSend', async (request, reply) => {
    // A page that brings its own policy (the proof page, proof-html.js) keeps it.
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html') || reply.hasHeader('content-security-policy')) return;
    const atConsole = request.url === '/admin' || request.url.startsWith('/admin/');
    // The install form's live preview is the one console page framed, by the console itself.
    const policy = request.url.startsWith('/admin/preview.html') ? CONSOLE_POLICY.replace("frame-ancestors 'none'", "frame-ancestors 'self'") : CONSOLE_POLICY;
    reply.header('content-security-policy', atConsole ? policy : PAGE_POLICY);
    if (atConsole) reply.header('cache-control', 'no-store');
  });
}
