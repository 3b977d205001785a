import { listProjectTopicRefs, projects } from '@groundwork/projects';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { buildApp } from './app';
import type { Config } from './config/config';
import { type Database, openDatabase } from './db/database';
import { runMigrations } from './db/migrate';
import { type SessionPurge, startSessionPurge } from './modules/accounts/session-purge';
import { createProjectCatalogue } from './modules/projects/project-catalogue';
import { loadCheckedRoadmap } from './modules/roadmap/content-loader';
import { linkProjectStages, type ProjectStageLink } from './modules/roadmap/project-stages';
import { syncAndLoadRoadmap } from './modules/roadmap/roadmap-startup';
import type { RoadmapStore } from './modules/roadmap/roadmap-store';
import type { GradingNetwork } from './modules/submissions/grading-policy';
import { type GradingQueue, openGradingQueue, queueSettingsOf } from './modules/submissions/grading-queue';
import { type GradingWorker, startGradingWorker } from './modules/submissions/grading-worker';
import { createEventBus } from './platform/events/create-bus';
import type { EventBus } from './platform/events/event-bus';
import { createLogger } from './platform/logger';

export type RunningServer = {
  app: FastifyInstance;
  url: string;
  logger: Logger;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
};

export type StartOptions = {
  logger?: Logger;
  handleSignals?: boolean;
  /** Project stages that exercise roadmap topics, shown on topic pages; the projects registry by default. */
  projectStages?: readonly ProjectStageLink[];
  /** Where grading resolves names and opens sockets (tests inject both). */
  network?: GradingNetwork;
};

/**
 * Starts Groundwork with a parsed config: checks the roadmap content (API roles), opens the database
 * (PGlite or PostgreSQL), applies migrations, syncs the content, builds the app and listens. Invalid
 * content stops the start with a ContentError naming each file and field at fault. Shutdown on
 * SIGINT/SIGTERM drains requests first.
 * @example const server = await startServer(loadConfig(process.env));
 */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.log);
  // checked before the database opens, with the rules of `groundwork content check`: broken content is
  // the author's to fix, and fails fast
  const projectTopicRefs = listProjectTopicRefs();
  const content =
    config.role === 'worker' ? undefined : await loadCheckedRoadmap(config.contentDir, { projectTopicRefs });
  const projectStages = options.projectStages ?? linkProjectStages(projectTopicRefs, projects);
  const database = await openDatabase({
    url: config.database.url,
    poolSize: config.database.poolSize,
    dataDir: config.database.dataDir,
    logger,
  });
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 })
    : undefined;
  redis?.on('error', (error) => logger.warn({ err: error }, 'redis connection problem'));

  let isShuttingDown = false;
  let app: FastifyInstance;
  let bus: EventBus | undefined;
  let roadmap: RoadmapStore | undefined;
  let queue: GradingQueue | undefined;
  let worker: GradingWorker | undefined;
  let sessionPurge: SessionPurge | undefined;
  const catalogue = createProjectCatalogue(projects);
  const network = options.network ?? {};
  try {
    await runMigrations(database);
    bus = createEventBus({ redisUrl: config.redisUrl, databaseUrl: config.database.url, database, logger });
    if (content) {
      roadmap = await syncAndLoadRoadmap({ database, bus, logger, roadmap: content, projectStages });
    }
    const isWorker = config.role !== 'api';
    // one queue per process: the API enqueues on it, a worker also fetches and maintains it
    queue = await openGradingQueue(database, queueSettingsOf(config.grading), logger, {
      supervise: isWorker,
    });
    if (isWorker) {
      // background upkeep runs where the queue's does
      sessionPurge = startSessionPurge({ db: database.db, logger });
      worker = await startGradingWorker({
        database,
        bus,
        queue,
        catalogue,
        grading: config.grading,
        network,
        logger,
      });
    }
    app = await buildApp({
      config,
      database,
      logger,
      redis,
      bus,
      roadmap,
      catalogue,
      queue,
      network,
      isShuttingDown: () => isShuttingDown,
    });
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await sessionPurge?.stop();
    await worker?.close();
    await queue?.stop();
    await roadmap?.close();
    await bus?.close();
    await closeQuietly(database, redis);
    throw error;
  }

  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  logger.info(
    { url, database: database.kind, role: config.role },
    `Groundwork is running at ${url} (${database.kind === 'pglite' ? `embedded database in ${config.database.dataDir}` : 'PostgreSQL'})`,
  );

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      isShuttingDown = true;
      // runs in hand go back to the queue first, so another worker picks them up while we drain
      await worker?.close();
      await sessionPurge?.stop();
      await app.close();
      await queue?.stop();
      await roadmap?.close();
      await bus?.close();
      await closeQuietly(database, redis);
      logger.info('Groundwork stopped');
    })();
    return closing;
  };

  if (options.handleSignals) {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'shutting down: draining requests');
      const timer = setTimeout(() => {
        logger.error(`shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting`);
        process.exit(1);
      }, config.shutdownTimeoutMs);
      timer.unref();
      close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }

  return { app, url, logger, close };
}

async function closeQuietly(database: Database, redis: Redis | undefined) {
  await database.close().catch(() => {});
  if (redis) await redis.quit().catch(() => redis.disconnect());
}
