import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { defineCheck, defineStage, defineSuite } from '../authoring/define';
import { expectStatus } from '../authoring/expect';
import { pass } from '../authoring/verdict';
import { runSuite } from '../runner/run-suite';
import { startGoesSilent } from './fixtures';
import { warmUpGrader } from './hostile-run';

const REQUEST_TIMEOUT_MS = 1_000;

function stageOf(id: string) {
  const check = (n: number) =>
    defineCheck({
      id: `${id}-${n}`,
      title: `GET /${id}/${n} answers 200`,
      topic: 'http',
      run: async (ctx) => expectStatus(await ctx.http.get(`/${id}/${n}`), [200]) ?? pass(),
    });
  return defineStage({
    id,
    title: `Stage ${id}`,
    difficulty: 'beginner',
    topics: ['http'],
    checks: [check(1), check(2), check(3)],
  });
}

const suite = defineSuite({
  project: { slug: 'goes-silent', title: 'A server that goes silent' },
  readinessPath: '/health',
  stages: ['one', 'two', 'three', 'four'].map(stageOf),
});

describe('a server that answers its first request, then never again', () => {
  before(warmUpGrader);

  it('stops the run after the first unanswered check, reports unreachable, and runs nothing more', async () => {
    const server = await startGoesSilent();
    try {
      const started = performance.now();
      const run = runSuite(suite, {
        target: server.url,
        seed: 1,
        all: true,
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
      });
      const finished: string[] = [];
      for await (const event of run.events) {
        if (event.type === 'check-finished') finished.push(event.checkId);
      }
      const report = await run.report;
      const elapsedMs = performance.now() - started;
      // one exchange deadline, then at most two liveness probes of one deadline each, and some slack
      assert.ok(elapsedMs < 5 * REQUEST_TIMEOUT_MS, `the run took ${Math.round(elapsedMs)} ms`);
      assert.deepEqual(finished, ['one-1'], 'one check met the silence; no other check was tried');
      assert.equal(report.status, 'error');
      assert.equal(report.error?.kind, 'unreachable');
      assert.equal(report.error?.stageId, 'one');
      assert.match(report.error?.message ?? '', /^your server stopped answering during stage 1 \(one\)/);
      assert.deepEqual(
        report.stages.map((stage) => [stage.id, stage.status, stage.reason]),
        [
          ['one', 'not-run', 'the server stopped answering'],
          ['two', 'not-run', 'the server stopped answering'],
          ['three', 'not-run', 'the server stopped answering'],
          ['four', 'not-run', 'the server stopped answering'],
        ],
      );
      assert.equal(report.summary.stages.failed, 0, 'no stage is failed for the silence');
    } finally {
      await server.close();
    }
  });
});
