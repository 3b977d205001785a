import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { MyProgress } from '@groundwork/contracts';
import { runSuite } from '@groundwork/grader';
import { findProject, type RunningReference } from '@groundwork/projects';
import { REPO_CONTENT_DIR } from '../../test/content-fixture';
import {
  emptyReport,
  getSubmission,
  startTestWorker,
  submit,
  type TestWorker,
  waitForFinish,
} from '../../test/grading-fixture';
import { type Caller, createTestApp, signUp, signUpAs, type TestApp } from '../../test/test-app';

async function progressOf(learner: Caller): Promise<MyProgress> {
  return (await t.app.inject({ method: 'GET', url: '/api/progress', headers: learner.headers })).json();
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const project = findProject('url-shortener');
assert.ok(project);
const QUICK = ['health', 'create-link'];

let t: TestApp;
let worker: TestWorker;
let reference: RunningReference;
let broken: RunningReference;
let admin: Caller;

before(async () => {
  t = await createTestApp({}, { contentDir: REPO_CONTENT_DIR });
  worker = await startTestWorker(t);
  reference = await project.startReference({ port: 0 });
  broken = await project.startReference({ port: 0, fault: 'create-returns-200' });
  admin = await signUp(t.app);
});
after(async () => {
  await worker.close();
  await reference.close();
  await broken.close();
  await t.close();
});

describe('a verified submission', () => {
  it('is queued at once (202 + Location), graded by the worker, and keeps every stage and check', async () => {
    const learner = await signUp(t.app);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/submissions',
      headers: learner.writeHeaders,
      payload: { project: 'url-shortener', url: reference.url, stages: QUICK },
    });
    assert.equal(created.statusCode, 202, created.body);
    const summary = created.json();
    assert.equal(created.headers.location, `/api/submissions/${summary.id}`);
    assert.equal(summary.mode, 'verified');
    assert.ok(['queued', 'running'].includes(summary.status));

    const done = await waitForFinish(t.app, learner, summary.id);
    assert.equal(done.status, 'passed');
    assert.equal(done.stagesPassed, 2);
    assert.equal(done.stagesTotal, 2);
    assert.deepEqual(
      done.stages.map((stage) => [stage.id, stage.status]),
      [
        ['health', 'passed'],
        ['create-link', 'passed'],
      ],
    );
    assert.ok(done.stages.every((stage) => stage.checks.length > 0));
    assert.equal(done.attempt, 1);
    assert.ok(done.durationMs !== null && done.finishedAt !== null);
  });

  it('marks the topics of passed stages verified, apart from what the learner marked done', async () => {
    const learner = await signUp(t.app);
    const { body } = await submit(t.app, learner, {
      project: 'url-shortener',
      url: reference.url,
      stages: QUICK,
    });
    await waitForFinish(t.app, learner, body.id);
    const progress = await progressOf(learner);
    const expected = new Set(
      project.stageTopics.filter((s) => QUICK.includes(s.stageId)).flatMap((s) => s.topicIds),
    );
    assert.deepEqual(new Set(progress.verifiedTopicIds), expected);
    const http = progress.entries.find((entry) => entry.topicId === [...expected][0]);
    assert.ok(http?.verifiedAt, 'a verified topic carries its verification time');
    assert.equal(http?.status, 'todo', 'verification does not pretend the learner marked it');
  });

  it('fails with the failing check’s expected and actual, and verifies nothing past the failure', async () => {
    const learner = await signUp(t.app);
    const { body } = await submit(t.app, learner, {
      project: 'url-shortener',
      url: broken.url,
      stages: QUICK,
    });
    const done = await waitForFinish(t.app, learner, body.id);
    assert.equal(done.status, 'failed');
    const stage = done.stages.find((candidate) => candidate.id === 'create-link');
    assert.equal(stage?.status, 'failed');
    const failed = stage?.checks.find((check) => check.outcome.status === 'fail');
    assert.ok(failed && failed.outcome.status === 'fail');
    assert.match(failed.outcome.expected, /201/);
    assert.match(failed.outcome.actual, /200/);
    assert.match(failed.outcome.exchange?.curl ?? '', /^curl /);
    const progress = await progressOf(learner);
    const createTopics = project.stageTopics.find((s) => s.stageId === 'create-link')?.topicIds ?? [];
    const healthTopics = project.stageTopics.find((s) => s.stageId === 'health')?.topicIds ?? [];
    for (const topic of createTopics.filter((id) => !healthTopics.includes(id))) {
      assert.ok(!progress.verifiedTopicIds.includes(topic), `${topic} is not verified by a failed stage`);
    }
  });

  it('is listed in the learner’s history, newest first, filterable by project, a page at a time', async () => {
    const learner = await signUp(t.app);
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { body } = await submit(t.app, learner, {
        project: 'url-shortener',
        url: reference.url,
        stages: ['health'],
      });
      ids.push(body.id);
      await waitForFinish(t.app, learner, body.id);
    }
    const first = (
      await t.app.inject({ method: 'GET', url: '/api/submissions?limit=2', headers: learner.headers })
    ).json();
    assert.deepEqual(
      first.items.map((item: { id: string }) => item.id),
      [ids[2], ids[1]],
    );
    const second = (
      await t.app.inject({
        method: 'GET',
        url: `/api/submissions?limit=2&cursor=${first.nextCursor}`,
        headers: learner.headers,
      })
    ).json();
    assert.deepEqual(
      second.items.map((item: { id: string }) => item.id),
      [ids[0]],
    );
    assert.equal(second.nextCursor, null);
    const otherProject = (
      await t.app.inject({
        method: 'GET',
        url: '/api/submissions?project=blog-api',
        headers: learner.headers,
      })
    ).json();
    assert.deepEqual(otherProject.items, []);
  });
});

