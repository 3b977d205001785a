import { z } from 'zod';
import { RecordedExchange } from './exchange';

/** The check saw what the contract asks for. */
export const CheckPassed = z.object({ status: z.literal('pass'), note: z.string().optional() });
export type CheckPassed = z.infer<typeof CheckPassed>;

/**
 * The learner's server did not do what the contract asks. `hint` is one learner-facing sentence;
 * `topic` is the roadmap topic id that teaches the missing skill.
 */
export const CheckFailed = z.object({
  status: z.literal('fail'),
  expected: z.string(),
  actual: z.string(),
  hint: z.string(),
  topic: z.string(),
  exchange: RecordedExchange.optional(),
});
export type CheckFailed = z.infer<typeof CheckFailed>;

/** The check could not be judged (e.g. it needs state from a stage that did not run). */
export const CheckSkipped = z.object({ status: z.literal('skip'), reason: z.string() });
export type CheckSkipped = z.infer<typeof CheckSkipped>;

/**
 * The check could not measure what it judges on this run (the grader's machine was too busy for a load
 * measurement to be valid, even after retrying). Never a pass: the learner is asked to run it again.
 */
export const CheckInconclusive = z.object({ status: z.literal('inconclusive'), reason: z.string() });
export type CheckInconclusive = z.infer<typeof CheckInconclusive>;

/** What a check returns. */
export const CheckResult = z.discriminatedUnion('status', [
  CheckPassed,
  CheckFailed,
  CheckSkipped,
  CheckInconclusive,
]);
export type CheckResult = z.infer<typeof CheckResult>;

/** The grader itself broke while running a check (a bug in Groundwork, not in the learner's server). */
export const CheckErrored = z.object({
  status: z.literal('error'),
  message: z.string(),
  stack: z.string().optional(),
});
export type CheckErrored = z.infer<typeof CheckErrored>;

/** What the runner records for a check: its result, or a grader error. */
export const CheckOutcome = z.discriminatedUnion('status', [
  CheckPassed,
  CheckFailed,
  CheckSkipped,
  CheckInconclusive,
  CheckErrored,
]);
export type CheckOutcome = z.infer<typeof CheckOutcome>;
