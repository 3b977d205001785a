import type { CheckReport, StageReport, StageStatus } from '@groundwork/contracts';
import type { Stage } from '../authoring/define';
import { createCheckContext, type RunResources } from './check-context';
import { createDeadline, type Deadline } from './deadline';
import { type DeadlineCause, runCheck } from './run-check';

export interface StageRun {
  resources: RunResources;
  position: { index: number; total: number };
  timeoutMs: number;
  runDeadline: Deadline;
  isCancelled: () => boolean;
}

/** How a stage ended for the run: on it goes, or the server stopped answering (the run stops). */
export type StageEnd = { isAnswering: true } | { isAnswering: false; reason: string };

/** The reason a stage shows when the server stopped answering during it or before it. */
export const STOPPED_ANSWERING = 'the server stopped answering';

/**
 * Runs every check of a stage in order under the stage deadline, filling `report` (checks, status,
 * duration) and emitting stage and check events. A failing check does not stop the stage, unless it
 * failed for want of an answer and the server no longer answers anything: then the stage is not run.
 */
export async function runStage(stage: Stage, report: StageReport, run: StageRun): Promise<StageEnd> {
  const { resources, timeoutMs, runDeadline, isCancelled } = run;
  const emit = resources.emit;
  const stageDeadline = createDeadline(timeoutMs, [runDeadline.signal]);
  const started = performance.now();
  emit({ type: 'stage-started', stageId: stage.id, title: stage.title, ...run.position });
  let end: StageEnd = { isAnswering: true };
  try {
    for (const check of stage.checks) {
      if (stageDeadline.signal.aborted) break;
      emit({ type: 'check-started', stageId: stage.id, checkId: check.id, title: check.title });
      const checkDeadline = createDeadline(check.timeoutMs ?? timeoutMs, [stageDeadline.signal]);
      const checkStarted = performance.now();
      const { ctx, trouble, release } = createCheckContext(resources, stage, check, checkDeadline.signal);
      const judged = await runCheck(check, ctx, () =>
        deadlineCause(checkDeadline, stageDeadline, runDeadline, isCancelled),
      );
      checkDeadline.dispose();
      await release();
      const burst = judged.status === 'fail' ? trouble.explainBurst() : undefined;
      const outcome = burst && judged.status === 'fail' ? { ...judged, ...burst } : judged;
      const checkReport: CheckReport = {
        id: check.id,
        title: check.title,
        topic: check.topic,
        durationMs: round(performance.now() - checkStarted),
        outcome,
      };
      report.checks.push(checkReport);
      emit({
        type: 'check-finished',
        stageId: stage.id,
        checkId: check.id,
        title: check.title,
        durationMs: checkReport.durationMs,
        outcome,
      });
      // a check that got no answer may have met a server that has stopped: grading on would cost a
      // timeout per check and end in a list of failures that all say the same thing
      if (outcome.status === 'fail' && trouble.hasUnanswered() && !isCancelled()) {
        end = await resources.probeLiveness();
        if (!end.isAnswering) break;
      }
    }
  } finally {
    stageDeadline.dispose();
  }
  report.status = end.isAnswering ? stageStatusOf(report) : 'not-run';
  if (!end.isAnswering) report.reason = STOPPED_ANSWERING;
  report.durationMs = round(performance.now() - started);
  emit({
    type: 'stage-finished',
    stageId: stage.id,
    status: report.status,
    ...(report.reason ? { reason: report.reason } : {}),
    durationMs: report.durationMs,
  });
  return end;
}

function deadlineCause(
  check: Deadline,
  stage: Deadline,
  run: Deadline,
  isCancelled: () => boolean,
): DeadlineCause | undefined {
  if (isCancelled()) return { what: 'cancelled', timeoutMs: 0 };
  if (run.didTimeOut()) return { what: 'run', timeoutMs: run.timeoutMs };
  if (stage.didTimeOut()) return { what: 'stage', timeoutMs: stage.timeoutMs };
  if (check.didTimeOut()) return { what: 'check', timeoutMs: check.timeoutMs };
  return undefined;
}

function stageStatusOf(stage: StageReport): StageStatus {
  const statuses = stage.checks.map((check) => check.outcome.status);
  if (statuses.includes('error')) return 'error';
  if (statuses.includes('fail')) return 'failed';
  if (statuses.includes('inconclusive')) return 'inconclusive';
  if (statuses.length > 0 && statuses.every((status) => status === 'skip')) return 'skipped';
  return statuses.length === 0 ? 'not-run' : 'passed';
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
