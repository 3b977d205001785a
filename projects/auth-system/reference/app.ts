import cookie from '@fastify/cookie';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { FaultId } from '../faults';
import { accountRoutes } from './account.routes';
import type { AccountService } from './account.service';
import { authRoutes } from './auth.routes';
import { ProblemError, problems, toProblem } from './errors';
import type { Outbox } from './outbox';
import type { SessionService } from './session.service';
import { testRoutes } from './test.routes';
import type { TotpService } from './totp.service';

// an auth request is a few hundred bytes; anything near this is not one
const MAX_BODY_BYTES = 8 * 1024;

export interface AppDependencies {
  accounts: AccountService;
  sessions: SessionService;
  totp: TotpService;
  outbox: Outbox;
  checkDatabase: () => Promise<void>;
  isTestMode: boolean;
  fault?: FaultId | undefined;
  logger?: boolean | undefined;
}

/** The HTTP layer: security headers, routes, and one error handler that answers problem+json. */
export function buildApp(deps: AppDependencies): FastifyInstance {
  const { accounts, sessions, totp, outbox, checkDatabase, isTestMode, fault, logger = false } = deps;
  // never log a URL's query string or a body: emailed tokens travel in both
  const app = Fastify({
    bodyLimit: MAX_BODY_BYTES,
    logger: logger
      ? {
          serializers: {
            req: (request: { method: string; url: string }) => ({
              method: request.method,
              path: request.url.split('?')[0],
            }),
          },
        }
      : false,
  });
  app.register(cookie);

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    // answers carry tokens: no cache may keep them
    reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblemError(error);
    if (problem === undefined) request.log.error(error);
    const body = toProblem(problem ?? new ProblemError(500, 'internal', 'Something went wrong on our side.'));
    if (problem !== undefined) reply.headers(problem.headers);
    if (fault === 'lockout-no-retry-after') reply.removeHeader('retry-after');
    return reply.code(body.status).type('application/problem+json').send(body);
  });

  app.setNotFoundHandler((_request, reply) => {
    const body = toProblem(problems.routeNotFound());
    return reply.code(body.status).type('application/problem+json').send(body);
  });

  app.get('/health', async (request, reply) => {
    try {
      await checkDatabase();
    } catch (error) {
      request.log.error(error, 'database check failed');
      throw new ProblemError(503, 'unavailable', 'The database is not answering.');
    }
    if (fault === 'health-returns-503') return reply.code(503).send({ status: 'unavailable' });
    return { status: 'ok' };
  });
  app.register(authRoutes, { accounts, sessions, isTestMode, fault });
  app.register(accountRoutes, { accounts, sessions, totp, fault });
  if (isTestMode) app.register(testRoutes, { accounts, outbox });
  return app;
}

/** Errors a client caused (ours, or Fastify's for bad JSON, wrong media type, too large a body). */
function toProblemError(error: FastifyError): ProblemError | undefined {
  if (error instanceof ProblemError) return error;
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return new ProblemError(status, 'bad-request', error.message);
  return undefined;
}
