import type { SubmissionStatus } from '@groundwork/contracts';
import { runSuite } from '@groundwork/grader';
import type { Logger } from 'pino';
import type { Config } from '../../config/config';
import type { Database } from '../../db/database';
import type { EventBus } from '../../platform/events/event-bus';
import type { ProjectCatalogue } from '../projects/project-catalogue';
import { createEventRecorder } from './event-recorder';
import { recordFinishedRun } from './finish-run';
import { createGradingPolicy, type GradingNetwork } from './grading-policy';
import { GRADING_DEAD_QUEUE, GRADING_QUEUE, type GradingQueue } from './grading-queue';
import {
  forgetDeadWorkers,
  listOrphanedAttempts,
  registerWorker,
  releaseOrphanedAttempt,
  removeWorker,
  touchWorker,
} from './grading-workers.repository';
import { announceLive, CancelMessage, CHANNELS } from './live-messages';
import {
  finishActive,
  finishAttempt,
  listStaleQueued,
  requeueAttempt,
  startAttempt,
} from './submissions.repository';

// a submission still queued after this long may have lost its job between insert and enqueue
const STALE_QUEUED_MS = 60_000;
const WORKER_GAVE_UP =
  'Grading stopped unexpectedly several times: the worker running it was restarted or crashed. ' +
  'Nothing is wrong with your submission; please submit it again.';

export type GradingWorkerDependencies = {
  database: Database;
  bus: EventBus;
  queue: GradingQueue;
  catalogue: ProjectCatalogue;
  grading: Config['grading'];
  network?: GradingNetwork;
  logger: Logger;
};

export type GradingWorker = {
  /** Submission ids being graded right now by this process. */
  running(): string[];
  /**
   * Stops taking jobs: runs in hand are abandoned and go back to the queue for another worker. The
   * queue itself belongs to the caller, who stops it afterwards.
   */
  close(): Promise<void>;
};

/** Thrown so the queue retries the job elsewhere: this process is stopping, the run was not judged. */
class WorkerStopping extends Error {}

type RunHandle = { stop(reason: 'cancelled' | 'shutdown'): void; settled: Promise<unknown> };

/**
 * The worker role: takes grading jobs, runs the grader against the learner's server under the strict
 * address policy, stores every event as it happens and the result set once, and marks the roadmap
 * topics of passed stages verified. Delivery is at least once; every write is guarded by the attempt,
 * so a job run twice still leaves exactly one result set.
 */
