import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { CheckOutcome, GradingReport } from '@groundwork/contracts';
import { type Check, defineCheck, defineStage, defineSuite } from '../authoring/define';
import { expectStatus } from '../authoring/expect';
import { pass } from '../authoring/verdict';
import { type RunOptions, runSuite } from '../runner/run-suite';
import type { LoopbackServer } from '../testing/loopback-server';
import { startHttpFixture } from './fixtures';

/** The deadlines every hostile case runs under: short, and ordered as in production (exchange < stage < run). */
export const HOSTILE_DEADLINES = {
  requestTimeoutMs: 1_000,
  stageTimeoutMs: 1_500,
  runTimeoutMs: 2_000,
} as const;
/** The bounds: the run ends within its deadline plus this, and grows by less than `MAX_GROWTH_BYTES`. */
export const DEADLINE_MARGIN_MS = 1_000;
export const MAX_GROWTH_BYTES = 100 * 1024 * 1024;

const SAMPLE_INTERVAL_MS = 10;

export interface MeasuredRun {
  report: GradingReport;
  /** The only check's outcome. */
  outcome: CheckOutcome | undefined;
  elapsedMs: number;
  /** Highest resident set size seen during the run, minus the size before it. */
  peakRssGrowthBytes: number;
  /** Highest heap + off-heap (Buffer) memory seen during the run, minus the amount before it. */
  peakHeapGrowthBytes: number;
}

// A full GC before each baseline makes the figures about this run, not about garbage left before it.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** A suite of one stage with one check, whose readiness probe is `GET /health`. */
export function suiteOfOne(check: Check) {
  return defineSuite({
    project: { slug: 'hostile', title: 'Hostile servers' },
    readinessPath: '/health',
    stages: [
      defineStage({
        id: 'hostile',
        title: 'A check against a hostile server',
        difficulty: 'beginner',
        topics: [check.topic],
        checks: [check],
      }),
    ],
  });
}

/**
 * Runs `check` against `target` through `runSuite` with the hostile deadlines, timing the run from
 * start to report and sampling memory while it goes. Fixtures run in this process too, so their
 * memory counts against the grader: the bound is measured conservatively.
 */
export async function measureRun(check: Check, options: RunOptions): Promise<MeasuredRun> {
  collectGarbage();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed + before.external;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed + now.external);
  };
  const sampler = setInterval(sample, SAMPLE_INTERVAL_MS);
  const started = performance.now();
  try {
    const run = runSuite(suiteOfOne(check), { seed: 1, ...HOSTILE_DEADLINES, ...options });
    for await (const _event of run.events) sample();
    const report = await run.report;
    const elapsedMs = performance.now() - started;
    sample();
    return {
      report,
      outcome: report.stages[0]?.checks[0]?.outcome,
      elapsedMs,
      peakRssGrowthBytes: peakRss - before.rss,
      peakHeapGrowthBytes: peakHeap - (before.heapUsed + before.external),
    };
  } finally {
    clearInterval(sampler);
  }
}

/** One line for the test output: what the run cost. */
export function describeMeasurement(name: string, measured: MeasuredRun): string {
  const mib = (bytes: number) => `${(Math.max(0, bytes) / 1024 / 1024).toFixed(1)} MiB`;
  return `${name}: ended in ${Math.round(measured.elapsedMs)} ms (run deadline ${HOSTILE_DEADLINES.runTimeoutMs} ms); peak growth rss ${mib(measured.peakRssGrowthBytes)}, heap+buffers ${mib(measured.peakHeapGrowthBytes)}`;
}

/**
 * The three promises for one hostile case: the run ended within its deadline + 1 s, grew by
 * less than 100 MB, and failed the check with one plain sentence matching `sentence`.
 */
export function assertHostileBounds(measured: MeasuredRun, sentence: RegExp): string {
  assert.ok(
    measured.elapsedMs <= HOSTILE_DEADLINES.runTimeoutMs + DEADLINE_MARGIN_MS,
    `the run took ${Math.round(measured.elapsedMs)} ms, past its ${HOSTILE_DEADLINES.runTimeoutMs} ms deadline + ${DEADLINE_MARGIN_MS} ms`,
  );
  assert.ok(measured.peakRssGrowthBytes < MAX_GROWTH_BYTES, 'resident memory grew by 100 MB or more');
  assert.ok(measured.peakHeapGrowthBytes < MAX_GROWTH_BYTES, 'heap and buffers grew by 100 MB or more');
  const outcome = measured.outcome;
  if (outcome?.status !== 'fail') assert.fail(`expected the check to fail, got ${JSON.stringify(outcome)}`);
  assert.match(outcome.hint, sentence);
  assertOneSentence(outcome.hint);
  return outcome.hint;
}

/** A capital letter first, one full stop (or question mark) at the end, and no sentence break in between. */
export function assertOneSentence(text: string): void {
  assert.match(text, /^[A-Z]/, `"${text}" does not start a sentence`);
  assert.match(text, /[^.?][.?]$/, `"${text}" does not end with one full stop or question mark`);
  assert.doesNotMatch(text, /[.!?]\s+[A-Z]/, `"${text}" is more than one sentence`);
}

/**
 * One graded run against a well-behaved server before the cases, so the first case is not charged
 * for loading and compiling the grader.
 */
export async function warmUpGrader(): Promise<void> {
  const server = await startHttpFixture((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  try {
    const check = defineCheck({
      id: 'warm-up',
      title: 'GET /data answers',
      topic: 'http',
      run: async (ctx) => expectStatus(await ctx.http.get('/data'), [200]) ?? pass(),
    });
    const report = await runSuite(suiteOfOne(check), { target: server.url, seed: 1 }).report;
    assert.equal(report.status, 'passed', 'the grader works against a well-behaved server');
  } finally {
    await server.close();
  }
}

export interface HostileRunOptions extends Omit<RunOptions, 'target'> {
  /** The URL to grade (default: the fixture's own `http://127.0.0.1:<port>`). */
  targetOf?: (server: LoopbackServer) => string;
}

/**
 * Starts a hostile fixture, grades `check` against it, prints what the run cost, and checks the
 * grader let go of every socket once the report was out.
 */
export async function gradeAgainst(
  t: TestContext,
  start: () => Promise<LoopbackServer>,
  check: Check,
  { targetOf = (server) => server.url, ...options }: HostileRunOptions = {},
): Promise<MeasuredRun> {
  const server = await start();
  try {
    const measured = await measureRun(check, { ...options, target: targetOf(server) });
    t.diagnostic(describeMeasurement(t.name, measured));
    const outcome = measured.outcome;
    t.diagnostic(
      `report: ${outcome?.status === 'fail' ? outcome.hint : JSON.stringify(measured.report.error ?? outcome)}`,
    );
    await waitUntil(
      () => server.openConnectionCount() === 0,
      'the grader kept a connection to the fixture open',
    );
    return measured;
  } finally {
    await server.close();
  }
}

async function waitUntil(condition: () => boolean, message: string, timeoutMs = 500): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) assert.fail(message);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
