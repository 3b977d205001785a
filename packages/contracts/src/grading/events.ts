import { z } from 'zod';
import { CheckOutcome } from './check-result';
import { RunError, RunStatus, StageStatus } from './stage';

const base = {
  /** Position in the run's stream, from 0: the order to store and replay events in. */
  seq: z.number().int().nonnegative(),
  at: z.iso.datetime(),
};

export const RunStartedEvent = z.object({
  ...base,
  type: z.literal('run-started'),
  project: z.object({ slug: z.string(), title: z.string() }),
  target: z.string(),
  seed: z.number().int(),
  stages: z.array(z.object({ id: z.string(), title: z.string() })),
});

/** The target has not answered yet; free hosting tiers sleep and take a while to wake up. */
export const WaitingForTargetEvent = z.object({
  ...base,
  type: z.literal('waiting-for-target'),
  url: z.string(),
  attempt: z.number().int().positive(),
  elapsedMs: z.number().nonnegative(),
  timeoutMs: z.number().nonnegative(),
  reason: z.string(),
});

export const TargetReadyEvent = z.object({
  ...base,
  type: z.literal('target-ready'),
  url: z.string(),
  attempts: z.number().int().positive(),
  afterMs: z.number().nonnegative(),
});

export const StageStartedEvent = z.object({
  ...base,
  type: z.literal('stage-started'),
  stageId: z.string(),
  title: z.string(),
  index: z.number().int().nonnegative(),
  total: z.number().int().positive(),
});

export const CheckStartedEvent = z.object({
  ...base,
  type: z.literal('check-started'),
  stageId: z.string(),
  checkId: z.string(),
  title: z.string(),
});

export const CheckFinishedEvent = z.object({
  ...base,
  type: z.literal('check-finished'),
  stageId: z.string(),
  checkId: z.string(),
  title: z.string(),
  durationMs: z.number().nonnegative(),
  outcome: CheckOutcome,
});

export const StageFinishedEvent = z.object({
  ...base,
  type: z.literal('stage-finished'),
  stageId: z.string(),
  status: StageStatus,
  reason: z.string().optional(),
  durationMs: z.number().nonnegative(),
});

export const LogLevel = z.enum(['debug', 'info', 'warn']);
export type LogLevel = z.infer<typeof LogLevel>;

export const LogEvent = z.object({
  ...base,
  type: z.literal('log'),
  level: LogLevel,
  message: z.string(),
  stageId: z.string().optional(),
  checkId: z.string().optional(),
});

/** A measurement worth charting, e.g. `redirect.latency.p99` in `ms`. */
export const MetricEvent = z.object({
  ...base,
  type: z.literal('metric'),
  name: z.string(),
  value: z.number(),
  unit: z.string(),
  stageId: z.string().optional(),
  checkId: z.string().optional(),
});

export const RunFinishedEvent = z.object({
  ...base,
  type: z.literal('run-finished'),
  status: RunStatus,
  error: RunError.optional(),
  durationMs: z.number().nonnegative(),
});

/** Everything a grading run reports while it runs, in order. */
export const GradingEvent = z.discriminatedUnion('type', [
  RunStartedEvent,
  WaitingForTargetEvent,
  TargetReadyEvent,
  StageStartedEvent,
  CheckStartedEvent,
  CheckFinishedEvent,
  StageFinishedEvent,
  LogEvent,
  MetricEvent,
  RunFinishedEvent,
]);
export type GradingEvent = z.infer<typeof GradingEvent>;
export type GradingEventType = GradingEvent['type'];
/** One event variant by its `type`, e.g. `GradingEventOf<'check-finished'>`. */
export type GradingEventOf<T extends GradingEventType> = Extract<GradingEvent, { type: T }>;
