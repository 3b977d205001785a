import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { GradingEvent, GradingReport } from '@groundwork/contracts';
import { type Check, defineCheck, defineStage, defineSuite, type Stage } from '../authoring/define';
import { expectStatus } from '../authoring/expect';
import { fail, pass } from '../authoring/verdict';
import { findClosedPort, sendJson, startHttpServer } from '../testing/loopback-server';
import { type RunOptions, runSuite, selectStages } from './run-suite';

function check(id: string, run: Check['run'], extra: Partial<Check> = {}): Check {
  return defineCheck({ id, title: `check ${id}`, topic: `topic-${id}`, run, ...extra });
}

function stage(id: string, checks: Check[], extra: Partial<Stage> = {}): Stage {
  return defineStage({
    id,
    title: `Stage ${id}`,
    difficulty: 'beginner',
    topics: [`topic-${id}`],
    checks,
    ...extra,
  });
}

function suiteOf(...stages: Stage[]) {
  return defineSuite({ project: { slug: 'runner-test', title: 'Runner test' }, stages });
}

async function collect(suite: ReturnType<typeof suiteOf>, options: RunOptions) {
  const run = runSuite(suite, options);
  const events: GradingEvent[] = [];
  for await (const event of run.events) events.push(event);
  return { events, report: await run.report };
}

describe('runSuite', () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;

  before(async () => {
    server = await startHttpServer((req, res) => {
      if (req.url === '/never') return;
      sendJson(res, req.url === '/missing' ? 404 : 200, { ok: true });
    });
  });
  after(() => server.close());

  const passing = (id: string) =>
    check(id, async (ctx) => expectStatus(await ctx.http.get('/'), [200]) ?? pass());
  const failing = (id: string) =>
    check(id, async (ctx) => expectStatus(await ctx.http.get('/missing'), [200]) ?? pass());
  const options = (): RunOptions => ({ target: server.url, seed: 7 });

  it('stops at the first failing stage', async () => {
    const suite = suiteOf(
      stage('a', [passing('a1')]),
      stage('b', [failing('b1'), passing('b2')]),
      stage('c', [passing('c1')]),
    );
    const { report } = await collect(suite, options());
    assert.equal(report.status, 'failed');
    assert.deepEqual(
      report.stages.map((s) => s.status),
      ['passed', 'failed', 'not-run'],
    );
    assert.deepEqual(
      report.stages[1]?.checks.map((c) => c.outcome.status),
      ['fail', 'pass'],
      'the other checks of the failing stage still run',
    );
    const failure = report.stages[1]?.checks[0]?.outcome;
    assert.equal(failure?.status, 'fail');
    if (failure?.status === 'fail') {
      assert.equal(failure.topic, 'topic-b1', "defaults to the check's topic");
      assert.equal(failure.expected, 'status 200 OK');
      assert.equal(failure.actual, 'status 404 Not Found');
      assert.equal(failure.exchange?.curl, `curl -i '${server.url}/missing'`);
    }
  });

  it('runs every stage with `all`', async () => {
    const suite = suiteOf(stage('a', [failing('a1')]), stage('b', [passing('b1')]));
    const { report } = await collect(suite, { ...options(), all: true });
    assert.deepEqual(
      report.stages.map((s) => s.status),
      ['failed', 'passed'],
    );
    assert.equal(report.status, 'failed');
  });

  it('runs only the selected stages, in suite order', async () => {
    const suite = suiteOf(
      stage('a', [passing('a1')]),
      stage('b', [passing('b1')]),
      stage('c', [passing('c1')]),
    );
    const { report } = await collect(suite, { ...options(), stages: ['c', 'a'] });
    assert.deepEqual(
      report.stages.map((s) => s.id),
      ['a', 'c'],
    );
    assert.throws(() => selectStages(suite, ['nope']), /unknown stage nope; stages of runner-test: a, b, c/);
  });

  it('reports a throwing check as a grader error, not a learner failure, and keeps going', async () => {
    const suite = suiteOf(
      stage('a', [
        check('broken', () => {
          throw new TypeError('oops in the check');
        }),
        passing('a2'),
      ]),
    );
    const { report } = await collect(suite, options());
    assert.equal(report.status, 'error');
    assert.equal(report.error?.kind, 'grader');
    assert.equal(report.stages[0]?.status, 'error');
    assert.equal(report.stages[0]?.checks[0]?.outcome.status, 'error');
    assert.equal(report.stages[0]?.checks[1]?.outcome.status, 'pass');
    assert.equal(report.summary.checks.error, 1);
  });

  it("turns the target's misbehaviour into a failure with the request to reproduce it", async () => {
    const suite = suiteOf(
      stage('a', [check('slow', async (ctx) => expectStatus(await ctx.http.get('/never'), [200]) ?? pass())]),
    );
    const { report } = await collect(suite, { ...options(), requestTimeoutMs: 200 });
    const outcome = report.stages[0]?.checks[0]?.outcome;
    assert.equal(outcome?.status, 'fail');
    if (outcome?.status === 'fail') {
      assert.match(outcome.hint, /GET \/never got no usable response: no response within 200 ms/);
      assert.equal(outcome.exchange?.curl, `curl -i '${server.url}/never'`);
    }
  });

  it('fails a check that outlives the stage deadline, even one that ignores its signal', async () => {
    const hung = check('hung', () => new Promise(() => {}));
    const suite = suiteOf(stage('a', [hung, passing('never-reached')], { timeoutMs: 300 }));
    const { report } = await collect(suite, options());
    const outcome = report.stages[0]?.checks[0]?.outcome;
    assert.equal(outcome?.status, 'fail');
    if (outcome?.status === 'fail') assert.match(outcome.hint, /The stage ran out of time \(300 ms\)/);
    assert.equal(report.stages[0]?.checks.length, 1, 'no check starts after the stage deadline');
  });

  it('ends at the run deadline: the running check fails, later stages do not run, the run is an error', async () => {
    const hung = check('hung', () => new Promise(() => {}));
    const suite = suiteOf(stage('a', [hung]), stage('b', [passing('b1')]));
    const { report } = await collect(suite, { ...options(), runTimeoutMs: 300 });
    const outcome = report.stages[0]?.checks[0]?.outcome;
    assert.equal(outcome?.status, 'fail');
    if (outcome?.status === 'fail') assert.match(outcome.hint, /The run ran out of time \(300 ms\)/);
    assert.equal(report.stages[1]?.status, 'not-run');
    assert.equal(report.status, 'error');
    assert.equal(report.error?.kind, 'run-deadline');
  });

  it('hands state from one stage to the next, and skips a check whose state is missing', async () => {
    const suite = suiteOf(
      stage('first', [
        check('sets', (ctx) => {
          ctx.state.set('token', 'abc');
          return pass();
        }),
      ]),
      stage('second', [
        check('uses', (ctx) =>
          ctx.state.require<string>('token') === 'abc' ? pass() : fail({ expected: 'abc', actual: 'other' }),
        ),
      ]),
    );
    const full = await collect(suite, options());
    assert.equal(full.report.status, 'passed');
    const alone = await collect(suite, { ...options(), stages: ['second'] });
    const outcome = alone.report.stages[0]?.checks[0]?.outcome;
    assert.equal(outcome?.status, 'skip');
    if (outcome?.status === 'skip') assert.match(outcome.reason, /needs "token"/);
    assert.equal(alone.report.stages[0]?.status, 'skipped');
  });

  it('gives each check reproducible data from the seed', async () => {
    const emails: string[] = [];
    const suite = suiteOf(
      stage('a', [
        check('x', (ctx) => {
          emails.push(ctx.data.email());
          return pass();
        }),
      ]),
    );
    await collect(suite, { ...options(), seed: 42 });
    await collect(suite, { ...options(), seed: 42 });
    await collect(suite, { ...options(), seed: 43 });
    assert.equal(emails[0], emails[1]);
    assert.notEqual(emails[0], emails[2]);
  });

  it('emits an ordered event stream and a report that both follow the contracts', async () => {
    const suite = suiteOf(
      stage('a', [
        check('logs', (ctx) => {
          ctx.log.info('hello');
          ctx.metric('latency.p99', 1.5, 'ms');
          return pass();
        }),
      ]),
      stage('b', [failing('b1')]),
    );
    const seen: GradingEvent[] = [];
    const { events, report } = await collect(suite, { ...options(), onEvent: (event) => seen.push(event) });
    for (const event of events) GradingEvent.parse(event);
    GradingReport.parse(report);
    assert.deepEqual(seen, events);
    assert.deepEqual(
      events.map((e) => e.seq),
      events.map((_, i) => i),
    );
    assert.deepEqual(
      events.map((e) => e.type),
      [
        'run-started',
        'target-ready',
        'stage-started',
        'check-started',
        'log',
        'metric',
        'check-finished',
        'stage-finished',
        'stage-started',
        'check-started',
        'check-finished',
        'stage-finished',
        'run-finished',
      ],
    );
    assert.equal(report.seed, 7);
    assert.equal(report.schemaVersion, 2);
  });

  it('ends as cancelled when cancelled', async () => {
    const suite = suiteOf(stage('a', [check('hung', () => new Promise(() => {}))]));
    const run = runSuite(suite, options());
    setTimeout(() => run.cancel(), 100);
    const report = await run.report;
    assert.equal(report.status, 'error');
    assert.equal(report.error?.kind, 'cancelled');
  });
});

