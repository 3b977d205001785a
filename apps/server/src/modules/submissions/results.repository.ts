import type { StageReport } from '@groundwork/contracts';
import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { checkResults, stageResults } from '../../db/schema';
import { withoutNul } from '../../platform/storable';

/**
 * Stores the result set of a submission: its stages and every check. Called inside the transaction that
 * finishes the attempt, so a submission has either no result set or exactly one.
 */
export async function saveResults(db: Queryable, submissionId: string, reported: readonly StageReport[]) {
  // what the learner's server sent is quoted in outcomes, and may hold NUL, which PostgreSQL refuses
  const stages = withoutNul(reported);
  await db.delete(stageResults).where(eq(stageResults.submissionId, submissionId));
  await db.delete(checkResults).where(eq(checkResults.submissionId, submissionId));
  if (stages.length === 0) return;
  await db.insert(stageResults).values(
    stages.map((stage, position) => ({
      submissionId,
      stageId: stage.id,
      position,
      title: stage.title,
      difficulty: stage.difficulty,
      topics: stage.topics,
      status: stage.status,
      reason: stage.reason ?? null,
      durationMs: Math.round(stage.durationMs),
    })),
  );
  const checks = stages.flatMap((stage) =>
    stage.checks.map((check, position) => ({
      submissionId,
      stageId: stage.id,
      checkId: check.id,
      position,
      title: check.title,
      topic: check.topic,
      status: check.outcome.status,
      durationMs: Math.round(check.durationMs),
      outcome: check.outcome,
    })),
  );
  if (checks.length > 0) await db.insert(checkResults).values(checks);
}

/** The stored result set, in run order; empty while the submission has none. */
export async function loadResults(db: Queryable, submissionId: string): Promise<StageReport[]> {
  const [stages, checks] = await Promise.all([
    db
      .select()
      .from(stageResults)
      .where(eq(stageResults.submissionId, submissionId))
      .orderBy(asc(stageResults.position)),
    db
      .select()
      .from(checkResults)
      .where(eq(checkResults.submissionId, submissionId))
      .orderBy(asc(checkResults.stageId), asc(checkResults.position)),
  ]);
  return stages.map((stage) => ({
    id: stage.stageId,
    title: stage.title,
    difficulty: stage.difficulty,
    topics: stage.topics,
    status: stage.status,
    ...(stage.reason === null ? {} : { reason: stage.reason }),
    durationMs: stage.durationMs,
    checks: checks
      .filter((check) => check.stageId === stage.stageId)
      .map((check) => ({
        id: check.checkId,
        title: check.title,
        topic: check.topic,
        durationMs: check.durationMs,
        outcome: check.outcome,
      })),
  }));
}
