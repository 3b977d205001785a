import type { RunErrorKind, StageReport, Submission, SubmissionSummary } from '@groundwork/contracts';
import type { SubmissionRow } from './submissions.repository';

type ErrorKind = NonNullable<SubmissionSummary['error']>['kind'];

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toSubmissionSummary(row: SubmissionRow): SubmissionSummary {
  return {
    id: row.id,
    userId: row.userId,
    project: row.project,
    targetUrl: row.targetUrl,
    mode: row.mode,
    status: row.status,
    stageIds: row.stageIds,
    all: row.runAll,
    attempt: row.attempt,
    error:
      row.errorKind && row.errorMessage
        ? {
            kind: row.errorKind as RunErrorKind | ErrorKind,
            message: row.errorMessage,
            ...(row.errorStageId ? { stageId: row.errorStageId } : {}),
          }
        : null,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    durationMs: row.durationMs,
    stagesPassed: row.stagesPassed,
    stagesTotal: row.stagesTotal,
  };
}

export function toSubmission(row: SubmissionRow, stages: StageReport[]): Submission {
  return { ...toSubmissionSummary(row), stages, seed: row.seed };
}
