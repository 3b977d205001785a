import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { healthRoutes } from '../../kit/reference/health.routes';
import { ProblemError, toClientProblem, toProblem } from '../../kit/reference/problem';
import type { FaultId } from '../faults';
import { problems } from './errors';
import { linkRoutes } from './links.routes';
import type { LinksService } from './links.service';

// a link request is a few hundred bytes; anything near this is not one
const MAX_BODY_BYTES = 16 * 1024;

export interface AppDependencies {
  links: LinksService;
  checkDatabase: () => Promise<void>;
  fault?: FaultId | undefined;
  logger?: boolean | undefined;
}

/** The HTTP layer: security headers, routes, and one error handler that answers problem+json. */
export function buildApp({ links, checkDatabase, fault, logger = false }: AppDependencies): FastifyInstance {
  const app = Fastify({ logger, bodyLimit: MAX_BODY_BYTES });

  app.addHook('onSend', async (_request, reply, payload) => {
    // stops browsers from guessing a type and running a JSON body as HTML
    reply.header('x-content-type-options', 'nosniff');
    reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    if (fault === 'missing-nosniff') reply.removeHeader('x-content-type-options');
    if (fault === 'powered-by-header') reply.header('x-powered-by', 'Fastify/5.12.8');
    return payload;
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toClientProblem(error);
    if (problem === undefined) request.log.error(error);
    const body = toProblem(problem ?? new ProblemError(500, 'Something went wrong on our side.'));
    if (fault === 'html-error-reflects-input' && body.status === 404 && acceptsHtml(request)) {
      return sendHtmlNotFound(request, reply);
    }
    if (fault === 'error-leaks-stack') Object.assign(body, { stack: error.stack });
    if (fault === 'validation-error-no-field') delete body.field;
    return reply.code(body.status).type('application/problem+json').send(body);
  });

  app.setNotFoundHandler((_request, reply) => {
    const body = toProblem(problems.routeNotFound());
    return reply.code(body.status).type('application/problem+json').send(body);
  });

  app.register(healthRoutes, { checkDatabase, isPlainText: fault === 'health-not-json' });
  app.register(linkRoutes, { links, fault });
  return app;
}

function acceptsHtml(request: FastifyRequest): boolean {
  return request.headers.accept?.includes('text/html') ?? false;
}

/** html-error-reflects-input: a "friendly" page for browsers that echoes the code without escaping it. */
function sendHtmlNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { code } = request.params as { code?: string };
  return reply.code(404).type('text/html').send(`<h1>Not found</h1><p>No link is called ${code}.</p>`);
}
