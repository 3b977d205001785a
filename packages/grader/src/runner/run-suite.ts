import { randomInt } from 'node:crypto';
import type { GradingEvent, GradingReport, RunError, StageReport, StageStatus } from '@groundwork/contracts';
import type { RunInfo } from '../authoring/context';
import type { Stage, Suite } from '../authoring/define';
import { createRunState } from '../authoring/run-state';
import { DEFAULT_TIMEOUT_MS, HttpTransport } from '../http/client';
import { connectPinned, createPinnedUndiciConnector, type SocketConnector } from '../policy/pinned-connect';
import { PolicyRefusal } from '../policy/policy-refusal';
import {
  createTargetPolicy,
  type ResolvedTarget,
  TargetPolicy,
  type TargetPolicyOptions,
} from '../policy/target-policy';
import type { EventDraft, RunResources } from './check-context';
import { createDeadline, formatDuration } from './deadline';
import { EventChannel } from './event-channel';
import { buildReport } from './report-builder';
import { runStage, STOPPED_ANSWERING } from './run-stage';
import { probeLiveness, type WaitForTargetOptions, waitForTarget } from './wait-for-target';

export const DEFAULT_RUN_TIMEOUT_MS = 15 * 60_000;
export const DEFAULT_STAGE_TIMEOUT_MS = 60_000;

export interface RunOptions {
  /** The learner's server, e.g. `http://localhost:8080`. */
  target: string;
  /** Seed for the data factory (default: random; it is in the report so a run can be repeated). */
  seed?: number;
  /** Stage ids to run (default: all, in suite order). */
  stages?: readonly string[];
  /** Go on after a failing stage. */
  all?: boolean;
  /** Which addresses may be reached (default: `{ mode: 'loopback-allowed' }`). */
  policy?: TargetPolicy | TargetPolicyOptions;
  /** How sockets are opened (tests inject one; default TCP/TLS to the pinned address). */
  connector?: SocketConnector;
  runTimeoutMs?: number;
  /** Default per-stage deadline; a stage's own `timeoutMs` wins. */
  stageTimeoutMs?: number;
  /** Deadline of one HTTP exchange (default 10 s). */
  requestTimeoutMs?: number;
  /** Response size cap (default 1 MiB). */
  maxBodyBytes?: number;
  /** Cold-start wait before the first stage; `false` to skip it. */
  waitForTarget?: WaitForTargetOptions | false;
  /** Cancels the run (e.g. Ctrl-C); the report says `cancelled`. */
  signal?: AbortSignal;
  /** Called with every event as it happens, as well as the `events` stream. */
  onEvent?: (event: GradingEvent) => void;
}

/** A run in progress: iterate `events` for live output; `report` settles when it ends. */
export interface GradingRun {
  readonly events: AsyncIterable<GradingEvent>;
  readonly report: Promise<GradingReport>;
  /** Stops the run; the current check is abandoned and the report says `cancelled`. */
  cancel(): void;
}

/**
 * Runs a suite against a target. Stages run in order and stop at the first failing stage unless
 * `all` is set. Never rejects for anything the target does: an unreachable target is a report with
 * status `error` and `error.kind` `unreachable`.
 * @example
 * const run = runSuite(suite, { target: 'http://localhost:8080', seed: 42 });
 * for await (const event of run.events) reporter.handle(event);
 * const report = await run.report;
 */
export function runSuite(suite: Suite, options: RunOptions): GradingRun {
  const stages = selectStages(suite, options.stages);
  const channel = new EventChannel<GradingEvent>();
  const cancel = new AbortController();
  const report = executeRun(suite, stages, options, channel, cancel.signal).finally(() => channel.close());
  return { events: channel, report, cancel: () => cancel.abort() };
}

