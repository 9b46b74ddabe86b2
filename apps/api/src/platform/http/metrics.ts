import type { FastifyInstance } from 'fastify';
import client from 'prom-client';

/** One registry per process; modules add their own metrics to it. */
export const metricsRegistry = new client.Registry();
client.collectDefaultMetrics({ register: metricsRegistry, prefix: 'quanzi_' });

const httpDuration = new client.Histogram({
  name: 'quanzi_http_request_duration_seconds',
  help: 'HTTP request duration by route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

/**
 * The labelled child per (method, route, status), looked up once: `observe({labels})` would hash the
 * label object on every request. The set is bounded by the route table times the status codes used.
 */
const children = new Map<string, client.Histogram.Internal<'method' | 'route' | 'status'>>();
function durationOf(method: string, route: string, status: number) {
  const key = `${method} ${status} ${route}`;
  let child = children.get(key);
  if (!child) {
    child = httpDuration.labels(method, route, String(status));
    children.set(key, child);
  }
  return child;
}

export function installMetrics(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    // The route pattern, not the URL: ids must not explode the label set.
    durationOf(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode).observe(reply.elapsedTime / 1000);
    done();
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.type(metricsRegistry.contentType);
    return metricsRegistry.metrics();
  });
}
