import type {
  CheckOutcome,
  GradingEvent,
  RunErrorKind,
  StageStatus,
  Submission,
  SubmissionStatus,
  SubmissionStreamMessage,
} from '@groundwork/contracts';

// A submission's run as the page draws it, built from the stream's messages (live) or from the stored
// result (finished). Pure functions: the WebSocket hook feeds them, the tests drive them directly.

export type CheckState = 'running' | CheckOutcome['status'];

export type CheckView = {
  id: string;
  title: string;
  state: CheckState;
  durationMs: number | null;
  /** The check's result once it finished: expected/actual/hint/topic for a failure. */
  outcome: CheckOutcome | null;
};

export type StageState = 'pending' | 'running' | StageStatus;

export type StageView = {
  id: string;
  title: string;
  state: StageState;
  /** Why a not-run stage did not run (`needs create-link`); null when the grader did not say. */
  reason: string | null;
  durationMs: number | null;
  checks: CheckView[];
};

export type WaitingView = { attempt: number; elapsedMs: number; timeoutMs: number; reason: string };

export type LogLine = { id: number; level: 'debug' | 'info' | 'warn'; message: string };

export type RunView = {
  /** The attempt these events belong to; a retried job starts again at a higher attempt. */
  attempt: number;
  /** The id of the last event applied, so a replayed or repeated event is not applied twice. */
  lastEventId: number;
  status: SubmissionStatus;
  stages: StageView[];
  /** Set while the grader waits for the learner's server to answer. */
  waiting: WaitingView | null;
  /** `stageId`: for an unreachable server, the stage during which it stopped answering. */
  error: { kind: RunErrorKind | 'worker'; message: string; stageId?: string | undefined } | null;
  durationMs: number | null;
  logs: LogLine[];
};

const MAX_LOG_LINES = 200;
export const FINAL_STATUSES: ReadonlySet<SubmissionStatus> = new Set([
  'passed',
  'failed',
  'inconclusive',
  'error',
  'cancelled',
]);

export function isFinalStatus(status: SubmissionStatus): boolean {
  return FINAL_STATUSES.has(status);
}

export function emptyRunView(status: SubmissionStatus = 'queued', attempt = 0): RunView {
  return {
    attempt,
    lastEventId: -1,
    status,
    stages: [],
    waiting: null,
    error: null,
    durationMs: null,
    logs: [],
  };
}

function updateStage(view: RunView, stageId: string, change: (stage: StageView) => StageView): RunView {
  const exists = view.stages.some((stage) => stage.id === stageId);
  const stages = exists
    ? view.stages
    : [
        ...view.stages,
        {
          id: stageId,
          title: stageId,
          state: 'pending' as const,
          reason: null,
          durationMs: null,
          checks: [],
        },
      ];
  return { ...view, stages: stages.map((stage) => (stage.id === stageId ? change(stage) : stage)) };
}

function upsertCheck(stage: StageView, check: CheckView): StageView {
  const exists = stage.checks.some((c) => c.id === check.id);
  const checks = exists ? stage.checks.map((c) => (c.id === check.id ? check : c)) : [...stage.checks, check];
  return { ...stage, checks };
}

/** Applies one grading event to the view. */
export function applyGradingEvent(
  view: RunView,
  event: GradingEvent,
  eventId = view.lastEventId + 1,
): RunView {
  switch (event.type) {
    case 'run-started':
      return {
        ...view,
        status: isFinalStatus(view.status) ? view.status : 'running',
        stages: event.stages.map((stage) => ({
          ...stage,
          state: 'pending',
          reason: null,
          durationMs: null,
          checks: [],
        })),
      };
    case 'waiting-for-target':
      return {
        ...view,
        waiting: {
          attempt: event.attempt,
          elapsedMs: event.elapsedMs,
          timeoutMs: event.timeoutMs,
          reason: event.reason,
        },
      };
    case 'target-ready':
      return { ...view, waiting: null };
    case 'stage-started':
      return updateStage(view, event.stageId, (stage) => ({
        ...stage,
        title: event.title,
        state: 'running',
      }));
    case 'check-started':
      return updateStage(view, event.stageId, (stage) =>
        stage.checks.some((check) => check.id === event.checkId)
          ? stage
          : upsertCheck(stage, {
              id: event.checkId,
              title: event.title,
              state: 'running',
              durationMs: null,
              outcome: null,
            }),
      );
    case 'check-finished':
      return updateStage(view, event.stageId, (stage) =>
        upsertCheck(stage, {
          id: event.checkId,
          title: event.title,
          state: event.outcome.status,
          durationMs: event.durationMs,
          outcome: event.outcome,
        }),
      );
    case 'stage-finished':
      return updateStage(view, event.stageId, (stage) => ({
        ...stage,
        state: event.status,
        reason: event.reason ?? null,
        durationMs: event.durationMs,
      }));
    case 'log':
      return {
        ...view,
        logs: [...view.logs, { id: eventId, level: event.level, message: event.message }].slice(
          -MAX_LOG_LINES,
        ),
      };
    case 'metric':
      return view;
    case 'run-finished':
      return { ...view, waiting: null, durationMs: event.durationMs, error: event.error ?? view.error };
  }
}

/**
 * Applies one stream message. A message of a newer attempt resets the view first (the job was retried
 * and runs again from the start); messages of an older attempt and events already applied are ignored,
 * so a reconnect that replays the history changes nothing.
 */
export function applyStreamMessage(view: RunView, message: SubmissionStreamMessage): RunView {
  if (message.attempt < view.attempt) return view;
  const current = message.attempt > view.attempt ? emptyRunView('running', message.attempt) : view;
  if (message.kind === 'status') return { ...current, status: message.status };
  if (message.id <= current.lastEventId) return current;
  return { ...applyGradingEvent(current, message.event, message.id), lastEventId: message.id };
}

/** The view of a submission from its stored result, for runs that finished before the page opened. */
export function runViewFromSubmission(submission: Submission): RunView {
  return {
    ...emptyRunView(submission.status, submission.attempt),
    durationMs: submission.durationMs,
    error: submission.error,
    stages: submission.stages.map((stage) => ({
      id: stage.id,
      title: stage.title,
      state: stage.status,
      reason: stage.reason ?? null,
      durationMs: stage.durationMs,
      checks: stage.checks.map((check) => ({
        id: check.id,
        title: check.title,
        state: check.outcome.status,
        durationMs: check.durationMs,
        outcome: check.outcome,
      })),
    })),
  };
}

/** Stages that have an outcome, of all the stages the run will go through. */
export function stageProgress(view: RunView): { finished: number; total: number } {
  const finished = view.stages.filter(
    (stage) => stage.state !== 'pending' && stage.state !== 'running',
  ).length;
  return { finished, total: view.stages.length };
}