/** The stages to run, in suite order; throws for an unknown id (a usage error). */
export function selectStages(suite: Suite, ids: readonly string[] | undefined): readonly Stage[] {
  if (!ids || ids.length === 0) return suite.stages;
  const known = new Set(suite.stages.map((stage) => stage.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new RangeError(
      `unknown stage ${unknown.join(', ')}; stages of ${suite.project.slug}: ${[...known].join(', ')}`,
    );
  }
  return suite.stages.filter((stage) => ids.includes(stage.id));
}

async function executeRun(
  suite: Suite,
  stages: readonly Stage[],
  options: RunOptions,
  channel: EventChannel<GradingEvent>,
  cancelSignal: AbortSignal,
): Promise<GradingReport> {
  const startedAt = new Date();
  const started = performance.now();
  const seed = options.seed ?? randomInt(0, 2 ** 31 - 1);
  let seq = 0;
  const emit = (draft: EventDraft) => {
    const event = { ...draft, seq: seq++, at: new Date().toISOString() } as GradingEvent;
    channel.push(event);
    options.onEvent?.(event);
  };
  const stageReports: StageReport[] = stages.map((stage) => ({
    id: stage.id,
    title: stage.title,
    difficulty: stage.difficulty,
    topics: [...stage.topics],
    status: 'not-run' as StageStatus,
    durationMs: 0,
    checks: [],
  }));
  let runError: RunError | undefined;
  const finish = () => {
    markNotRun(stageReports, runError);
    const report = buildReport({
      suite,
      target: options.target,
      seed,
      selection: { stageIds: stages.map((stage) => stage.id), all: options.all ?? false },
      startedAt,
      durationMs: performance.now() - started,
      stages: stageReports,
      error: runError,
    });
    const finished: EventDraft = {
      type: 'run-finished',
      status: report.status,
      durationMs: report.durationMs,
    };
    if (report.error) finished.error = report.error;
    emit(finished);
    return report;
  };

  emit({
    type: 'run-started',
    project: { ...suite.project },
    target: options.target,
    seed,
    stages: stages.map((stage) => ({ id: stage.id, title: stage.title })),
  });

  const policy =
    options.policy instanceof TargetPolicy
      ? options.policy
      : createTargetPolicy(options.policy ?? { mode: 'loopback-allowed' });
  let target: ResolvedTarget;
  try {
    target = await policy.resolveTarget(options.target);
  } catch (error) {
    if (!(error instanceof PolicyRefusal)) throw error;
    runError = error.isUnresolvable
      ? { kind: 'unreachable', message: `${error.message}; is the URL ${options.target} right?` }
      : { kind: 'refused-by-policy', message: `${options.target} cannot be graded: ${error.message}` };
    return finish();
  }

  const pinned = {
    target,
    policy,
    connectTimeoutMs: options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(options.connector ? { connector: options.connector } : {}),
  };
  const connect = createPinnedUndiciConnector(pinned);
  const transport = new HttpTransport({
    baseUrl: options.target,
    connect,
    ...(options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}),
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
  });
  const runTimeoutMs = options.runTimeoutMs ?? DEFAULT_RUN_TIMEOUT_MS;
  const runDeadline = createDeadline(runTimeoutMs, [options.signal, cancelSignal]);
  const isCancelled = () => Boolean(options.signal?.aborted || cancelSignal.aborted);
  try {
    if (options.waitForTarget !== false) {
      const outcome = await waitForTarget(
        transport,
        suite.readinessPath ?? '/',
        {
          ...options.waitForTarget,
          isLocal: target.addresses.every((a) => a.class === 'loopback' || a.class === 'unspecified'),
          signal: runDeadline.signal,
        },
        (info) => emit({ type: 'waiting-for-target', url: options.target, ...info }),
      );
      if (!outcome.isReady) {
        runError = isCancelled()
          ? { kind: 'cancelled', message: 'the run was cancelled' }
          : outcome.isRefusedByPolicy
            ? { kind: 'refused-by-policy', message: `${options.target} cannot be graded: ${outcome.reason}` }
            : {
                kind: 'unreachable',
                message: `${outcome.reason}; is your server running at ${options.target}?`,
              };
        return finish();
      }
      emit({
        type: 'target-ready',
        url: options.target,
        attempts: outcome.attempts,
        afterMs: outcome.afterMs,
      });
    }

    const resources: RunResources = {
      transport,
      connect,
      dial: (protocol, port, callback) => connectPinned(pinned, protocol, port, callback),
      probeLiveness: () => probeLiveness(transport, suite.readinessPath ?? '/', runDeadline.signal),
      state: createRunState(),
      info: Object.freeze<RunInfo>({
        target: options.target,
        seed,
        all: options.all ?? false,
        policy: policy.mode,
      }),
      emit,
    };
    for (const [index, stage] of stages.entries()) {
      if (runDeadline.signal.aborted) break;
      const stageReport = stageReports[index] as StageReport;
      const unmet = unmetNeed(stage, stageReports);
      if (unmet !== undefined) {
        // its setup would fail for the same bug: say what it waits on instead of failing it too
        stageReport.reason = `needs ${unmet}`;
        emit({
          type: 'stage-finished',
          stageId: stage.id,
          status: 'not-run',
          reason: stageReport.reason,
          durationMs: 0,
        });
        continue;
      }
      const end = await runStage(stage, stageReport, {
        resources,
        position: { index, total: stages.length },
        timeoutMs: stage.timeoutMs ?? options.stageTimeoutMs ?? DEFAULT_STAGE_TIMEOUT_MS,
        runDeadline,
        isCancelled,
      });
      if (!end.isAnswering) {
        runError = stoppedAnswering(stages, stageReports, index, end.reason, options.target);
        break;
      }
      if ((stageReport.status === 'failed' || stageReport.status === 'error') && !options.all) break;
    }
    if (runError) {
      // the server stopped answering: nothing more to say
    } else if (isCancelled()) runError = { kind: 'cancelled', message: 'the run was cancelled' };
    else if (runDeadline.didTimeOut())
      runError = {
        kind: 'run-deadline',
        message: `the run did not finish within ${formatDuration(runTimeoutMs)}`,
      };
    return finish();
  } finally {
    runDeadline.dispose();
    await transport.close();
  }
}