describe('what a submission may ask for', () => {
  it('names the field at fault: unknown project, unknown stage, a URL that is not http(s)', async () => {
    const learner = await signUp(t.app);
    const cases: [Record<string, unknown>, string][] = [
      [{ project: 'no-such-project', url: reference.url }, 'project'],
      [{ project: 'url-shortener', url: reference.url, stages: ['health', 'flying'] }, 'stages.1'],
      [{ project: 'url-shortener', url: 'javascript:alert(1)' }, 'url'],
      [{ project: 'url-shortener', url: 'ftp://example.com' }, 'url'],
      [{ project: 'url-shortener' }, 'url'],
      [{ project: 'url-shortener', url: reference.url, extra: true }, 'extra'],
    ];
    for (const [payload, field] of cases) {
      const { statusCode, body } = await submit(t.app, learner, payload);
      assert.equal(statusCode, 400, JSON.stringify(payload));
      const errors = body.errors as { field: string; message: string }[];
      assert.ok(
        errors.some((error) => error.field === field),
        `${JSON.stringify(payload)} names ${field}: ${JSON.stringify(errors)}`,
      );
    }
  });

  it('allows one run at a time per learner (429 naming the one in progress)', async () => {
    const learner = await signUp(t.app);
    const first = await submit(t.app, learner, {
      project: 'url-shortener',
      url: reference.url,
      stages: QUICK,
    });
    assert.equal(first.statusCode, 202);
    const second = await submit(t.app, learner, { project: 'url-shortener', url: reference.url });
    assert.equal(second.statusCode, 429);
    assert.equal(second.body.code, 'submission_in_progress');
    assert.match(String(second.body.detail), new RegExp(first.body.id));
    await waitForFinish(t.app, learner, first.body.id);
    const third = await submit(t.app, learner, {
      project: 'url-shortener',
      url: reference.url,
      stages: ['health'],
    });
    assert.equal(third.statusCode, 202, 'a new run is welcome once the last one finished');
    await waitForFinish(t.app, learner, third.body.id);
  });
});

describe('cancelling', () => {
  it('cancels a queued or running submission, once; a finished one answers 409', async () => {
    const learner = await signUp(t.app);
    const { body } = await submit(t.app, learner, { project: 'url-shortener', url: reference.url });
    const cancel = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/submissions/${body.id}/cancel`,
        headers: learner.writeHeaders,
      });
    const cancelled = await cancel();
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.equal(cancelled.json().status, 'cancelled');
    assert.equal((await cancel()).statusCode, 409);
    // the worker may have started it; either way it ends cancelled, with no result set of its own
    await new Promise((resolve) => setTimeout(resolve, 500));
    const later = await getSubmission(t.app, learner, body.id);
    assert.equal(later.status, 'cancelled');
    assert.deepEqual(later.stages, []);
    assert.deepEqual(worker.running(), []);
  });
});

describe('cancelling a run in progress', () => {
  it('stops the worker’s run at once and keeps no result', async () => {
    // a server that accepts connections and never answers: the run waits for it until cancelled
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    assert.ok(address && typeof address === 'object');
    try {
      const learner = await signUp(t.app);
      const { body } = await submit(t.app, learner, {
        project: 'url-shortener',
        url: `http://127.0.0.1:${address.port}`,
      });
      await until(async () => (await getSubmission(t.app, learner, body.id)).status === 'running');
      assert.deepEqual(worker.running(), [body.id]);
      const cancelled = await t.app.inject({
        method: 'POST',
        url: `/api/submissions/${body.id}/cancel`,
        headers: learner.writeHeaders,
      });
      assert.equal(cancelled.statusCode, 200);
      await until(async () => worker.running().length === 0);
      const later = await getSubmission(t.app, learner, body.id);
      assert.equal(later.status, 'cancelled');
      assert.deepEqual(later.stages, []);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});

