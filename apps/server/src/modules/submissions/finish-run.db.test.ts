// What a finished run leaves behind when it was not a plain pass or fail: an inconclusive measurement,
// and a server that stopped answering partway through.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { GradingReport, MyProgress, StageReport } from '@groundwork/contracts';
import { findProject } from '@groundwork/projects';
import { REPO_CONTENT_DIR } from '../../test/content-fixture';
import { getSubmission } from '../../test/grading-fixture';
import { type Caller, createTestApp, signUp, type TestApp } from '../../test/test-app';
import { createProjectCatalogue } from '../projects/project-catalogue';
import { recordFinishedRun } from './finish-run';
import { appendEvents, listEventsAfter } from './submission-events.repository';
import { insertSubmission, startAttempt } from './submissions.repository';

const entry = findProject('url-shortener');
assert.ok(entry);
const project = createProjectCatalogue([entry]).find('url-shortener');
assert.ok(project);
const topicsOf = (stageId: string) => [...(project.topicsByStage.get(stageId) ?? [])];

let t: TestApp;

before(async () => {
  t = await createTestApp({}, { contentDir: REPO_CONTENT_DIR });
});
after(async () => {
  await t.close();
});

function stage(id: string, status: StageReport['status'], extra: Partial<StageReport> = {}): StageReport {
  return {
    id,
    title: id,
    difficulty: 'beginner',
    topics: topicsOf(id),
    status,
    durationMs: 5,
    checks: [],
    ...extra,
  };
}

function reportOf(status: GradingReport['status'], stages: StageReport[], error?: GradingReport['error']) {
  const now = new Date().toISOString();
  const count = (s: StageReport['status']) => stages.filter((each) => each.status === s).length;
  return {
    schemaVersion: 2,
    project: { slug: 'url-shortener', title: 'URL shortener' },
    target: { url: 'http://127.0.0.1:9' },
    seed: 5,
    selection: { stageIds: stages.map((each) => each.id), all: false },
    startedAt: now,
    finishedAt: now,
    durationMs: 20,
    status,
    ...(error ? { error } : {}),
    stages,
    summary: {
      stages: {
        passed: count('passed'),
        failed: count('failed'),
        error: count('error'),
        skipped: count('skipped'),
        inconclusive: count('inconclusive'),
        notRun: count('not-run'),
      },
      checks: { passed: 0, failed: 0, skipped: 0, inconclusive: 1, error: 0 },
    },
  } satisfies GradingReport;
}

async function runningSubmission(learner: Caller) {
  const row = await insertSubmission(t.database.db, {
    userId: learner.user.id,
    project: 'url-shortener',
    targetUrl: 'http://127.0.0.1:9',
    mode: 'verified',
    seed: 5,
  });
  const running = await startAttempt(t.database.db, row.id, null);
  assert.ok(running);
  return running;
}

async function verifiedTopicsOf(learner: Caller): Promise<string[]> {
  const response = await t.app.inject({ method: 'GET', url: '/api/progress', headers: learner.headers });
  return (response.json() as MyProgress).verifiedTopicIds.toSorted();
}

describe('an inconclusive run', () => {
  it('is an inconclusive submission that verifies the passed stages’ topics and none of the inconclusive one', async () => {
    const learner = await signUp(t.app);
    const row = await runningSubmission(learner);
    const report = reportOf('inconclusive', [
      stage('health', 'passed'),
      stage('performance', 'inconclusive', {
        checks: [
          {
            id: 'redirect-latency',
            title: 'latency',
            topic: 'caching',
            durationMs: 3,
            outcome: { status: 'inconclusive', reason: 'the grader could not keep its schedule' },
          },
        ],
      }),
    ]);
    const onlyPerformance = topicsOf('performance').filter((topic) => !topicsOf('health').includes(topic));
    assert.ok(onlyPerformance.length > 0, 'the performance stage proves topics of its own');

    assert.ok(await recordFinishedRun(t.database.db, row, report, project.topicsByStage));
    const submission = await getSubmission(t.app, learner, row.id);
    assert.equal(submission.status, 'inconclusive');
    assert.equal(submission.stagesPassed, 1);
    assert.deepEqual(
      submission.stages.map((each) => [each.id, each.status]),
      [
        ['health', 'passed'],
        ['performance', 'inconclusive'],
      ],
    );
    const verified = await verifiedTopicsOf(learner);
    assert.deepEqual(verified, topicsOf('health').toSorted());
    for (const topic of onlyPerformance) assert.ok(!verified.includes(topic), `${topic} is not verified`);
  });
});

