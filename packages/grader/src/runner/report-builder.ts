import {
  GRADING_REPORT_SCHEMA_VERSION,
  type GradingReport,
  type RunError,
  type RunStatus,
  type StageReport,
} from '@groundwork/contracts';
import type { Suite } from '../authoring/define';

export interface ReportInput {
  suite: Suite;
  target: string;
  seed: number;
  selection: { stageIds: string[]; all: boolean };
  startedAt: Date;
  durationMs: number;
  stages: StageReport[];
  error: RunError | undefined;
}

/** Assembles the versioned report: status, the first grader error if any, and the counts. */
export function buildReport(input: ReportInput): GradingReport {
  const checks = input.stages.flatMap((stage) => stage.checks);
  let error = input.error;
  const graderError = checks.find((check) => check.outcome.status === 'error');
  if (!error && graderError?.outcome.status === 'error') {
    error = { kind: 'grader', message: `check "${graderError.id}" broke: ${graderError.outcome.message}` };
  }
  // a failure outranks an inconclusive stage: the learner has something definite to fix first
  const status: RunStatus = error
    ? 'error'
    : input.stages.some((stage) => stage.status === 'failed')
      ? 'failed'
      : input.stages.some((stage) => stage.status === 'inconclusive')
        ? 'inconclusive'
        : 'passed';
  const count = (predicate: (s: StageReport) => boolean) => input.stages.filter(predicate).length;
  const countChecks = (status: string) => checks.filter((check) => check.outcome.status === status).length;
  const report: GradingReport = {
    schemaVersion: GRADING_REPORT_SCHEMA_VERSION,
    project: { ...input.suite.project },
    target: { url: input.target },
    seed: input.seed,
    selection: input.selection,
    startedAt: input.startedAt.toISOString(),
    finishedAt: new Date(input.startedAt.getTime() + input.durationMs).toISOString(),
    durationMs: Math.round(input.durationMs * 100) / 100,
    status,
    stages: input.stages,
    summary: {
      stages: {
        passed: count((s) => s.status === 'passed'),
        failed: count((s) => s.status === 'failed'),
        error: count((s) => s.status === 'error'),
        skipped: count((s) => s.status === 'skipped'),
        inconclusive: count((s) => s.status === 'inconclusive'),
        notRun: count((s) => s.status === 'not-run'),
      },
      checks: {
        passed: countChecks('pass'),
        failed: countChecks('fail'),
        skipped: countChecks('skip'),
        inconclusive: countChecks('inconclusive'),
        error: countChecks('error'),
      },
    },
  };
  if (error) report.error = error;
  return report;
}
