import type { FastifyPluginAsync } from 'fastify';
import { ProblemError } from './problem';

export interface HealthRoutesOptions {
  checkDatabase: () => Promise<void>;
  /** A fault's switch: answer "OK" as text/plain instead of the JSON body. */
  isPlainText?: boolean | undefined;
}

/**
 * `GET /health`: `{"status": "ok"}` while the database answers, a 503 problem when it does not.
 * @example app.register(healthRoutes, { checkDatabase, isPlainText: fault === 'health-not-json' });
 */
export const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (
  app,
  { checkDatabase, isPlainText = false },
) => {
  app.get('/health', async (request, reply) => {
    try {
      await checkDatabase();
    } catch (error) {
      request.log.error(error, 'database check failed');
      throw new ProblemError(503, 'The database is not answering.');
    }
    if (isPlainText) return reply.type('text/plain').send('OK');
    return { status: 'ok' };
  });
};
