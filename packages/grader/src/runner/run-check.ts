import type { CheckOutcome } from '@groundwork/contracts';
import type { CheckContext } from '../authoring/context';
import type { Check } from '../authoring/define';
import { describeStatus } from '../authoring/expect';
import { isTargetError, MissingStateError } from '../authoring/target-error';
import { describeFailure, type Verdict } from '../authoring/verdict';
import { pathOf } from '../http/exchange-error';
import type { HttpClient } from '../http/types';
import { formatDuration } from './deadline';

/** Why a check's deadline fired, in words for the learner. */
export interface DeadlineCause {
  what: 'check' | 'stage' | 'run' | 'cancelled';
  timeoutMs: number;
}

/**
 * Runs one check to an outcome. Never throws: a target problem is a failure, a missing earlier
 * stage a skip, a hung check a failure at its deadline, and anything else a grader error.
 */
export async function runCheck(
  check: Check,
  ctx: CheckContext,
  deadlineCause: () => DeadlineCause | undefined,
): Promise<CheckOutcome> {
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    if (ctx.signal.aborted) resolve('aborted');
    else ctx.signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const verdict = await Promise.race([Promise.resolve().then(() => check.run(ctx)), aborted]);
    const cause = deadlineCause();
    if (verdict === 'aborted' || (cause && verdict.status !== 'pass')) {
      return deadlineFailure(check, cause, ctx.http);
    }
    return normalise(verdict, check);
  } catch (error) {
    const cause = deadlineCause();
    if (cause) return deadlineFailure(check, cause, ctx.http);
    if (isTargetError(error)) return normalise(error.toFailure(), check);
    if (error instanceof MissingStateError) return { status: 'skip', reason: error.message };
    return graderError(error);
  } finally {
    if (onAbort) ctx.signal.removeEventListener('abort', onAbort);
  }
}

function normalise(verdict: Verdict, check: Check): CheckOutcome {
  switch (verdict.status) {
    case 'pass':
    case 'skip':
    case 'inconclusive':
      return verdict;
    case 'fail': {
      const outcome: CheckOutcome = {
        status: 'fail',
        expected: verdict.expected,
        actual: verdict.actual,
        hint: verdict.hint ?? describeFailure(verdict.expected, verdict.actual),
        topic: verdict.topic ?? check.topic,
      };
      if (verdict.exchange) outcome.exchange = verdict.exchange;
      return outcome;
    }
    default:
      return graderError(new Error(`check "${check.id}" returned ${JSON.stringify(verdict)}, not a verdict`));
  }
}

function deadlineFailure(
  check: Check,
  cause: DeadlineCause | undefined,
  http: Pick<HttpClient, 'exchanges' | 'exchangeCount'>,
): CheckOutcome {
  if (cause?.what === 'cancelled') return { status: 'skip', reason: 'the run was cancelled' };
  const what = cause?.what ?? 'check';
  const limit = formatDuration(cause?.timeoutMs ?? 0);
  const expected = `the ${what} to finish within ${limit}`;
  const last = http.exchanges.at(-1);
  if (last?.response === undefined) {
    return {
      status: 'fail',
      expected,
      actual: `still waiting for the server after ${limit}`,
      hint: `The ${what} ran out of time (${limit}): your server answered too slowly or not at all.`,
      topic: check.topic,
    };
  }
  // The server was answering, so "too slowly or not at all" would be wrong: say how much it answered
  // and what it said last (a redirect loop shows as thousands of 302s to the same few paths).
  const count = http.exchangeCount.toLocaleString('en-GB');
  const requests = http.exchangeCount === 1 ? '1 request' : `${count} requests`;
  const answer = describeStatus(last.response.status);
  const location = last.response.headers.location;
  const isRedirect = last.response.status >= 300 && last.response.status < 400;
  const said = isRedirect && location !== undefined ? `${answer} redirecting to ${location}` : answer;
  return {
    status: 'fail',
    expected,
    actual: `still going after ${limit} and ${requests}, the last answered ${answer}`,
    hint: `The ${what} ran out of time (${limit}) after ${requests} to your server; the last, ${last.method} ${pathOf(last.url)}, answered ${said}.`,
    topic: check.topic,
    exchange: last,
  };
}

function graderError(error: unknown): CheckOutcome {
  if (error instanceof Error) {
    return error.stack === undefined
      ? { status: 'error', message: error.message }
      : { status: 'error', message: error.message, stack: error.stack };
  }
  return { status: 'error', message: String(error) };
}
