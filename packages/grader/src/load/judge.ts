import type { LoadResult } from './types';

/** A latency budget, as percentiles of each request's time from when it was due. */
export interface LatencyBudget {
  p50Ms: number;
  p99Ms: number;
}

/**
 * Whether a measurement is within a latency budget. A measurement the grader could not keep on
 * schedule (`validity.isValid` false) can still be *over* budget for certain: when the latency exceeds
 * the budget by more than the grader itself could have added (its worst send lag plus its event-loop
 * delay), the server was slow whatever the grader did. Otherwise an invalid measurement is `unknown`,
 * never `within`: only a valid measurement passes.
 * @example
 * const judged = judgeLatency(result, { p50Ms: 20, p99Ms: 100 });
 * if (judged === 'unknown') return inconclusive(`the measurement is not valid: ${result.validity.reason}`);
 */
export function judgeLatency(result: LoadResult, budget: LatencyBudget): 'within' | 'over' | 'unknown' {
  if (result.completed === 0) return result.sent > 0 ? 'over' : 'unknown';
  const slackMs = result.validity.isValid
    ? 0
    : result.validity.maxSendLagMs + result.validity.eventLoopDelayP99Ms;
  const { p50, p99 } = result.latencyMs;
  if (p50 - slackMs > budget.p50Ms || p99 - slackMs > budget.p99Ms) return 'over';
  return result.validity.isValid ? 'within' : 'unknown';
}

/**
 * The measured requests that went wrong, in words (`12 answered 503 Service Unavailable`), split by
 * how sure the grader can be: an unexpected status is the server's own answer, always; a timeout or a
 * lost connection counts only when the measurement was valid, as a grader off its schedule may cause it.
 */
export function describeLoadProblems(
  result: LoadResult,
  options: {
    isExpectedStatus(status: number): boolean;
    describeStatus(status: number): string;
    describeError(kind: string): string;
  },
): { definite: string[]; uncertain: string[] } {
  const statuses = Object.entries(result.statusCounts)
    .filter(([status]) => !options.isExpectedStatus(Number(status)))
    .map(([status, count]) => `${count} answered ${options.describeStatus(Number(status))}`);
  const errors = Object.entries(result.errors)
    .filter(([, count]) => (count ?? 0) > 0)
    .map(([kind, count]) => `${count} ${options.describeError(kind)}`);
  return result.validity.isValid
    ? { definite: [...statuses, ...errors], uncertain: [] }
    : { definite: statuses, uncertain: errors };
}
