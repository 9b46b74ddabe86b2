import type { FastifyInstance } from 'fastify';

/**
 * The security headers helmet would send, computed once at start-up instead of on every response
 * (helmet re-serialises its policy per request, a measurable share of a cached GET /me).
 */
const HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; base-uri 'self'; font-src 'self' data:; form-action 'self'; frame-ancestors 'self'; img-src 'self' data: blob:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; upgrade-insecure-requests",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

/** JSON is never rendered as a page, so API responses carry the OWASP REST set only. */
const API_HEADERS: Record<string, string> = {
  'cache-control': 'no-store',
  'content-security-policy': "frame-ancestors 'none'",
  'strict-transport-security': HEADERS['strict-transport-security']!,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

export function installSecurityHeaders(app: FastifyInstance, options: { https: boolean }): void {
  const page = { ...HEADERS };
  const api = { ...API_HEADERS };
  // Over plain HTTP (local demo) these would break the page: browsers refuse to upgrade to a TLS that isn't there.
  if (!options.https) {
    delete page['strict-transport-security'];
    delete api['strict-transport-security'];
    page['content-security-policy'] = page['content-security-policy']!.replace('; upgrade-insecure-requests', '');
  }
  const pageEntries = Object.entries(page);
  const apiEntries = Object.entries(api);
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/api/v1/')) {
      for (const [name, value] of apiEntries)
        // A route serving bytes (a group's image) sets its own, stricter policy and caching.
        if (!(name === 'content-security-policy' || name === 'cache-control') || !reply.hasHeader(name)) reply.header(name, value);
    } else for (const [name, value] of pageEntries) reply.header(name, value);
    reply.header('x-request-id', request.id);
    done(null, payload);
  });
}
