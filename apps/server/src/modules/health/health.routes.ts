import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error';
import { problems } from '../../platform/route-helpers';

export type Readiness = { isShuttingDown(): boolean; pingDatabase(): Promise<void> };

const READY_DEADLINE_MS = 2000;

export const healthRoutes: FastifyPluginAsyncZod<{ readiness: Readiness }> = async (app, { readiness }) => {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      logLevel: 'warn',
      schema: {
        tags: ['health'],
        operationId: 'getLiveness',
        summary: 'Liveness: the process is up and serving HTTP',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      logLevel: 'warn',
      schema: {
        tags: ['health'],
        operationId: 'getReadiness',
        summary: 'Readiness: the database answers and the process is not shutting down',
        response: {
          200: z.object({ status: z.literal('ready'), checks: z.object({ database: z.literal('ok') }) }),
          ...problems(503),
        },
      },
    },
    async () => {
      if (readiness.isShuttingDown()) throw new AppError('not_ready', 'The server is shutting down.');
      try {
        await withDeadline(readiness.pingDatabase(), READY_DEADLINE_MS);
      } catch {
        throw new AppError('not_ready', 'The database does not answer.');
      }
      return { status: 'ready' as const, checks: { database: 'ok' as const } };
    },
  );
};

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
