import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { GradingEvent } from '@groundwork/contracts';
import { type Check, defineCheck, defineStage, defineSuite, type Stage } from '../authoring/define';
import { expectStatus } from '../authoring/expect';
import { fail, inconclusive, pass } from '../authoring/verdict';
import { sendJson, startHttpServer } from '../testing/loopback-server';
import { MAX_MEASUREMENT_ATTEMPTS } from './check-context';
import { type RunOptions, runSuite } from './run-suite';

// The rules that keep a verdict honest: one bug fails one stage (what needs it is not run), a
// measurement the grader could not make is never a pass, and a burst that is only partly answered
// says so.

function stageOf(id: string, checks: Check[], extra: Partial<Stage> = {}): Stage {
  return defineStage({
    id,
    title: `Stage ${id}`,
    difficulty: 'beginner',
    topics: ['http'],
    checks,
    ...extra,
  });
}

function checkOf(id: string, path: string): Check {
  return defineCheck({
    id,
    title: `GET ${path} answers 200`,
    topic: 'http',
    run: async (ctx) => expectStatus(await ctx.http.get(path), [200]) ?? pass(),
  });
}

async function grade(stages: Stage[], options: Omit<RunOptions, 'seed'>) {
  const run = runSuite(defineSuite({ project: { slug: 'verdicts', title: 'Verdicts' }, stages }), {
    seed: 3,
    ...options,
  });
  const events: GradingEvent[] = [];
  for await (const event of run.events) events.push(event);
  return { events, report: await run.report };
}

describe('verdicts', () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  before(async () => {
    server = await startHttpServer((req, res) => {
      if (req.url?.startsWith('/slow')) {
        setTimeout(() => sendJson(res, 200, { ok: true }), 150);
        return;
      }
      sendJson(res, req.url === '/missing' ? 404 : 200, { ok: true });
    });
  });
  after(() => server.close());

  it('with --all, a stage whose prerequisite failed is not run and says what it needs; others still run', async () => {
    const { report, events } = await grade(
      [
        stageOf('create', [checkOf('create-201', '/missing')]),
        stageOf('read', [checkOf('read-200', '/')], { needs: ['create'] }),
        stageOf('list', [checkOf('list-200', '/')], { needs: ['read'] }),
        stageOf('health', [checkOf('health-200', '/')]),
      ],
      { target: server.url, all: true },
    );
    assert.deepEqual(
      report.stages.map((stage) => [stage.id, stage.status, stage.reason]),
      [
        ['create', 'failed', undefined],
        ['read', 'not-run', 'needs create'],
        ['list', 'not-run', 'needs read'],
        ['health', 'passed', undefined],
      ],
    );
    assert.equal(report.summary.stages.failed, 1, 'one bug, one failing stage');
    const notRunEvent = events.find((event) => event.type === 'stage-finished' && event.stageId === 'read');
    assert.equal(notRunEvent?.type === 'stage-finished' && notRunEvent.reason, 'needs create');
  });

  it('without --all, the stages after a failure are not run, with the reason', async () => {
    const { report } = await grade(
      [
        stageOf('create', [checkOf('create-201', '/missing')]),
        stageOf('health', [checkOf('health-200', '/')]),
      ],
      { target: server.url },
    );
    assert.deepEqual(report.stages[1]?.reason, 'the run stopped after create failed');
  });

  it('a stage picked alone runs even though what it needs is not selected', async () => {
    const { report } = await grade(
      [
        stageOf('create', [checkOf('create-201', '/missing')]),
        stageOf('read', [checkOf('read-200', '/')], { needs: ['create'] }),
      ],
      { target: server.url, stages: ['read'] },
    );
    assert.equal(report.stages[0]?.status, 'passed');
  });

  it('refuses a suite whose stage needs a later or unknown stage', () => {
    assert.throws(
      () =>
        defineSuite({
          project: { slug: 'bad', title: 'Bad' },
          stages: [stageOf('a', [checkOf('a', '/')], { needs: ['b'] }), stageOf('b', [checkOf('b', '/')])],
        }),
      /stage "a" needs "b", which is not an earlier stage/,
    );
  });

  it('an invalid load measurement is taken again, and if it stays invalid the run is inconclusive, never passed', async () => {
    // keep this process's event loop busy while the load runs, so the runner cannot keep its schedule
    const hog = setInterval(() => {
      const until = performance.now() + 40;
      while (performance.now() < until) {}
    }, 5);
    try {
      const measure = defineCheck({
        id: 'latency',
        title: 'Answers fast under load',
        topic: 'performance',
        async run(ctx) {
          const result = await ctx.load.run({
            path: '/',
            ratePerSecond: 200,
            durationMs: 300,
            connections: 4,
          });
          if (!result.validity.isValid)
            return inconclusive(`the measurement is not valid: ${result.validity.reason}`);
          return pass();
        },
      });
      const { report, events } = await grade([stageOf('performance', [measure], { kind: 'load' })], {
        target: server.url,
      });
      const retries = events.filter((event) => event.type === 'log' && /measuring again/.test(event.message));
      assert.equal(retries.length, MAX_MEASUREMENT_ATTEMPTS - 1, 'measured again, a bounded number of times');
      assert.equal(report.stages[0]?.status, 'inconclusive');
      assert.equal(report.status, 'inconclusive');
      assert.equal(report.summary.stages.inconclusive, 1);
      assert.equal(report.summary.stages.passed, 0);
    } finally {
      clearInterval(hog);
    }
  });

  it('a failure outranks an inconclusive stage', async () => {
    const unsure = defineCheck({
      id: 'unsure',
      title: 'Unsure',
      topic: 'http',
      run: () => inconclusive('busy'),
    });
    const { report } = await grade(
      [stageOf('broken', [checkOf('broken', '/missing')]), stageOf('unsure', [unsure])],
      { target: server.url, all: true },
    );
    assert.equal(report.status, 'failed');
  });

  it('a burst that is partly answered and partly refused says the server takes few connections at a time', async () => {
    const narrow = await startHttpServer((_req, res) => {
      setTimeout(() => sendJson(res, 200, { ok: true }), 200);
    });
    // like a server with a tiny listen backlog or one worker: connections past the first two are dropped
    narrow.server.maxConnections = 2;
    try {
      const burst = defineCheck({
        id: 'burst',
        title: '10 requests at once all answer',
        topic: 'concurrency',
        async run(ctx) {
          const wide = ctx.http.withConnections(10);
          const answers = await Promise.all(Array.from({ length: 10 }, () => wide.get('/')));
          return answers.every((res) => res.status === 200)
            ? pass()
            : fail({ expected: '10 answers', actual: 'fewer' });
        },
      });
      const { report } = await grade([stageOf('concurrency', [burst])], { target: narrow.url });
      const outcome = report.stages[0]?.checks[0]?.outcome;
      assert.equal(outcome?.status, 'fail');
      if (outcome?.status !== 'fail') return;
      assert.match(outcome.hint, /your server answered \d+ while \d+ had their connection (reset|refused)/);
      assert.match(
        outcome.hint,
        /one request at a time, its listen backlog is small, or its database connection pool is too small/,
      );
      assert.equal(report.error, undefined, 'the server still answers: the run was not stopped');
    } finally {
      await narrow.close();
    }
  });
});
