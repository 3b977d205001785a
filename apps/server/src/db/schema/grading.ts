// Grading: submissions, the replayable event stream of each run, and the result set it produced. Reached
// only through modules/submissions/*.repository.ts, which scope reads to the caller.
import type { CheckOutcome, GradingEvent, StageReport } from '@groundwork/contracts';
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';

export const submissionMode = pgEnum('submission_mode', ['verified', 'self-reported']);
export const submissionStatus = pgEnum('submission_status', [
  'queued',
  'running',
  'passed',
  'failed',
  'inconclusive',
  'error',
  'cancelled',
]);

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const submissions = pgTable(
  'submissions',
  {
    // also the queue job's id, so a job and its submission can never disagree about which is which
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    project: text('project').notNull(),
    targetUrl: text('target_url').notNull(),
    mode: submissionMode('mode').notNull(),
    status: submissionStatus('status').notNull().default('queued'),
    /** The stages asked for; null means every stage. */
    stageIds: text('stage_ids').array(),
    runAll: boolean('run_all').notNull().default(false),
    /** Which run of this submission is current; a worker that died leaves its attempt behind. */
    attempt: integer('attempt').notNull().default(0),
    /** The worker process running the current attempt (grading_workers), so a dead one is noticed. */
    workerId: uuid('worker_id'),
    seed: integer('seed'),
    errorKind: text('error_kind'),
    errorMessage: text('error_message'),
    /** For an unreachable server, the stage during which it stopped answering. */
    errorStageId: text('error_stage_id'),
    stagesPassed: integer('stages_passed').notNull().default(0),
    stagesTotal: integer('stages_total').notNull().default(0),
    durationMs: integer('duration_ms'),
    createdAt: at('created_at').notNull().defaultNow(),
    startedAt: at('started_at'),
    finishedAt: at('finished_at'),
  },
  (t) => [
    index('submissions_user_created_idx').on(t.userId, t.createdAt),
    index('submissions_project_created_idx').on(t.project, t.createdAt),
    // one server-side run per learner at a time, enforced where two racing requests cannot both win
    uniqueIndex('submissions_one_active_per_user_key')
      .on(t.userId)
      .where(sql`${t.mode} = 'verified' and ${t.status} in ('queued', 'running')`),
    // the dead-worker sweep looks only at running attempts
    index('submissions_running_worker_idx').on(t.workerId).where(sql`${t.status} = 'running'`),
  ],
);

/**
 * Worker processes and when each last said it was alive. A running attempt whose worker has gone quiet
 * is handed to another worker long before the queue's own expiry would notice.
 */
export const gradingWorkers = pgTable('grading_workers', {
  id: uuid('id').primaryKey().defaultRandom(),
  startedAt: at('started_at').notNull().defaultNow(),
  heartbeatAt: at('heartbeat_at').notNull().defaultNow(),
});

/** Every event of every attempt, in order: what a late WebSocket subscriber is replayed. */
export const submissionEvents = pgTable(
  'submission_events',
  {
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    seq: integer('seq').notNull(),
    event: jsonb('event').$type<GradingEvent>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.attempt, t.seq] })],
);

/** One row per stage of a finished submission; written once, with its checks, in one transaction. */
export const stageResults = pgTable(
  'stage_results',
  {
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    stageId: text('stage_id').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    difficulty: text('difficulty').$type<StageReport['difficulty']>().notNull(),
    topics: text('topics').array().notNull(),
    status: text('status').$type<StageReport['status']>().notNull(),
    /** Why a not-run stage did not run: `needs create-link`, `the server stopped answering`. */
    reason: text('reason'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.stageId] })],
);

export const checkResults = pgTable(
  'check_results',
  {
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    stageId: text('stage_id').notNull(),
    checkId: text('check_id').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    /** The check's own roadmap topic; a failure may point at a more specific one (in `outcome`). */
    topic: text('topic').notNull(),
    status: text('status').$type<CheckOutcome['status']>().notNull(),
    durationMs: integer('duration_ms').notNull(),
    /** The whole outcome: expected, actual, hint, topic, and the exchange with its curl reproducer. */
    outcome: jsonb('outcome').$type<CheckOutcome>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.stageId, t.checkId] })],
);
