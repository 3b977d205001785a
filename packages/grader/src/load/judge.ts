import type { FanOutResult, LoadResult } from './types';

/** A latency budget, as percentiles of each request's (or delivery's) time from when it was due. */
export interface LatencyBudget {
  p50Ms: number;
  p99Ms: number;
}

/**
 * Whether a measurement (an HTTP load run or a fan-out) is within a latency budget. A measurement the
 * grader could not keep on schedule (`validity.isValid` false) can still be *over* budget for certain:
 * when the latency exceeds the budget by more than the grader itself could have added (its worst send
 * lag plus its event-loop delay: the p99 for HTTP; for a fan-out, timed on arrival by that same loop,
 * its longest stall), the server was slow whatever the grader did. Otherwise an invalid measurement is
 * `unknown`, never `within`: only a valid measurement passes.
 * @example
 * const judged = judgeLatency(result, { p50Ms: 20, p99Ms: 100 });
 * if (judged === 'unknown') return inconclusive(`the measurement is not valid: ${result.validity.reason}`);
 */
export function judgeLatency(
  result: LoadResult | FanOutResult,
  budget: LatencyBudget,
): 'within' | 'over' | 'unknown' {
  const isFanOut = 'delivered' in result;
  const arrived = isFanOut ? result.delivered : result.completed;
  if (arrived === 0) return result.sent > 0 ? 'over' : 'unknown';
  const loopDelayMs = isFanOut ? result.validity.eventLoopDelayMaxMs : result.validity.eventLoopDelayP99Ms;
  const slackMs = result.validity.isValid ? 0 : result.validity.maxSendLagMs + loopDelayMs;
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

/**
 * What went wrong in a fan-out, in words, split by how sure the grader can be. Definite: duplicates,
 * receivers that closed (by the server, or by the grader for a message past its size limit: 1009), the
 * sender closed, and deliveries missing at one receiver of messages
 * others got (the server had them, so it was not the grader's doing). Uncertain: messages nobody got
 * when the grader was off its schedule, and messages never sent because the check ran out of time.
 * @example
 * const { definite, uncertain } = describeFanOutProblems(result);
 * if (definite.length > 0) return fail({ expected, actual: definite.join('; '), hint });
 */
export function describeFanOutProblems(result: FanOutResult): { definite: string[]; uncertain: string[] } {
  const definite: string[] = [];
  const uncertain: string[] = [];
  if (result.closedReceivers > 0) {
    const codes = [...new Set(result.closeCodes)].join(', ');
    definite.push(
      `${result.closedReceivers} of the ${result.receivers} receiving connections closed during the run (close code ${codes})`,
    );
  }
  if (result.stoppedBy === 'sender-closed') {
    definite.push(`the server closed the sending connection after ${countOf(result.sent, 'message')}`);
  }
  if (result.duplicates > 0) {
    definite.push(`${countOf(result.duplicates, 'message')} arrived twice (or more) at the same connection`);
  }
  if (result.missingWhereOthersGotIt > 0) {
    definite.push(
      `${countOf(result.missingWhereOthersGotIt, 'delivery', 'deliveries')} never arrived although other connections got the same messages`,
    );
  }
  if (result.messagesNobodyGot > 0) {
    const lost = `${countOf(result.messagesNobodyGot, 'message')} of ${result.sent} reached no connection at all`;
    (result.validity.isValid ? definite : uncertain).push(lost);
  }
  if (result.stoppedBy === 'aborted') {
    uncertain.push(`the check ran out of time after sending ${countOf(result.sent, 'message')}`);
  }
  return { definite, uncertain };
}

function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
