import type { FastifyPluginAsync } from 'fastify';
import type { FaultId } from '../faults';
import { ProblemError } from './errors';

export interface HealthRoutesOptions {
  checkDatabase: () => Promise<void>;
  fault?: FaultId | undefined;
}

export const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (
  app,
  { checkDatabase, fault },
) => {
  app.get('/health', async (request, reply) => {
    try {
      await checkDatabase();
    } catch (error) {
      request.log.error(error, 'database check failed');
      throw new ProblemError(503, 'The database is not answering.');
    }
    if (fault === 'health-not-json') return reply.type('text/plain').send('OK');
    return { status: 'ok' };
  });
};
