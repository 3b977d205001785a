import {
  GRADING_REPORT_SCHEMA_VERSION,
  type GradingReport,
  type StageReport,
  type Submission,
} from '@groundwork/contracts';

function countStages(stages: readonly StageReport[]): GradingReport['summary']['stages'] {
  const count = (status: StageReport['status']) => stages.filter((stage) => stage.status === status).length;
  return {
    passed: count('passed'),
    failed: count('failed'),
    error: count('error'),
    skipped: count('skipped'),
    inconclusive: count('inconclusive'),
    notRun: count('not-run'),
  };
}

function countChecks(stages: readonly StageReport[]): GradingReport['summary']['checks'] {
  const outcomes = stages.flatMap((stage) => stage.checks.map((check) => check.outcome.status));
  const count = (status: string) => outcomes.filter((outcome) => outcome === status).length;
  return {
    passed: count('pass'),
    failed: count('fail'),
    skipped: count('skip'),
    inconclusive: count('inconclusive'),
    error: count('error'),
  };
}

/**
 * A finished server-side submission as the grader's own report, so `submit` prints, and writes
 * `--json`/`--junit`, exactly what `test` does for a local run.
 */
export function submissionToReport(submission: Submission, projectTitle: string): GradingReport {
  const isCancelled = submission.status === 'cancelled';
  const status =
    submission.status === 'passed' || submission.status === 'failed' || submission.status === 'inconclusive'
      ? submission.status
      : 'error';
  const kind = submission.error?.kind;
  const error =
    status === 'error'
      ? {
          kind: isCancelled ? ('cancelled' as const) : kind && kind !== 'worker' ? kind : ('grader' as const),
          message: submission.error?.message ?? 'the run ended without a result',
        }
      : undefined;
  return {
    schemaVersion: GRADING_REPORT_SCHEMA_VERSION,
    project: { slug: submission.project, title: projectTitle },
    target: { url: submission.targetUrl },
    seed: submission.seed ?? 0,
    selection: { stageIds: submission.stages.map((stage) => stage.id), all: submission.all },
    startedAt: submission.startedAt ?? submission.createdAt,
    finishedAt: submission.finishedAt ?? submission.createdAt,
    durationMs: submission.durationMs ?? 0,
    status,
    ...(error ? { error } : {}),
    stages: submission.stages,
    summary: { stages: countStages(submission.stages), checks: countChecks(submission.stages) },
  };
}
