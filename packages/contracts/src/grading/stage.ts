import { z } from 'zod';

export const StageDifficulty = z.enum(['beginner', 'intermediate', 'advanced']);
export type StageDifficulty = z.infer<typeof StageDifficulty>;

/**
 * `not-run`: an earlier stage failed (and `all` was not set) or the run ended first;
 * `skipped`: every check in it was skipped.
 */
export const StageStatus = z.enum(['passed', 'failed', 'error', 'skipped', 'not-run']);
export type StageStatus = z.infer<typeof StageStatus>;

export const RunStatus = z.enum(['passed', 'failed', 'error']);
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
