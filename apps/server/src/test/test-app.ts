import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app';
import { type Config, loadConfig } from '../config/config';
import type { Database } from '../db/database';
import type { ProjectCatalogue } from '../modules/projects/project-catalogue';
import { loadCheckedRoadmap } from '../modules/roadmap/content-loader';
import { type SyncResult, syncContent } from '../modules/roadmap/content-sync.service';
import type { ProjectStageLink } from '../modules/roadmap/project-stages';
import { syncAndLoadRoadmap } from '../modules/roadmap/roadmap-startup';
import type { RoadmapStore } from '../modules/roadmap/roadmap-store';
import type { GradingNetwork } from '../modules/submissions/grading-policy';
import { openGradingQueue, queueSettingsOf } from '../modules/submissions/grading-queue';
import { createMemoryBus, type EventBus } from '../platform/events/event-bus';
import { createLogger } from '../platform/logger';
import { openTestDatabase, type TestDatabase } from './test-database';

export type TestApp = {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  /** Every log line the app wrote, for tests that check what is (not) logged. */
  logs: string[];
  /** The roadmap served; empty unless `contentDir` was given. */
  roadmap: RoadmapStore | undefined;
  /** The in-process event bus the app uses (a test worker shares it). */
  bus: EventBus;
  /** Syncs another content folder, as a restart with new content would, and serves it. */
  syncContent(dir: string): Promise<SyncResult>;
  close(): Promise<void>;
};

/**
 * The real app on a fresh test database, answering through `inject()` (no port). Pass environment
 * variables to change the config, e.g. `{ AUTH_RATE_LIMIT_PER_MINUTE: '3' }`, and a content folder to
 * sync and serve the roadmap from it (as the API role does at start).
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: {
    contentDir?: string;
    projectStages?: readonly ProjectStageLink[];
    /** Where the app resolves names and opens sockets when it checks a submission's URL. */
    network?: GradingNetwork;
    /** The event bus; in memory by default. Pass a PostgreSQL or Redis one to hear other processes. */
    bus?: (database: TestDatabase) => EventBus;
    /** The projects served; the registry in projects/ by default. */
    catalogue?: ProjectCatalogue;
    /** Whether the process is draining, as server.ts reports it to /readyz. */
    isShuttingDown?: () => boolean;
    /** What the app sees of the database (say, one that stops answering); the test app closes the real one. */
    viewDatabase?: (database: Database) => Database;
  } = {},
): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    ...env,
  });
  const database = await openTestDatabase();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(String(chunk));
      callback();
    },
  });
  // the logger the server runs with (redaction included), writing into `logs`
  const logger = createLogger(config.log, sink);
  const bus = options.bus ? options.bus(database) : createMemoryBus();
  const roadmap = options.contentDir
    ? await syncAndLoadRoadmap({
        database,
        bus,
        logger,
        roadmap: await loadCheckedRoadmap(options.contentDir),
        ...(options.projectStages ? { projectStages: options.projectStages } : {}),
      })
    : undefined;
  const queue = await openGradingQueue(database, queueSettingsOf(config.grading), logger, {
    supervise: false,
  });
  const app = await buildApp({
    config,
    database: options.viewDatabase ? options.viewDatabase(database) : database,
    logger,
    bus,
    roadmap,
    queue,
    network: options.network,
    catalogue: options.catalogue,
    ...(options.isShuttingDown ? { isShuttingDown: options.isShuttingDown } : {}),
  });
  await app.ready();
  return {
    app,
    database,
    config,
    logs,
    roadmap,
    bus,
    async syncContent(dir) {
      const result = await syncContent(database.db, await loadCheckedRoadmap(dir));
      await roadmap?.refresh();
      return result;
    },
    async close() {
      await app.close();
      await queue.stop();
      await roadmap?.close();
      await bus.close();
      await database.close();
    },
  };
}

export type Caller = {
  /** Headers that authenticate as this caller (cookie, or bearer token). */
  headers: Record<string, string>;
  /** The same, plus the CSRF header that cookie-authenticated writes need. */
  writeHeaders: Record<string, string>;
  user: { id: string; email: string; role: string };
  csrfToken: string;
  cookie: string;
};

let counter = 0;

/** Signs a new user up through the API and returns what it needs to call the API as them. */
export async function signUp(
  app: FastifyInstance,
  overrides: { email?: string; password?: string; name?: string } = {},
): Promise<Caller> {
  counter += 1;
  const email = overrides.email ?? `user${counter}-${process.pid}@example.com`;
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    payload: {
      email,
      password: overrides.password ?? 'a long enough password',
      name: overrides.name ?? 'Test User',
    },
  });
  if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.statusCode} ${response.body}`);
  return callerFrom(response);
}

export function callerFrom(response: LightMyRequestResponse): Caller {
  const body = response.json() as { user: Caller['user']; csrfToken: string };
  const session = response.cookies.find((c) => c.name === 'gw_session' || c.name === '__Host-gw_session');
  if (!session) throw new Error('no session cookie in the response');
  const cookie = `${session.name}=${session.value}; gw_csrf=${body.csrfToken}`;
  return {
    headers: { cookie },
    writeHeaders: { cookie, 'x-csrf-token': body.csrfToken },
    user: body.user,
    csrfToken: body.csrfToken,
    cookie,
  };
}

/** Signs up a user and gives them a role, acting as the given admin. */
export async function signUpAs(app: FastifyInstance, admin: Caller, role: 'learner' | 'mentor' | 'admin') {
  const caller = await signUp(app);
  if (role !== 'learner') {
    const changed = await app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${caller.user.id}`,
      headers: admin.writeHeaders,
      payload: { role },
    });
    if (changed.statusCode !== 200) throw new Error(`role change failed: ${changed.body}`);
    caller.user.role = role;
  }
  return caller;
}
