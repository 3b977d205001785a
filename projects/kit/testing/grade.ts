import type { CheckOutcome, GradingEvent, GradingReport, StageReport } from '@groundwork/contracts';
import { type RunOptions, runSuite, type Suite } from '@groundwork/grader';
import type { ProjectEntry } from '../project';
import type { ReferencePool } from './reference-pool';
import { startReferenceProcess } from './reference-process';

const REFERENCE_WAKE_MS = 30_000;

export interface GradedRun {
  report: GradingReport;
  events: GradingEvent[];
}

/**
 * Grades `target` with a suite the way the CLI does, collecting the live events too.
 * @example const { report } = await gradeTarget(project.suite, { target: url, all: true });
 */
export async function gradeTarget(suite: Suite, options: RunOptions): Promise<GradedRun> {
  const run = runSuite(suite, options);
  const events: GradingEvent[] = [];
  for await (const event of run.events) events.push(event);
  return { report: await run.report, events };
}

/**
 * Starts the project's reference (with `fault` on), grades it, and stops it. The reference runs in a
 * process of its own, or in a host of `pool` when one is given (cheaper, for runs that measure nothing).
 */
export async function gradeReference(
  project: ProjectEntry,
  options: Omit<RunOptions, 'target'> & { fault?: string | undefined; pool?: ReferencePool },
): Promise<GradedRun> {
  const { fault, pool, ...runOptions } = options;
  const reference = pool
    ? await pool.start(project.slug, fault)
    : await startReferenceProcess(project.slug, fault);
  try {
    // the reference said it listens; on a machine busy with other references its first answer can take a while
    return await gradeTarget(project.suite, {
      waitForTarget: { timeoutMs: REFERENCE_WAKE_MS },
      ...runOptions,
      target: reference.url,
    });
  } finally {
    await reference.close();
  }
}

/** A check's outcome in words, for assertion messages. */
export function describeOutcome(outcome: CheckOutcome | undefined): string {
  switch (outcome?.status) {
    case undefined:
      return 'it did not run';
    case 'pass':
      return 'it passed';
    case 'fail':
      return `it failed: ${outcome.hint}`;
    case 'skip':
      return `it was skipped: ${outcome.reason}`;
    case 'inconclusive':
      return `it was inconclusive: ${outcome.reason}`;
    case 'error':
      return `the grader broke: ${outcome.message}`;
  }
}

/** Why a stage did not pass, in words: its first check that did not pass, or its not-run reason. */
export function describeStage(stage: StageReport): string {
  const broken = stage.checks.find((check) => check.outcome.status !== 'pass');
  if (broken) return `${stage.id} / ${broken.id}: ${describeOutcome(broken.outcome)}`;
  return `${stage.id} is ${stage.status}${stage.reason ? ` (${stage.reason})` : ''}`;
}

/** Ids of the stages that measure load, which need a quiet machine. */
export function loadStageIds(project: ProjectEntry): string[] {
  return project.suite.stages.filter((stage) => stage.kind === 'load').map((stage) => stage.id);
}
