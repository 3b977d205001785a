import { z } from 'zod';
import { CheckOutcome } from './check-result';
import { RunError, RunStatus, StageDifficulty, StageStatus } from './stage';

export const CheckReport = z.object({
  id: z.string(),
  title: z.string(),
  /** The check's default roadmap topic; a failure may name a more specific one. */
  topic: z.string(),
  durationMs: z.number().nonnegative(),
  outcome: CheckOutcome,
});
export type CheckReport = z.infer<typeof CheckReport>;

export const StageReport = z.object({
  id: z.string(),
  title: z.string(),
  difficulty: StageDifficulty,
  topics: z.array(z.string()),
  status: StageStatus,
  /** Why a `not-run` stage did not run, in words: `needs create-link`, `the server stopped answering`. */
  reason: z.string().optional(),
  durationMs: z.number().nonnegative(),
  checks: z.array(CheckReport),
});
export type StageReport = z.infer<typeof StageReport>;

const Count = z.number().int().nonnegative();

/**
 * The final result of one grading run: what the JSON reporter writes and the server stores.
 * Bump `schemaVersion` on any change an older reader would misread. Version 2 added the `inconclusive`
 * statuses, a not-run stage's `reason` and the stage an unreachable server stopped in; a version 1
 * report (an older CLI's upload) is still read, as it is a subset of version 2.
 */
export const GradingReport = z.object({
  schemaVersion: z.union([z.literal(1), z.literal(2)]),
  project: z.object({ slug: z.string(), title: z.string() }),
  target: z.object({ url: z.string() }),
  seed: z.number().int(),
  selection: z.object({ stageIds: z.array(z.string()), all: z.boolean() }),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  durationMs: z.number().nonnegative(),
  status: RunStatus,
  error: RunError.optional(),
  stages: z.array(StageReport),
  summary: z.object({
    stages: z.object({
      passed: Count,
      failed: Count,
      error: Count,
      skipped: Count,
      inconclusive: Count.default(0),
      notRun: Count,
    }),
    checks: z.object({
      passed: Count,
      failed: Count,
      skipped: Count,
      inconclusive: Count.default(0),
      error: Count,
    }),
  }),
});
export type GradingReport = z.infer<typeof GradingReport>;

export const GRADING_REPORT_SCHEMA_VERSION = 2;
