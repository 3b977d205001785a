import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { FaultId } from '../faults';
import type { ArticlesRepository } from './articles.repository';
import { articleRoutes } from './articles.routes';
import type { AuthService } from './auth.service';
import type { CommentsRepository } from './comments.repository';
import { commentRoutes } from './comments.routes';
import { ConduitError, conduitErrors } from './errors';
import type { UsersRepository } from './users.repository';
import { userRoutes } from './users.routes';

// an article body may be long, but not this long
const MAX_BODY_BYTES = 256 * 1024;
// RealWorld clients call the API under /api
export const API_PREFIX = '/api';

export interface AppDependencies {
  auth: AuthService;
  users: UsersRepository;
  articles: ArticlesRepository;
  comments: CommentsRepository;
  breakDatabase: () => Promise<void>;
  fault?: FaultId | undefined;
  logger?: boolean | undefined;
}

/** The HTTP layer: security headers, the routes under /api, and one error handler in RealWorld's error shape. */
export function buildApp({ logger = false, ...dependencies }: AppDependencies): FastifyInstance {
  const app = Fastify({ logger, bodyLimit: MAX_BODY_BYTES });

  app.addHook('onSend', async (_request, reply, payload) => {
    // stops browsers from guessing a type and running a JSON body as HTML
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = toConduitError(error);
    if (known === undefined) request.log.error(error);
    const answer = known ?? conduitErrors.internal();
    return reply.code(answer.status).send({ errors: answer.errors });
  });

  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ errors: conduitErrors.notFound('route').errors }),
  );

  app.register(userRoutes, { ...dependencies, prefix: API_PREFIX });
  app.register(articleRoutes, { ...dependencies, prefix: API_PREFIX });
  app.register(commentRoutes, { ...dependencies, prefix: API_PREFIX });
  return app;
}

/** Errors a client caused: ours, or Fastify's for bad JSON, a wrong media type or too large a body. */
function toConduitError(error: FastifyError): ConduitError | undefined {
  if (error instanceof ConduitError) return error;
  const status = error.statusCode ?? 500;
  if (status === 413 || status === 415) return new ConduitError(status, { body: [error.message] });
  if (status >= 400 && status < 500) return new ConduitError(422, { body: [error.message] });
  return undefined;
}
