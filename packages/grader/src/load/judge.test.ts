import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeLoadProblems, judgeLatency } from './judge';
import type { LoadResult } from './types';

function resultOf(p50: number, p99: number, validity: Partial<LoadResult['validity']> = {}): LoadResult {
  return {
    targetRatePerSecond: 200,
    achievedRatePerSecond: 200,
    durationMs: 1000,
    sent: 200,
    completed: 200,
    errors: {},
    errorCount: 0,
    statusCounts: { 302: 190, 503: 10 },
    latencyMs: { p50, p90: p99, p99, max: p99, mean: p50 },
    bytesReceived: 0,
    stoppedBy: 'schedule',
    validity: { isValid: true, eventLoopDelayP99Ms: 1, maxSendLagMs: 1, ...validity },
  };
}

const budget = { p50Ms: 20, p99Ms: 100 };

test('a valid measurement is within or over its budget', () => {
  assert.equal(judgeLatency(resultOf(5, 40), budget), 'within');
  assert.equal(judgeLatency(resultOf(5, 140), budget), 'over');
});

test('an invalid measurement never passes, but is over for certain when the grader could not explain the excess', () => {
  const busy = { isValid: false, eventLoopDelayP99Ms: 18, maxSendLagMs: 25 };
  assert.equal(judgeLatency(resultOf(5, 40, busy), budget), 'unknown');
  assert.equal(
    judgeLatency(resultOf(30, 130, busy), budget),
    'unknown',
    'within 43 ms of slack of the budget',
  );
  assert.equal(
    judgeLatency(resultOf(250, 400, busy), budget),
    'over',
    'a 250 ms server is slow whatever the grader did',
  );
});

test('unexpected statuses are the server’s own answers; timeouts count only in a valid measurement', () => {
  const words = {
    isExpectedStatus: (s: number) => s === 302,
    describeStatus: String,
    describeError: (k: string) => `hit ${k}`,
  };
  const valid = { ...resultOf(5, 40), errors: { timeout: 3 } };
  assert.deepEqual(describeLoadProblems(valid, words), {
    definite: ['10 answered 503', '3 hit timeout'],
    uncertain: [],
  });
  const busy = { ...valid, validity: { isValid: false, eventLoopDelayP99Ms: 30, maxSendLagMs: 40 } };
  assert.deepEqual(describeLoadProblems(busy, words), {
    definite: ['10 answered 503'],
    uncertain: ['3 hit timeout'],
  });
});
