import type { GradingEvent, SubmissionStreamMessage } from '@groundwork/contracts';
import { describe, expect, it } from 'vitest';
import {
  applyStreamMessage,
  emptyRunView,
  type RunView,
  runViewFromSubmission,
  stageProgress,
} from './run-view';

const AT = '2026-03-01T12:00:00.000Z';
let seq = 0;

function event(body: Record<string, unknown> & { type: GradingEvent['type'] }): GradingEvent {
  seq += 1;
  return { seq, at: AT, ...body } as GradingEvent;
}

const RUN_STARTED = event({
  type: 'run-started',
  project: { slug: 'url-shortener', title: 'URL shortener' },
  target: 'http://127.0.0.1:8080',
  seed: 1,
  stages: [
    { id: 'health', title: 'Health' },
    { id: 'create-link', title: 'Create a link' },
  ],
});
const HEALTH_STARTED = event({
  type: 'stage-started',
  stageId: 'health',
  title: 'Health',
  index: 0,
  total: 2,
});
const CHECK_STARTED = event({
  type: 'check-started',
  stageId: 'health',
  checkId: 'health-ok',
  title: 'GET /health',
});
const CHECK_PASSED = event({
  type: 'check-finished',
  stageId: 'health',
  checkId: 'health-ok',
  title: 'GET /health',
  durationMs: 12,
  outcome: { status: 'pass' },
});
const HEALTH_PASSED = event({ type: 'stage-finished', stageId: 'health', status: 'passed', durationMs: 20 });
const CREATE_FAILED = event({
  type: 'check-finished',
  stageId: 'create-link',
  checkId: 'create-returns-201',
  title: 'POST /links answers 201',
  durationMs: 8,
  outcome: {
    status: 'fail',
    expected: 'status 201',
    actual: 'status 200',
    hint: 'Answer 201 Created when a link is made.',
    topic: 'http-status-codes',
  },
});

function messages(attempt: number, ...events: GradingEvent[]): SubmissionStreamMessage[] {
  return events.map((e, index) => ({ kind: 'event', id: index + 1, attempt, event: e }));
}

function play(list: readonly SubmissionStreamMessage[], from: RunView = emptyRunView('queued', 1)): RunView {
  return list.reduce(applyStreamMessage, from);
}

describe('applyStreamMessage', () => {
  it('builds stages from run-started and follows each check as it finishes', () => {
    const view = play(messages(1, RUN_STARTED, HEALTH_STARTED, CHECK_STARTED));
    expect(view.status).toBe('running');
    expect(view.stages.map((s) => [s.id, s.state])).toEqual([
      ['health', 'running'],
      ['create-link', 'pending'],
    ]);
    expect(view.stages[0]?.checks).toEqual([
      { id: 'health-ok', title: 'GET /health', state: 'running', durationMs: null, outcome: null },
    ]);

    const done = play(messages(1, RUN_STARTED, HEALTH_STARTED, CHECK_STARTED, CHECK_PASSED, HEALTH_PASSED));
    expect(done.stages[0]).toMatchObject({ state: 'passed', durationMs: 20 });
    expect(done.stages[0]?.checks[0]).toMatchObject({ state: 'pass', durationMs: 12 });
    expect(stageProgress(done)).toEqual({ finished: 1, total: 2 });
  });

  it('keeps what a failing check expected and got, and the topic that teaches it', () => {
    const view = play(messages(1, RUN_STARTED, CREATE_FAILED));
    const check = view.stages.find((s) => s.id === 'create-link')?.checks[0];
    expect(check?.state).toBe('fail');
    expect(check?.outcome).toMatchObject({
      expected: 'status 201',
      actual: 'status 200',
      topic: 'http-status-codes',
    });
  });

  it('ignores events it has already applied, so a reconnect that replays the history changes nothing', () => {
    const first = play(messages(1, RUN_STARTED, HEALTH_STARTED, CHECK_STARTED, CHECK_PASSED));
    const replayed = play(messages(1, RUN_STARTED, HEALTH_STARTED, CHECK_STARTED, CHECK_PASSED), first);
    expect(replayed).toEqual(first);
  });

  it('starts over when a new attempt appears, and ignores late messages of the old one', () => {
    const old = play(messages(1, RUN_STARTED, HEALTH_STARTED, CHECK_STARTED, CHECK_PASSED, HEALTH_PASSED));
    const retried = play(messages(2, RUN_STARTED), old);
    expect(retried.attempt).toBe(2);
    expect(retried.stages.every((stage) => stage.state === 'pending' && stage.checks.length === 0)).toBe(
      true,
    );
    const late = applyStreamMessage(retried, { kind: 'event', id: 9, attempt: 1, event: CREATE_FAILED });
    expect(late).toBe(retried);
  });

  it('takes the status from status messages and shows the wait for a sleeping server', () => {
    const waiting = play([
      ...messages(1, RUN_STARTED),
      {
        kind: 'event',
        id: 2,
        attempt: 1,
        event: event({
          type: 'waiting-for-target',
          url: 'http://127.0.0.1:8080/health',
          attempt: 3,
          elapsedMs: 4000,
          timeoutMs: 60000,
          reason: 'connection refused',
        }),
      },
    ]);
    expect(waiting.waiting).toMatchObject({ attempt: 3, reason: 'connection refused' });
    const ready = applyStreamMessage(waiting, {
      kind: 'event',
      id: 3,
      attempt: 1,
      event: event({ type: 'target-ready', url: 'http://127.0.0.1:8080', attempts: 3, afterMs: 4100 }),
    });
    expect(ready.waiting).toBeNull();
    expect(applyStreamMessage(ready, { kind: 'status', status: 'failed', attempt: 1 }).status).toBe('failed');
  });

  it('keeps why a stage did not run, live and from the stored result', () => {
    const notRun = event({
      type: 'stage-finished',
      stageId: 'create-link',
      status: 'not-run',
      reason: 'the server stopped answering',
      durationMs: 0,
    });
    const view = play(messages(1, RUN_STARTED, HEALTH_STARTED, HEALTH_PASSED, notRun));
    expect(view.stages.map((s) => [s.id, s.state, s.reason])).toEqual([
      ['health', 'passed', null],
      ['create-link', 'not-run', 'the server stopped answering'],
    ]);
  });
});

describe('runViewFromSubmission', () => {
  it('carries a stored stage’s reason and the stage an unreachable server stopped in', () => {
    const view = runViewFromSubmission({
      id: '00000000-0000-4000-8000-000000000001',
      userId: '00000000-0000-4000-8000-000000000002',
      project: 'url-shortener',
      targetUrl: 'http://127.0.0.1:8080',
      mode: 'verified',
      status: 'error',
      stageIds: null,
      all: false,
      attempt: 1,
      error: { kind: 'unreachable', message: 'It stopped answering.', stageId: 'health' },
      createdAt: AT,
      startedAt: AT,
      finishedAt: AT,
      durationMs: 40,
      stagesPassed: 0,
      stagesTotal: 2,
      seed: 7,
      stages: [
        {
          id: 'health',
          title: 'Health',
          difficulty: 'beginner',
          topics: [],
          status: 'error',
          durationMs: 9,
          checks: [],
        },
        {
          id: 'create-link',
          title: 'Create a link',
          difficulty: 'beginner',
          topics: [],
          status: 'not-run',
          reason: 'needs health',
          durationMs: 0,
          checks: [],
        },
      ],
    });
    expect(view.stages.map((s) => s.reason)).toEqual([null, 'needs health']);
    expect(view.error?.stageId).toBe('health');
  });
});
