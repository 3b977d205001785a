import type { GradingReport, SubmissionStatus } from '@groundwork/contracts';
import { and, desc, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { submissions } from '../../db/schema';
import { utcDay } from '../../db/utc-day';
import { withoutNul } from '../../platform/storable';
import { ATTEMPT_SEED_STEP } from './attempt-seed';

export type SubmissionRow = typeof submissions.$inferSelect;
export type NewSubmission = typeof submissions.$inferInsert;

export const ACTIVE_STATUSES = ['queued', 'running'] as const satisfies readonly SubmissionStatus[];
export type FinalStatus = Exclude<SubmissionStatus, (typeof ACTIVE_STATUSES)[number]>;

export function isFinalStatus(status: SubmissionStatus): status is FinalStatus {
  return !(ACTIVE_STATUSES as readonly string[]).includes(status);
}

export async function insertSubmission(db: Queryable, values: NewSubmission): Promise<SubmissionRow> {
  const [row] = await db.insert(submissions).values(values).returning();
  if (!row) throw new Error('insert into submissions returned nothing');
  return row;
}

/** Who is looking: a learner sees their own submissions; mentors and admins see everyone's. */
export type Viewer = { userId: string; canSeeAll: boolean };

/** Any submission by id, for the worker; requests go through findVisibleSubmission. */
export async function findSubmission(db: Queryable, id: string): Promise<SubmissionRow | undefined> {
  const [row] = await db.select().from(submissions).where(eq(submissions.id, id));
  return row;
}

/** A submission the viewer may see; someone else's is indistinguishable from one that does not exist. */
export async function findVisibleSubmission(
  db: Queryable,
  id: string,
  viewer: Viewer,
): Promise<SubmissionRow | undefined> {
  const [row] = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.id, id), viewer.canSeeAll ? undefined : eq(submissions.userId, viewer.userId)));
  return row;
}

/** The learner's verified submission that is queued or running, if any (there is at most one). */
export async function findActiveSubmission(
  db: Queryable,
  userId: string,
): Promise<SubmissionRow | undefined> {
  const [row] = await db
    .select()
    .from(submissions)
    .where(
      and(
        eq(submissions.userId, userId),
        eq(submissions.mode, 'verified'),
        inArray(submissions.status, [...ACTIVE_STATUSES]),
      ),
    );
  return row;
}

