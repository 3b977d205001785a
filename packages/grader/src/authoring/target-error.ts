import type { Failure } from './verdict';

/**
 * The learner's server misbehaved in a way that stops a check from going on (no answer in time, a
 * body past the size cap, a WebSocket that never upgrades). Clients throw it so checks stay short;
 * the runner turns it into a failure of the check, never a grader error.
 */
export abstract class TargetError extends Error {
  /** The failure to report for the check that was running. */
  abstract toFailure(): Failure;
}

export function isTargetError(error: unknown): error is TargetError {
  return error instanceof TargetError;
}

/**
 * Thrown by `ctx.state.require(key)` when an earlier stage that sets `key` did not run;
 * the runner reports the check as skipped.
 */
export class MissingStateError extends Error {
  constructor(readonly key: string) {
    super(`needs "${key}" from an earlier stage, which did not run in this selection`);
    this.name = 'MissingStateError';
  }
}
