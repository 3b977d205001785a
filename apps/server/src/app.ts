import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import { projects as projectRegistry } from '@groundwork/projects';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from './config/config';
import type { Database } from './db/database';
import { accessPlugin } from './modules/accounts/access.plugin';
import { accountsRoutes } from './modules/accounts/accounts.routes';
import { type AccountsService, createAccountsService } from './modules/accounts/accounts.service';
import { type CookiePolicy, cookiePolicy } from './modules/accounts/cookies';
import { createPrincipalCache, type PrincipalCache } from './modules/accounts/principal-cache';
import { tokensRoutes } from './modules/accounts/tokens.routes';
import { createTokensService } from './modules/accounts/tokens.service';
import { adminRoutes } from './modules/admin/admin.routes';
import { createAdminService } from './modules/admin/admin.service';
import { healthRoutes } from './modules/health/health.routes';
import { progressRoutes } from './modules/progress/progress.routes';
import { createProgressService } from './modules/progress/progress.service';
import { createProjectCatalogue, type ProjectCatalogue } from './modules/projects/project-catalogue';
import { projectsRoutes } from './modules/projects/projects.routes';
import { createProjectsService } from './modules/projects/projects.service';
import { roadmapRoutes } from './modules/roadmap/roadmap.routes';
import { type RoadmapStore, UNLOADED_ROADMAP_STORE } from './modules/roadmap/roadmap-store';
import { createGradingPolicy, type GradingNetwork } from './modules/submissions/grading-policy';
import type { GradingQueue } from './modules/submissions/grading-queue';
import { createSubmissionHub } from './modules/submissions/submission-hub';
import { submissionStreamRoutes } from './modules/submissions/submission-stream.routes';
import { submissionsRoutes } from './modules/submissions/submissions.routes';
import { createSubmissionsService } from './modules/submissions/submissions.service';
import { webRoutes } from './modules/web/web.routes';
import { AppError } from './platform/errors/app-error';
import { registerErrorHandler } from './platform/errors/error-handler';
import { createClientErrorHandler, createFrameworkErrorHandler } from './platform/errors/framework-errors';
import { createMemoryBus, type EventBus } from './platform/events/event-bus';
import { registerJsonParser } from './platform/json-parser';
import { createLazyChildLogger } from './platform/lazy-child-logger';
import { createMetrics, metricsPlugin } from './platform/metrics';
import { DOCS_PREFIX, registerOpenApi } from './platform/openapi';
import { problemsRoutes } from './platform/problems.routes';
import { isLoopbackHost, registerHostCheck, trustedOrigins } from './platform/request-origin';
import { registerSecurityHeaders } from './platform/security-headers';
import { serializerCompiler } from './platform/serializer';
import { validatorCompiler } from './platform/validator';
import { VERSION } from './version';

