import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../../db/database';

/** Grading jobs; a job's id is its submission's id. */
export const GRADING_QUEUE = 'grading';
/** Where a job lands once its retries are used up (every worker that took it died). */
export const GRADING_DEAD_QUEUE = 'grading-dead';
export const QUEUE_SCHEMA = 'pgboss';

export type GradingJobData = { submissionId: string };

export function queueSettingsOf(grading: {
  runTimeoutMs: number;
  retryLimit: number;
  queueMaintenanceIntervalSeconds: number;
}): QueueSettings {
  return {
    runTimeoutMs: grading.runTimeoutMs,
    retryLimit: grading.retryLimit,
    maintenanceIntervalSeconds: grading.queueMaintenanceIntervalSeconds,
  };
}

/** How long a run may hold its job before the queue presumes its worker dead and retries it. */
export function jobExpirySeconds(runTimeoutMs: number): number {
  const runSeconds = Math.ceil(runTimeoutMs / 1000);
  // the run's own deadline plus time to write its results: as long again, between 5 s and a minute
  return runSeconds + Math.min(60, Math.max(5, runSeconds));
}

export type QueueSettings = {
  runTimeoutMs: number;
  retryLimit: number;
  maintenanceIntervalSeconds: number;
};

export type GradingQueue = {
  enqueue(submissionId: string): Promise<void>;
  cancel(submissionId: string): Promise<void>;
  /**
   * Fails a job whose worker is gone, so the queue retries it now (or dead-letters it once its retries
   * are used up) instead of waiting for it to expire.
   */
  retry(submissionId: string): Promise<void>;
  /** Starts `concurrency` fetch loops on the queue; the handler's promise settles the job. */
  work(
    queue: string,
    concurrency: number,
    handler: (job: PgBoss.JobWithMetadata<GradingJobData>) => Promise<void>,
  ): Promise<void>;
  /** Wakes idle workers now instead of at their next poll (a job was just enqueued somewhere). */
  wake(): void;
  /** Fails the jobs in hand so they are retried elsewhere, and stops fetching. */
  stop(): Promise<void>;
};

function bossFor(
  database: Database,
  options: { migrate: boolean; supervise: boolean; maintenanceIntervalSeconds?: number },
) {
  return new PgBoss({
    // the app's own connection (PGlite) or pool (PostgreSQL): one database, one set of credentials
    db: { executeSql: (text, values) => database.executeSql(text, values ?? []) },
    schema: QUEUE_SCHEMA,
    schedule: false,
    ...options,
  });
}

function queueOptions(settings: QueueSettings) {
  return {
    name: GRADING_QUEUE,
    retryLimit: settings.retryLimit,
    retryDelay: 1,
    expireInSeconds: jobExpirySeconds(settings.runTimeoutMs),
    deadLetter: GRADING_DEAD_QUEUE,
  };
}

/** The settings a queue is created with; each worker applies the operator's own when it starts. */
export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  runTimeoutMs: 600_000,
  retryLimit: 2,
  maintenanceIntervalSeconds: 30,
};

/**
 * Installs (or upgrades) the queue's tables and queues: part of the database migrations.
 * @example await installQueue(database)
 */
export async function installQueue(database: Database): Promise<void> {
  const boss = bossFor(database, { migrate: true, supervise: false });
  await boss.start();
  try {
    await boss.createQueue(GRADING_DEAD_QUEUE, { name: GRADING_DEAD_QUEUE });
    await boss.createQueue(GRADING_QUEUE, queueOptions(DEFAULT_QUEUE_SETTINGS));
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
}

/**
 * The grading queue on the app's database (pg-boss, which runs unchanged on PGlite and PostgreSQL).
 * Delivery is at least once: handlers must be idempotent.
 */
export async function openGradingQueue(
  database: Database,
  settings: QueueSettings,
  logger: Logger,
  options: { supervise: boolean },
): Promise<GradingQueue> {
  const boss = bossFor(database, {
    migrate: false,
    supervise: options.supervise,
    maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds,
  });
  boss.on('error', (error) => logger.warn({ err: error }, 'grading queue problem'));
  await boss.start();
  // a worker brings the operator's retry and deadline settings; the queue keeps them for every job
  if (options.supervise) await boss.updateQueue(GRADING_QUEUE, queueOptions(settings));
  const workerIds: string[] = [];
  let isStopped = false;
  return {
    async enqueue(submissionId) {
      await boss.send(GRADING_QUEUE, { submissionId } satisfies GradingJobData, { id: submissionId });
    },
    async cancel(submissionId) {
      await boss.cancel(GRADING_QUEUE, submissionId);
    },
    async retry(submissionId) {
      await boss.fail(GRADING_QUEUE, submissionId, { message: 'its worker stopped answering' });
    },
    async work(queue, concurrency, handler) {
      for (let i = 0; i < concurrency; i += 1) {
        const id = await boss.work<GradingJobData>(
          queue,
          { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: 2 },
          async ([job]) => {
            if (job) await handler(job);
          },
        );
        workerIds.push(id);
      }
    },
    wake() {
      if (isStopped) return;
      for (const id of workerIds) boss.notifyWorker(id);
    },
    async stop() {
      isStopped = true;
      await boss.stop({ graceful: false, close: false });
    },
  };
}