/** The first stage `stage` needs that ran in this run and did not pass (or did not run itself). */
function unmetNeed(stage: Stage, reports: readonly StageReport[]): string | undefined {
  return stage.needs?.find((needed) => {
    const report = reports.find((one) => one.id === needed);
    if (report === undefined) return false; // not selected: the stage sets itself up
    return report.status === 'failed' || report.status === 'error' || report.status === 'not-run';
  });
}

/** Gives every stage that did not run a reason, unless it has one already. */
function markNotRun(reports: StageReport[], runError: RunError | undefined): void {
  const failed = reports.find((report) => report.status === 'failed' || report.status === 'error');
  const reason =
    runError?.kind === 'unreachable' && runError.stageId !== undefined
      ? STOPPED_ANSWERING
      : runError?.kind === 'cancelled'
        ? 'the run was cancelled'
        : runError?.kind === 'run-deadline'
          ? "the run's deadline passed first"
          : failed
            ? `the run stopped after ${failed.id} failed`
            : undefined;
  for (const report of reports) {
    if (report.status === 'not-run' && report.reason === undefined && reason !== undefined)
      report.reason = reason;
  }
}

function stoppedAnswering(
  stages: readonly Stage[],
  reports: readonly StageReport[],
  index: number,
  reason: string,
  target: string,
): RunError {
  const stage = stages[index] as Stage;
  const lastPassed = reports
    .slice(0, index)
    .findLast((report) => report.status === 'passed' || report.status === 'skipped');
  const after = lastPassed ? `, after ${lastPassed.id} passed` : '';
  return {
    kind: 'unreachable',
    stageId: stage.id,
    message: `your server stopped answering during stage ${index + 1} (${stage.id})${after}: ${reason}; is it still running at ${target}? The stages from ${stage.id} on were not run.`,
  };
}
