import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeFanOutProblems, describeLoadProblems, judgeLatency } from './judge';
import type { FanOutResult, LoadResult } from './types';

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

function fanOutOf(p50: number, p99: number, changes: Partial<FanOutResult> = {}): FanOutResult {
  return {
    targetRatePerSecond: 20,
    durationMs: 4_000,
    sent: 80,
    receivers: 20,
    expectedDeliveries: 1_600,
    delivered: 1_600,
    missing: 0,
    missingWhereOthersGotIt: 0,
    messagesNobodyGot: 0,
    duplicates: 0,
    closedReceivers: 0,
    closeCodes: [],
    latencyMs: { p50, p90: p99, p99, max: p99, mean: p50 },
    stoppedBy: 'schedule',
    validity: { isValid: true, eventLoopDelayP99Ms: 1, eventLoopDelayMaxMs: 5, maxSendLagMs: 1 },
    ...changes,
  };
}

test('a fan-out is judged on its deliveries, with the grader’s longest stall as its slack when invalid', () => {
  assert.equal(judgeLatency(fanOutOf(5, 40), budget), 'within');
  assert.equal(judgeLatency(fanOutOf(5, 140), budget), 'over');
  const stalled = {
    validity: { isValid: false, eventLoopDelayP99Ms: 2, eventLoopDelayMaxMs: 150, maxSendLagMs: 10 },
  };
  assert.equal(judgeLatency(fanOutOf(5, 40, stalled), budget), 'unknown');
  assert.equal(
    judgeLatency(fanOutOf(5, 240, stalled), budget),
    'unknown',
    'a 150 ms stall can explain a p99 140 ms over budget',
  );
  assert.equal(judgeLatency(fanOutOf(5, 400, stalled), budget), 'over');
  assert.equal(judgeLatency(fanOutOf(0, 0, { delivered: 0 }), budget), 'over', 'nothing arrived at all');
});

test('fan-out problems: what only the server can cause is definite, what a busy grader could cause is not', () => {
  const troubled = fanOutOf(5, 40, {
    duplicates: 3,
    closedReceivers: 2,
    closeCodes: [1008, 1008],
    missingWhereOthersGotIt: 4,
    messagesNobodyGot: 1,
  });
  assert.deepEqual(describeFanOutProblems(troubled), {
    definite: [
      '2 of the 20 receiving connections closed during the run (close code 1008)',
      '3 messages arrived twice (or more) at the same connection',
      '4 deliveries never arrived although other connections got the same messages',
      '1 message of 80 reached no connection at all',
    ],
    uncertain: [],
  });
  const busy = fanOutOf(5, 40, {
    messagesNobodyGot: 2,
    stoppedBy: 'aborted',
    validity: { isValid: false, eventLoopDelayP99Ms: 30, eventLoopDelayMaxMs: 300, maxSendLagMs: 40 },
  });
  assert.deepEqual(describeFanOutProblems(busy), {
    definite: [],
    uncertain: [
      '2 messages of 80 reached no connection at all',
      'the check ran out of time after sending 80 messages',
    ],
  });
  assert.deepEqual(
    describeFanOutProblems(fanOutOf(5, 40, { stoppedBy: 'sender-closed', sent: 12 })).definite,
    ['the server closed the sending connection after 12 messages'],
  );
});