describe('the rate limit on new submissions', () => {
  it('answers 429 with Retry-After past SUBMISSIONS_PER_HOUR, per learner', async () => {
    const limited = await createTestApp({ SUBMISSIONS_PER_HOUR: '2' });
    try {
      const learner = await signUp(limited.app);
      const other = await signUp(limited.app);
      const upload = (caller: Caller) =>
        limited.app.inject({
          method: 'POST',
          url: '/api/submissions/upload',
          headers: caller.writeHeaders,
          payload: { report: emptyReport() },
        });
      assert.equal((await upload(learner)).statusCode, 201);
      assert.equal((await upload(learner)).statusCode, 201);
      const third = await upload(learner);
      assert.equal(third.statusCode, 429);
      assert.equal(third.json().code, 'rate_limited');
      assert.ok(Number(third.headers['retry-after']) > 0);
      const queued = await limited.app.inject({
        method: 'POST',
        url: '/api/submissions',
        headers: learner.writeHeaders,
        payload: { project: 'url-shortener', url: reference.url },
      });
      assert.equal(queued.statusCode, 429, 'server-side runs and uploads share the allowance');
      assert.equal((await upload(other)).statusCode, 201, 'another learner has their own allowance');
    } finally {
      await limited.close();
    }
  });
});

describe('who may see a submission', () => {
  it('is its owner’s; mentors and admins read anyone’s; another learner gets 404', async () => {
    const owner = await signUp(t.app);
    const { body } = await submit(t.app, owner, {
      project: 'url-shortener',
      url: reference.url,
      stages: ['health'],
    });
    await waitForFinish(t.app, owner, body.id);
    const stranger = await signUp(t.app);
    const mentor = await signUpAs(t.app, admin, 'mentor');
    const read = (caller: Caller) =>
      t.app.inject({ method: 'GET', url: `/api/submissions/${body.id}`, headers: caller.headers });
    assert.equal((await read(stranger)).statusCode, 404);
    assert.equal((await read(mentor)).statusCode, 200);
    assert.equal((await read(admin)).statusCode, 200);
    const listAs = (caller: Caller) =>
      t.app.inject({
        method: 'GET',
        url: `/api/submissions?userId=${owner.user.id}`,
        headers: caller.headers,
      });
    assert.equal((await listAs(stranger)).statusCode, 403);
    assert.equal((await listAs(mentor)).json().items[0].id, body.id);
    const cancelAsStranger = await t.app.inject({
      method: 'POST',
      url: `/api/submissions/${body.id}/cancel`,
      headers: stranger.writeHeaders,
    });
    assert.equal(cancelAsStranger.statusCode, 404);
  });
});

describe('self-reported uploads', () => {
  it('stores a CLI report as self-reported, shows it, and verifies no topic', async () => {
    const learner = await signUp(t.app);
    const run = runSuite(project.suite, {
      target: reference.url,
      stages: ['health'],
    });
    const report = await run.report;
    const uploaded = await t.app.inject({
      method: 'POST',
      url: '/api/submissions/upload',
      headers: learner.writeHeaders,
      payload: { report },
    });
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    const stored = uploaded.json();
    assert.equal(stored.mode, 'self-reported');
    assert.equal(stored.status, 'passed');
    assert.deepEqual(
      stored.stages.map((stage: { id: string }) => stage.id),
      ['health'],
    );
    const progress = await progressOf(learner);
    assert.deepEqual(progress.verifiedTopicIds, []);

    const forged = structuredClone(report);
    const [firstStage] = forged.stages;
    assert.ok(firstStage);
    firstStage.id = 'made-up';
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/submissions/upload',
      headers: learner.writeHeaders,
      payload: { report: forged },
    });
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json().errors[0].field, 'report.stages.0.id');
  });
});
