import { z } from 'zod';

export const StageDifficulty = z.enum(['beginner', 'intermediate', 'advanced']);
export type StageDifficulty = z.infer<typeof StageDifficulty>;

/**
 * `not-run`: an earlier stage failed (and `all` was not set), a stage it needs failed, or the run ended
 * first (the stage report's `reason` says which); `skipped`: every check in it was skipped;
 * `inconclusive`: no check failed, but one could not measure what it judges (never a pass).
 */
export const StageStatus = z.enum(['passed', 'failed', 'error', 'skipped', 'inconclusive', 'not-run']);
export type StageStatus = z.infer<typeof StageStatus>;

/** `inconclusive`: nothing failed, but a stage could not be judged on this run; run it again. */
export const RunStatus = z.enum(['passed', 'failed', 'inconclusive', 'error']);
export type RunStatus = z.infer<typeof RunStatus>;

/** Why a run ended with status `error`. `unreachable` is what the CLI turns into exit code 3. */
export const RunErrorKind = z.enum([
  'unreachable',
  'refused-by-policy',
  'run-deadline',
  'grader',
  'cancelled',
]);
export type RunErrorKind = z.infer<typeof RunErrorKind>;

/**
 * Why a run ended with status `error`. `stageId`, for `unreachable`, is the stage during which the
 * server stopped answering (absent when it never answered at all).
 */
export const RunError = z.object({ kind: RunErrorKind, message: z.string(), stageId: z.string().optional() });
export type RunError = z.infer<typeof RunError>;
