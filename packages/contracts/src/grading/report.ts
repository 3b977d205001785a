import { z } from 'zod';
import { CheckOutcome } from './check-result';
import { RunErrorKind, RunStatus, StageDifficulty, StageStatus } from './stage';

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
  durationMs: z.number().nonnegative(),
  checks: z.array(CheckReport),
});
export type StageReport = z.infer<typeof StageReport>;

const Count = z.number().int().nonnegative();

/**
 * The final result of one grading run: what the JSON reporter writes and the server stores.
 * Bump `schemaVersion` on any change a reader of version 1 would misread.
 */
export const GradingReport = z.object({
  schemaVersion: z.literal(1),
  project: z.object({ slug: z.string(), title: z.string() }),
  target: z.object({ url: z.string() }),
  seed: z.number().int(),
  selection: z.object({ stageIds: z.array(z.string()), all: z.boolean() }),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  durationMs: z.number().nonnegative(),
  status: RunStatus,
  error: z.object({ kind: RunErrorKind, message: z.string() }).optional(),
  stages: z.array(StageReport),
  summary: z.object({
    stages: z.object({ passed: Count, failed: Count, error: Count, skipped: Count, notRun: Count }),
    checks: z.object({ passed: Count, failed: Count, skipped: Count, error: Count }),
  }),
});
export type GradingReport = z.infer<typeof GradingReport>;

export const GRADING_REPORT_SCHEMA_VERSION = 1;