describe('cold start', () => {
  const suite = suiteOf(
    stage('a', [check('up', async (ctx) => expectStatus(await ctx.http.get('/'), [200]) ?? pass())]),
  );

  it('waits for a sleeping server, says so, then grades it', async () => {
    const port = await findClosedPort();
    const late = http.createServer((_req, res) => sendJson(res, 200, { awake: true }));
    const timer = setTimeout(() => late.listen(port, '127.0.0.1'), 800);
    const { events, report } = await collect(suite, {
      target: `http://127.0.0.1:${port}`,
      waitForTarget: { timeoutMs: 10_000, intervalMs: 100 },
    });
    clearTimeout(timer);
    await new Promise((resolve) => late.close(resolve));
    const waiting = events.filter((e) => e.type === 'waiting-for-target');
    assert.ok(waiting.length >= 1);
    assert.equal(waiting[0]?.type === 'waiting-for-target' && waiting[0].url, `http://127.0.0.1:${port}`);
    const ready = events.find((e) => e.type === 'target-ready');
    assert.ok(ready && ready.type === 'target-ready' && ready.attempts > 1);
    assert.equal(report.status, 'passed');
  });

  it('ends with status error / unreachable when the server never answers', async () => {
    const port = await findClosedPort();
    const { events, report } = await collect(suite, {
      target: `http://127.0.0.1:${port}`,
      waitForTarget: { timeoutMs: 500, intervalMs: 100 },
    });
    assert.equal(report.status, 'error');
    assert.equal(report.error?.kind, 'unreachable');
    assert.match(
      report.error?.message ?? '',
      new RegExp(`is your server running at http://127.0.0.1:${port}\\?`),
    );
    assert.doesNotMatch(
      report.error?.message ?? '',
      /within \d+ ms/,
      'the last attempt says why, not "too slow"',
    );
    assert.equal(report.stages[0]?.status, 'not-run');
    assert.equal(events.at(-1)?.type, 'run-finished');
    GradingReport.parse(report);
  });
});
