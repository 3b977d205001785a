/** Seeds are whole numbers from 0 to 2^31 − 1, the range `groundwork test --seed` accepts. */
const SEED_RANGE = 2 ** 31;
/** Odd, so stepping through every seed in the range comes back to the first only after 2^31 attempts. */
export const ATTEMPT_SEED_STEP = 0x1e3779b9;

/**
 * The seed attempt `attempt` of a submission runs with: the submission's own for the first, then one
 * step further for each retry. A retried run must not repeat the data an earlier attempt already left
 * on the learner's server (a second `POST` of the same alias is a 409, not the learner's bug), and each
 * attempt's seed is recorded so `groundwork test --seed` reproduces the run that produced the result.
 * `startAttempt` takes the same step in SQL.
 * @example attemptSeed(42, 1) === 42
 */
export function attemptSeed(submissionSeed: number, attempt: number): number {
  return (submissionSeed + ((Math.max(0, attempt - 1) * ATTEMPT_SEED_STEP) % SEED_RANGE)) % SEED_RANGE;
}