describe('a server that stopped answering mid-run', () => {
  it('keeps the stage it stopped in, the message, and why each later stage did not run', async () => {
    const learner = await signUp(t.app);
    const row = await runningSubmission(learner);
    const message = 'http://127.0.0.1:9 stopped answering during create-link.';
    const report = reportOf(
      'error',
      [
        stage('health', 'passed'),
        stage('create-link', 'error'),
        stage('redirect', 'not-run', { reason: 'the server stopped answering' }),
        stage('custom-alias', 'not-run', { reason: 'needs create-link' }),
      ],
      { kind: 'unreachable', message, stageId: 'create-link' },
    );
    assert.ok(await recordFinishedRun(t.database.db, row, report, project.topicsByStage));
    const submission = await getSubmission(t.app, learner, row.id);
    assert.equal(submission.status, 'error');
    assert.deepEqual(submission.error, { kind: 'unreachable', message, stageId: 'create-link' });
    assert.deepEqual(
      submission.stages.map((each) => [each.id, each.status, each.reason]),
      [
        ['health', 'passed', undefined],
        ['create-link', 'error', undefined],
        ['redirect', 'not-run', 'the server stopped answering'],
        ['custom-alias', 'not-run', 'needs create-link'],
      ],
    );
  });

  it('cannot be recorded by an attempt that is no longer current', async () => {
    const learner = await signUp(t.app);
    const row = await runningSubmission(learner);
    await startAttempt(t.database.db, row.id, null);
    const report = reportOf('passed', [stage('health', 'passed')]);
    assert.equal(await recordFinishedRun(t.database.db, row, report, project.topicsByStage), undefined);
    assert.deepEqual(await verifiedTopicsOf(learner), []);
    assert.deepEqual((await getSubmission(t.app, learner, row.id)).stages, []);
  });
});

describe('what a learner’s server sent, with NUL characters in it', () => {
  it('is stored with each NUL replaced, in the events and the result set, instead of failing the run', async () => {
    const learner = await signUp(t.app);
    const row = await runningSubmission(learner);
    const outcome = {
      status: 'fail' as const,
      expected: 'a JSON object',
      actual: 'body "ok\u0000"',
      hint: 'GET /health should answer a JSON object, but it answered "ok\u0000".',
      topic: 'json',
    };
    const failing = stage('health', 'failed', {
      checks: [{ id: 'health-ok', title: 'health', topic: 'http', durationMs: 2, outcome }],
    });
    const event = {
      type: 'check-finished' as const,
      seq: 0,
      at: new Date().toISOString(),
      stageId: 'health',
      checkId: 'health-ok',
      title: 'health',
      durationMs: 2,
      outcome,
    };
    await appendEvents(t.database.db, row.id, row.attempt, [event]);
    assert.ok(
      await recordFinishedRun(t.database.db, row, reportOf('failed', [failing]), project.topicsByStage),
    );
    const submission = await getSubmission(t.app, learner, row.id);
    const stored = submission.stages[0]?.checks[0]?.outcome;
    assert.equal(stored?.status === 'fail' && stored.actual, 'body "ok\uFFFD"');
    const [storedEvent] = await listEventsAfter(t.database.db, row.id, row.attempt, -1);
    assert.equal(
      storedEvent?.event.type === 'check-finished' && storedEvent.event.outcome.status === 'fail'
        ? storedEvent.event.outcome.hint
        : undefined,
      'GET /health should answer a JSON object, but it answered "ok\uFFFD".',
    );
  });
});