export async function startGradingWorker(deps: GradingWorkerDependencies): Promise<GradingWorker> {
  const { database, bus, queue, catalogue, grading, logger } = deps;
  const db = database.db;
  const network = deps.network ?? {};
  const policy = createGradingPolicy(grading, network);
  const runs = new Map<string, RunHandle>();
  let isClosing = false;
  const workerId = await registerWorker(db);

  const announceStatus = (row: { id: string; attempt: number; status: SubmissionStatus }) =>
    announceLive(bus, logger, {
      kind: 'status',
      submissionId: row.id,
      attempt: row.attempt,
      status: row.status,
    });

  async function grade(submissionId: string) {
    if (isClosing) throw new WorkerStopping('this worker is stopping');
    const row = await startAttempt(db, submissionId, workerId);
    // finished or cancelled already: a second delivery of the same job has nothing to do
    if (!row) return;
    await announceStatus(row);
    const project = catalogue.find(row.project);
    if (!project) {
      const ended = await finishAttempt(db, row.id, row.attempt, {
        status: 'error',
        errorKind: 'grader',
        errorMessage: `This Groundwork no longer has the project "${row.project}".`,
        finishedAt: new Date(),
      });
      if (ended) await announceStatus(ended);
      return;
    }

    const recorder = createEventRecorder({
      db,
      bus,
      submissionId: row.id,
      attempt: row.attempt,
      logger,
    });
    const controller = new AbortController();
    let stopReason: 'cancelled' | 'shutdown' | undefined;
    const run = runSuite(project.entry.suite, {
      target: row.targetUrl,
      ...(row.seed === null ? {} : { seed: row.seed }),
      ...(row.stageIds ? { stages: row.stageIds } : {}),
      all: row.runAll,
      policy,
      ...(network.connector ? { connector: network.connector } : {}),
      runTimeoutMs: grading.runTimeoutMs,
      signal: controller.signal,
      onEvent: recorder.record,
    });
    let settle = () => {};
    runs.set(row.id, {
      stop(reason) {
        stopReason ??= reason;
        controller.abort();
      },
      settled: new Promise<void>((resolve) => {
        settle = resolve;
      }),
    });
    try {
      const report = await run.report;
      await recorder.drain();
      if (stopReason === 'shutdown') {
        await requeueAttempt(db, row.id, row.attempt);
        throw new WorkerStopping('the worker stopped during the run');
      }
      // a cancelled submission was already finished (and announced) by whoever cancelled it
      if (stopReason === 'cancelled') return;
      const finished = await recordFinishedRun(db, row, report, project.topicsByStage);
      if (finished) await announceStatus(finished);
      logger.info(
        {
          submissionId: row.id,
          attempt: row.attempt,
          status: report.status,
          ms: Math.round(report.durationMs),
        },
        'submission graded',
      );
    } finally {
      runs.delete(row.id);
      settle();
    }
  }

  async function giveUp(submissionId: string) {
    const ended = await finishActive(db, submissionId, {
      status: 'error',
      errorKind: 'worker',
      errorMessage: WORKER_GAVE_UP,
      finishedAt: new Date(),
    });
    if (ended) await announceStatus(ended);
  }

  async function requeueStale() {
    const stale = await listStaleQueued(db, new Date(Date.now() - STALE_QUEUED_MS), 100);
    // a job id is its submission id, so sending again is a no-op for jobs that exist
    for (const row of stale) await queue.enqueue(row.id);
  }

  /**
   * Hands the runs of workers that went quiet (killed, or frozen) to the queue for a live worker, long
   * before the queue's own expiry (the run deadline plus up to a minute) would notice them.
   */
  async function handOverOrphans() {
    const orphans = await listOrphanedAttempts(db, grading.workerTimeoutSeconds, 100);
    let handedOver = 0;
    for (const orphan of orphans) {
      // another worker's sweep may have taken it first, or the queue's expiry retried it already
      if (!(await releaseOrphanedAttempt(db, orphan))) continue;
      await queue.retry(orphan.id);
      handedOver += 1;
      logger.warn(
        { submissionId: orphan.id, attempt: orphan.attempt, deadWorkerId: orphan.workerId },
        'the worker running this submission stopped answering; retrying it',
      );
    }
    if (handedOver > 0) await bus.publish(CHANNELS.jobs, {});
    await forgetDeadWorkers(db, grading.workerTimeoutSeconds);
  }

  async function beat() {
    await touchWorker(db, workerId);
    await handOverOrphans();
  }

  const unsubscribeCancel = await bus.subscribe(CHANNELS.cancel, (raw) => {
    const parsed = CancelMessage.safeParse(raw);
    if (parsed.success) runs.get(parsed.data.submissionId)?.stop('cancelled');
  });
  const unsubscribeJobs = await bus.subscribe(CHANNELS.jobs, () => queue.wake());
  await queue.work(GRADING_QUEUE, grading.concurrency, (job) => grade(job.data.submissionId));
  await queue.work(GRADING_DEAD_QUEUE, 1, (job) => giveUp(job.data.submissionId));
  const sweep = setInterval(() => {
    requeueStale().catch((error: unknown) => logger.warn({ err: error }, 'could not requeue submissions'));
  }, grading.queueMaintenanceIntervalSeconds * 1000);
  sweep.unref();
  // four heartbeats per timeout: one late write does not make a busy worker look dead
  const heartbeat = setInterval(
    () => {
      beat().catch((error: unknown) => logger.warn({ err: error }, 'could not report this worker alive'));
    },
    Math.max(1000, (grading.workerTimeoutSeconds * 1000) / 4),
  );
  heartbeat.unref();

  return {
    running: () => [...runs.keys()],
    async close() {
      isClosing = true;
      clearInterval(sweep);
      const inHand = [...runs.values()];
      for (const handle of inHand) handle.stop('shutdown');
      await Promise.all(inHand.map((handle) => handle.settled));
      clearInterval(heartbeat);
      await unsubscribeCancel();
      await unsubscribeJobs();
      // its runs are back in the queue: nothing names this worker any more
      await removeWorker(db, workerId).catch((error: unknown) =>
        logger.warn({ err: error }, 'could not remove this worker from the list of live ones'),
      );
    },
  };
}