export type AppDependencies = {
  config: Config;
  database: Database;
  logger: Logger;
  redis?: Redis | undefined;
  /** Carries auth-cache invalidations (and live events) between processes; in memory when omitted. */
  bus?: EventBus | undefined;
  /** Reports whether the process is draining, for /readyz. */
  isShuttingDown?: () => boolean;
  /** The synced roadmap (see syncAndLoadRoadmap); without it the roadmap and progress routes answer 503. */
  roadmap?: RoadmapStore | undefined;
  /** The projects graded here; the registry in projects/ by default. */
  catalogue?: ProjectCatalogue | undefined;
  /** The grading queue (shared with a worker in the same process); needed unless the role is worker. */
  queue?: Pick<GradingQueue, 'enqueue' | 'cancel'> | undefined;
  /** Where names resolve and sockets open when URLs are checked (tests inject both). */
  network?: GradingNetwork | undefined;
};

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Builds the HTTP application: platform plugins first (errors, security headers, metrics, access rules),
 * then one plugin per feature. Nothing listens yet; tests call `inject()` on the result.
 */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, database } = deps;
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: config.http.trustProxy,
    // keep an incoming X-Request-Id when it looks sane, so a request can be followed across services
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    // one line per request, written when it completes (Fastify's default is two)
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: true }),
    childLoggerFactory: (logger, bindings, options) =>
      createLazyChildLogger(logger as Logger, bindings, options),
    // errors raised before any route runs (a broken URL, a request Node cannot parse) are problems too
    frameworkErrors: createFrameworkErrorHandler({ isHttps: config.auth.secureCookies }),
    clientErrorHandler: createClientErrorHandler({ isHttps: config.auth.secureCookies }),
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  // first of all hooks: a request through a name we do not answer to is refused before anything runs
  registerHostCheck(app, config);
  registerJsonParser(app);
  const isShuttingDown = deps.isShuttingDown ?? (() => false);
  // hooks on every request are written callback-style: no promise and microtask per request
  const logsRequests = deps.logger.isLevelEnabled('info');
  // at debug level each request line carries both sides' headers, credentials redacted by the logger
  const logsHeaders = deps.logger.isLevelEnabled('debug');
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    // what a signed-in user sees is theirs alone: no shared cache may keep it (OWASP REST guidance)
    if (request.principal && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    // while draining, tell keep-alive clients to hang up after this response, so close() is not held open
    if (isShuttingDown()) reply.header('connection', 'close');
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const isQuietRoute = request.routeOptions.logLevel === 'warn' && reply.statusCode < 400;
    if (!isQuietRoute && logsRequests) {
      request.log.info(
        {
          method: request.method,
          url: request.url,
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 10) / 10,
          ...(logsHeaders ? { requestHeaders: request.headers, responseHeaders: reply.getHeaders() } : {}),
        },
        'request completed',
      );
    }
    done();
  });

  registerSecurityHeaders(app, { isHttps: config.auth.secureCookies });
  // with no origin configured CORS stays closed: no plugin, no headers, and browsers block cross-origin calls
  if (config.http.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: [...config.http.corsOrigins],
      credentials: true,
      // the plugin's default (GET, HEAD, POST) would make browsers refuse every PUT, PATCH and DELETE
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['content-type', 'authorization', 'x-csrf-token', 'x-request-id'],
      exposedHeaders: ['x-request-id', 'retry-after', 'location', 'etag'],
    });
  }
  await app.register(cookie);
  // before any route, so that it can tell upgrades from plain requests everywhere
  await app.register(websocket, { options: { maxPayload: 4096 } });
  await app.register(rateLimit, {
    global: false,
    ...(deps.redis ? { redis: deps.redis, nameSpace: 'groundwork:rate-limit:' } : {}),
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'rate_limited',
        `Too many attempts. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
      ),
  });

  const cookies = cookiePolicy(config.auth.secureCookies);
  // the OpenAPI plugin must come before any route, so that it sees them all
  await registerOpenApi(app, { version: VERSION, serveUi: true, sessionCookie: cookies.sessionCookie });
  const metrics = createMetrics();
  await app.register(metricsPlugin, { metrics, token: config.metricsToken });
  if (!config.metricsToken && !isLoopbackHost(config.host)) {
    deps.logger.warn(
      `/metrics is open to anyone who can reach ${config.host}:${config.port}; set METRICS_TOKEN to require a bearer token`,
    );
  }

  const bus = deps.bus ?? createMemoryBus();
  const cache = await createPrincipalCache({ ttlMs: config.auth.cacheTtlMs, max: 10_000, bus });
  app.addHook('onClose', () => cache.close());
  const accounts = createAccountsService({
    db: database.db,
    sessionTtlDays: config.auth.sessionTtlDays,
    cache,
  });
  await app.register(accessPlugin, {
    accounts,
    cookies,
    thirdPartyPublicPrefixes: [DOCS_PREFIX],
    trustedOrigins: trustedOrigins(config),
  });

  await app.register(healthRoutes, {
    readiness: { isShuttingDown, pingDatabase: () => database.ping() },
  });
  await app.register(problemsRoutes);
  // a worker process answers health, readiness and metrics only: its work is the queue's
  if (config.role !== 'worker') await registerApi(app, deps, { accounts, cookies, cache, bus });

  app.get(
    '/openapi.json',
    {
      config: { access: 'public' },
      schema: { hide: true },
    },
    async () => app.swagger(),
  );

  return app;
}

/** The product's routes: accounts, tokens, admin, roadmap, progress, grading and the web app. */
async function registerApi(
  app: FastifyInstance,
  deps: AppDependencies,
  shared: { accounts: AccountsService; cookies: CookiePolicy; cache: PrincipalCache; bus: EventBus },
) {
  const { config, database } = deps;
  const { accounts, cookies, cache, bus } = shared;
  await app.register(accountsRoutes, {
    accounts,
    cookies,
    rateLimit: { max: config.auth.rateLimitPerMinute, timeWindow: 60_000 },
  });
  await app.register(tokensRoutes, { tokens: createTokensService({ db: database.db, cache }) });
  await app.register(adminRoutes, { admin: createAdminService({ db: database.db, cache }) });
  const roadmap = deps.roadmap ?? UNLOADED_ROADMAP_STORE;
  await app.register(roadmapRoutes, { roadmap });
  await app.register(progressRoutes, { progress: createProgressService({ db: database.db, roadmap }) });
  await registerGrading(app, deps, bus);
  await app.register(webRoutes);
}

/** Projects, submissions and their live streams: the API side of grading (workers run it). */
async function registerGrading(app: FastifyInstance, deps: AppDependencies, bus: EventBus) {
  const { config, database, logger } = deps;
  const catalogue = deps.catalogue ?? createProjectCatalogue(projectRegistry);
  const queue = deps.queue;
  if (!queue) throw new Error('buildApp needs the grading queue to serve the API (see openGradingQueue)');
  const hub = await createSubmissionHub(bus, (error) => logger.warn({ err: error }, 'live grading problem'));
  app.addHook('onClose', () => hub.close());
  const submissions = createSubmissionsService({
    db: database.db,
    catalogue,
    queue,
    bus,
    policy: createGradingPolicy(config.grading, deps.network ?? {}),
    perHour: config.grading.submissionsPerHour,
    logger,
  });
  await app.register(projectsRoutes, { projects: createProjectsService({ db: database.db, catalogue }) });
  await app.register(submissionsRoutes, { submissions });
  await app.register(submissionStreamRoutes, {
    db: database.db,
    hub,
    submissions,
    allowedOrigins: trustedOrigins(config),
  });
}
