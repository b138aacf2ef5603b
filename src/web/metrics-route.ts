/**
 * Request latency per route for Prometheus, and `/metrics` on the main port when
 * EGEC_METRICS_TOKEN is set (401 without the right bearer token; 404 when no token is set, as for
 * any unknown address). The route label is Fastify's route pattern, never the raw URL, so the
 * number of series stays bounded whatever clients request.
 */
import type { FastifyInstance } from 'fastify';
import { hasBearerToken } from '../metrics/bearer-token.js';
import type { Metrics } from '../metrics/metrics.js';

export const METRICS_PATH = '/metrics';

export function registerMetrics(app: FastifyInstance, metrics: Metrics, token: string | undefined): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? '(unmatched)';
    metrics.httpDuration.observe({ method: request.method, route, status: reply.statusCode }, reply.elapsedTime / 1000);
  });
  if (token === undefined) return;
  app.get(METRICS_PATH, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (!hasBearerToken(request.headers.authorization, token)) {
      return reply.code(401).header('www-authenticate', 'Bearer').type('text/plain; charset=utf-8').send('401 Unauthorized\n');
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
