import type { CheckInconclusive, CheckPassed, CheckSkipped, RecordedExchange } from '@groundwork/contracts';

/**
 * A failure as a check reports it. `topic` defaults to the check's topic and `hint` to a sentence
 * built from `expected` and `actual`, so helpers only fill what they know.
 */
export interface Failure {
  status: 'fail';
  expected: string;
  actual: string;
  hint?: string;
  topic?: string;
  exchange?: RecordedExchange;
}

/** What `run(ctx)` returns: pass, fail, skip or inconclusive. Failing is a result, never an exception. */
export type Verdict = CheckPassed | Failure | CheckSkipped | CheckInconclusive;

/**
 * The check saw what the contract asks for.
 * @example return expectStatus(res, [200]) ?? pass();
 */
export function pass(note?: string): CheckPassed {
  return note === undefined ? { status: 'pass' } : { status: 'pass', note };
}

/**
 * The server did something else than the contract asks.
 * @example return fail({ expected: 'clicks = 50', actual: `clicks = ${clicks}`, topic: 'race-conditions' });
 */
export function fail(details: Omit<Failure, 'status'>): Failure {
  return { status: 'fail', ...details };
}

/**
 * The check cannot be judged in this run.
 * @example if (!token) return skip('needs the token from the sign-up stage');
 */
export function skip(reason: string): CheckSkipped {
  return { status: 'skip', reason };
}

/** The default learner-facing sentence when a failure names none. */
export function describeFailure(expected: string, actual: string): string {
  return `Expected ${expected}, but got ${actual}.`;
}

/**
 * The check could not measure what it judges on this run (the grader, not the server, was the
 * bottleneck). Never a pass and never a failure: the run is `inconclusive` and the learner runs it again.
 * @example if (!result.validity.isValid) return inconclusive(`the measurement is not valid: ${result.validity.reason}`);
 */
export function inconclusive(reason: string): CheckInconclusive {
  return { status: 'inconclusive', reason };
}
