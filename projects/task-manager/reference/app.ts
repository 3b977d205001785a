import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { healthRoutes } from '../../kit/reference/health.routes';
import { ProblemError, toClientProblem, toProblem } from '../../kit/reference/problem';
import type { FaultId } from '../faults';
import { authRoutes } from './auth.routes';
import type { AuthService } from './auth.service';
import { problems } from './errors';
import { taskRoutes } from './tasks.routes';
import type { TasksService } from './tasks.service';

// a task is a few hundred bytes at most (a 2,000-character description); anything near this is not one
const MAX_BODY_BYTES = 16 * 1024;

export interface AppDependencies {
  auth: AuthService;
  tasks: TasksService;
  checkDatabase: () => Promise<void>;
  fault?: FaultId | undefined;
  logger?: boolean | undefined;
}

/** The HTTP layer: security headers, routes, and one error handler that answers problem+json. */
export function buildApp({
  auth,
  tasks,
  checkDatabase,
  fault,
  logger = false,
}: AppDependencies): FastifyInstance {
  const app = Fastify({ logger, bodyLimit: MAX_BODY_BYTES });

  app.addHook('onSend', async (_request, reply, payload) => {
    // stops browsers from guessing a type and running a JSON body as HTML
    reply.header('x-content-type-options', 'nosniff');
    reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    return payload;
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toClientProblem(error);
    if (problem === undefined) request.log.error(error);
    const body = toProblem(problem ?? new ProblemError(500, 'Something went wrong on our side.'));
    if (problem !== undefined) reply.headers(problem.headers);
    if (fault === 'rate-limit-no-retry-after') reply.removeHeader('retry-after');
    return reply.code(body.status).type('application/problem+json').send(body);
  });

  app.setNotFoundHandler((_request, reply) => {
    const body = toProblem(problems.routeNotFound());
    return reply.code(body.status).type('application/problem+json').send(body);
  });

  app.register(healthRoutes, { checkDatabase, isPlainText: fault === 'health-not-json' });
  app.register(authRoutes, { auth, fault });
  app.register(taskRoutes, { auth, tasks, fault });
  return app;
}
