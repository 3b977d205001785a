import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { safeEqual } from '../modules/accounts/secrets';
import { AppError } from './errors/app-error';

export type Metrics = { registry: Registry };

/** A registry per app instance, so tests and several apps in one process never share counters. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return { registry };
}

/**
 * Records how long every request took, labelled by route pattern (not the raw URL, which would explode
 * the number of series) and status code, and serves the registry at /metrics for Prometheus.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance, options: { metrics: Metrics; token: string | undefined }) => {
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [options.metrics.registry],
    });

    // one labelled child per method/route/status, so recording a request does not rehash its labels
    const series = new Map<string, { observe(value: number): void }>();
    app.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? '(unmatched)';
      const key = `${request.method} ${route} ${reply.statusCode}`;
      let child = series.get(key);
      if (!child) {
        child = duration.labels({ method: request.method, route, status_code: reply.statusCode });
        series.set(key, child);
      }
      child.observe(reply.elapsedTime / 1000);
      done();
    });

    app.get(
      '/metrics',
      {
        config: { access: 'public' },
        logLevel: 'warn',
        schema: {
          tags: ['health'],
          operationId: 'getMetrics',
          summary: 'Prometheus metrics (bearer METRICS_TOKEN when the operator sets one)',
          produces: ['text/plain'],
        },
      },
      async (request, reply) => {
        if (options.token) {
          const sent = request.headers.authorization?.replace(/^Bearer\s+/i, '') ?? '';
          if (!safeEqual(sent, options.token))
            throw new AppError('unauthenticated', 'Send the metrics token.');
        }
        return reply
          .type(options.metrics.registry.contentType)
          .send(await options.metrics.registry.metrics());
      },
    );
  },
  { name: 'metrics' },
);