/** How many submissions (of either mode) a user made since `since`, and when the oldest of them was. */
export async function countRecentSubmissions(
  db: Queryable,
  userId: string,
  since: Date,
): Promise<{ count: number; oldest: Date | null }> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int`, oldest: sql<Date | null>`min(${submissions.createdAt})` })
    .from(submissions)
    .where(and(eq(submissions.userId, userId), gt(submissions.createdAt, since)));
  const oldest = row?.oldest ?? null;
  // min() of a timestamp comes back as text from the pg driver and as a Date from PGlite
  return { count: row?.count ?? 0, oldest: oldest === null ? null : new Date(oldest) };
}

/** One user's submissions, newest first, after a keyset position. */
export async function listUserSubmissions(
  db: Queryable,
  userId: string,
  options: { project?: string | undefined; limit: number; after?: { id: string; t: Date } | undefined },
): Promise<SubmissionRow[]> {
  const { project, limit, after } = options;
  return db
    .select()
    .from(submissions)
    .where(
      and(
        eq(submissions.userId, userId),
        project ? eq(submissions.project, project) : undefined,
        after
          ? or(
              lt(submissions.createdAt, after.t),
              and(eq(submissions.createdAt, after.t), lt(submissions.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(submissions.createdAt), desc(submissions.id))
    .limit(limit);
}

/** Per project, the user's finished submission that passed the most stages (newest wins a tie). */
export async function findBestSubmissions(db: Queryable, userId: string): Promise<SubmissionRow[]> {
  return db
    .selectDistinctOn([submissions.project])
    .from(submissions)
    .where(
      and(
        eq(submissions.userId, userId),
        inArray(submissions.status, ['passed', 'failed', 'inconclusive', 'error']),
      ),
    )
    .orderBy(submissions.project, desc(submissions.stagesPassed), desc(submissions.finishedAt));
}

/** The UTC days on which a learner submitted a project (for their activity streak), in no particular order. */
export async function listSubmissionDays(db: Queryable, userId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ day: utcDay(submissions.createdAt) })
    .from(submissions)
    .where(eq(submissions.userId, userId));
  return rows.map((row) => row.day);
}

/**
 * Starts the next attempt of a queued or running submission (running: its last worker died) on the
 * worker `workerId`, with the attempt's own seed (`attemptSeed`), which stays recorded. Returns undefined when it has already finished or been cancelled, so a job
 * delivered twice does nothing.
 */
export async function startAttempt(
  db: Queryable,
  id: string,
  workerId: string | null,
): Promise<SubmissionRow | undefined> {
  const [row] = await db
    .update(submissions)
    .set({
      status: 'running',
      attempt: sql`${submissions.attempt} + 1`,
      // the first attempt keeps the submission's seed; each retry steps it (attemptSeed)
      seed: sql`case when ${submissions.attempt} = 0 then ${submissions.seed}
        else ((${submissions.seed}::bigint + ${ATTEMPT_SEED_STEP}) % 2147483648)::integer end`,
      workerId,
      startedAt: sql`coalesce(${submissions.startedAt}, now())`,
    })
    .where(and(eq(submissions.id, id), inArray(submissions.status, [...ACTIVE_STATUSES])))
    .returning();
  return row;
}

export type FinishedFields = {
  status: FinalStatus;
  seed?: number | null;
  errorKind?: string | null;
  errorMessage?: string | null;
  errorStageId?: string | null;
  stagesPassed?: number;
  stagesTotal?: number;
  durationMs?: number | null;
  finishedAt: Date;
};

/** What a grading report says about its submission, as the columns that hold it. */
export function resultFieldsOf(report: GradingReport): FinishedFields {
  return {
    status: report.status,
    seed: report.seed,
    errorKind: report.error?.kind ?? null,
    errorMessage: withoutNul(report.error?.message ?? null),
    errorStageId: report.error?.stageId ?? null,
    stagesPassed: report.stages.filter((stage) => stage.status === 'passed').length,
    stagesTotal: report.stages.length,
    durationMs: Math.round(report.durationMs),
    finishedAt: new Date(report.finishedAt),
  };
}

/**
 * Finishes one attempt. Only the attempt that is still current and running may write: a worker that
 * was presumed dead (and replaced) or a run that was cancelled meanwhile gets undefined back.
 */
export async function finishAttempt(
  db: Queryable,
  id: string,
  attempt: number,
  fields: FinishedFields,
): Promise<SubmissionRow | undefined> {
  const [row] = await db
    .update(submissions)
    .set(fields)
    .where(and(eq(submissions.id, id), eq(submissions.attempt, attempt), eq(submissions.status, 'running')))
    .returning();
  return row;
}

/** Puts a running attempt back in the queue, e.g. when its worker is shutting down. */
export async function requeueAttempt(db: Queryable, id: string, attempt: number): Promise<void> {
  await db
    .update(submissions)
    .set({ status: 'queued', workerId: null })
    .where(and(eq(submissions.id, id), eq(submissions.attempt, attempt), eq(submissions.status, 'running')));
}

/** Ends a submission that is still queued or running, whatever its attempt (cancel, or retries used up). */
export async function finishActive(
  db: Queryable,
  id: string,
  fields: FinishedFields,
): Promise<SubmissionRow | undefined> {
  const [row] = await db
    .update(submissions)
    .set(fields)
    .where(and(eq(submissions.id, id), inArray(submissions.status, [...ACTIVE_STATUSES])))
    .returning();
  return row;
}

/** Queued submissions older than `before` (their job may have been lost between insert and enqueue). */
export async function listStaleQueued(db: Queryable, before: Date, limit: number): Promise<SubmissionRow[]> {
  return db
    .select()
    .from(submissions)
    .where(
      and(
        eq(submissions.status, 'queued'),
        eq(submissions.mode, 'verified'),
        lt(submissions.createdAt, before),
      ),
    )
    .orderBy(submissions.createdAt)
    .limit(limit);
}
