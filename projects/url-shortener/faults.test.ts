import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, type TestContext, test } from 'node:test';
import { runSuite } from '@groundwork/grader';
import type { RunningReference } from '../index';
import { FAULTS } from './faults';
import { startReference } from './reference/server';
import { STAGE_IDS } from './stage-ids';
import { urlShortenerSuite } from './stages';
import { INVALID_MEASUREMENT_REASON } from './stages/performance.stage';

type Fault = (typeof FAULTS)[number];
type GradingRun = ReturnType<typeof runSuite>;
type GradingReport = Awaited<GradingRun['report']>;
type GradingEvent = GradingRun['events'] extends AsyncIterable<infer E> ? E : never;
type CheckOutcome = GradingReport['stages'][number]['checks'][number]['outcome'];

const SEED = 20_301;
// faults share the machine with each other, never with a load measurement, which needs a quiet event loop
const FAULT_CONCURRENCY = 4;
const MAX_MEASUREMENT_ATTEMPTS = 4;
const LOAD_STAGE = 'performance';

const REFERENCE_SERVER = new URL('./reference/server.ts', import.meta.url).href;
const REFERENCE_START_TIMEOUT_MS = 30_000;
// runs in the child: the reference without a request log, its URL sent back over IPC
const CHILD_SCRIPT = `
const { startReference } = await import(process.env.REFERENCE_SERVER);
const reference = await startReference({ fault: process.env.REFERENCE_FAULT || undefined });
process.send(reference.url);
`;

/**
 * The reference in a process of its own, as a learner's server would be: the grader's timings are then
 * its own, and one reference starting its database cannot stall another's run on this test's event loop.
 */
function startReferenceProcess(fault: string | undefined): Promise<RunningReference> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', CHILD_SCRIPT], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...process.env, REFERENCE_SERVER, REFERENCE_FAULT: fault ?? '' },
  });
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  let errorOutput = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errorOutput = `${errorOutput}${chunk}`.slice(-4_000);
  });
  return new Promise((resolve, reject) => {
    const giveUp = (reason: string) => {
      clearTimeout(timer);
      void close().then(() => reject(new Error(`${reason}: ${errorOutput}`)));
    };
    const timer = setTimeout(() => giveUp('the reference did not start in time'), REFERENCE_START_TIMEOUT_MS);
    child.once('exit', (code) => giveUp(`the reference exited with code ${code} before listening`));
    child.once('message', (url) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: String(url), close });
    });
  });
}

/**
 * Starts the reference (its own instance and database), grades it the way the CLI does, and stops it.
 */
async function gradeReference(
  options: { fault?: string | undefined; stages?: readonly string[] } = {},
): Promise<{ report: GradingReport; events: GradingEvent[] }> {
  const reference = await startReferenceProcess(options.fault);
  try {
    const run = runSuite(urlShortenerSuite, {
      target: reference.url,
      seed: SEED,
      ...(options.stages ? { stages: options.stages } : {}),
    });
    const events: GradingEvent[] = [];
    for await (const event of run.events) events.push(event);
    return { report: await run.report, events };
  } finally {
    await reference.close();
  }
}

function describeOutcome(outcome: CheckOutcome | undefined): string {
  switch (outcome?.status) {
    case undefined:
      return 'it did not run';
    case 'pass':
      return 'it passed';
    case 'fail':
      return `it failed: ${outcome.hint}`;
    case 'skip':
      return `it was skipped: ${outcome.reason}`;
    case 'inconclusive':
      return `it was inconclusive: ${outcome.reason}`;
    case 'error':
      return `the grader broke: ${outcome.message}`;
  }
}

/** The reason a load measurement was not valid (this machine was too busy), if one was not. */
function findInvalidMeasurement(report: GradingReport): string | undefined {
  for (const stage of report.stages) {
    for (const { outcome } of stage.checks) {
      if (outcome.status === 'skip' && outcome.reason.startsWith(INVALID_MEASUREMENT_REASON))
        return outcome.reason;
    }
  }
  return undefined;
}

/**
 * Grades a run that measures load, with the reference in its own process. A measurement this machine was
 * too busy to take says nothing either way, so the load stage alone is measured again (on a new reference),
 * a few times at most; `measured` is the last attempt.
 */
async function gradeMeasured(t: TestContext, options: { fault?: string; stages?: readonly string[] }) {
  const first = await gradeReference(options);
  let measured = first;
  for (let attempt = 1; attempt < MAX_MEASUREMENT_ATTEMPTS; attempt++) {
    const reason = findInvalidMeasurement(measured.report);
    if (reason === undefined) break;
    t.diagnostic(`attempt ${attempt}: ${reason}; measuring the load stage again`);
    measured = await gradeReference({ fault: options.fault, stages: [LOAD_STAGE] });
  }
  return { first, measured };
}

async function assertReferencePasses(t: TestContext): Promise<void> {
  const { first, measured } = await gradeMeasured(t, {});
  assert.deepEqual(
    first.report.stages.map((stage) => stage.id),
    [...STAGE_IDS],
  );
  const stages = [
    ...first.report.stages.filter((stage) => stage.id !== LOAD_STAGE),
    ...measured.report.stages.filter((stage) => stage.id === LOAD_STAGE),
  ];
  for (const stage of stages) {
    assert.deepEqual(
      stage.checks.map((check) => check.id),
      urlShortenerSuite.stages.find((one) => one.id === stage.id)?.checks.map((check) => check.id),
      `every check of ${stage.id} ran`,
    );
    for (const check of stage.checks) {
      const { outcome } = check;
      if (stage.id === LOAD_STAGE && outcome.status === 'skip') {
        // the only skip allowed: this machine was too busy to measure, which says nothing about the reference
        assert.ok(
          outcome.reason.startsWith(INVALID_MEASUREMENT_REASON),
          `${check.id}: ${describeOutcome(outcome)}`,
        );
        t.diagnostic(`${check.id} skipped: ${outcome.reason}`);
        continue;
      }
      assert.equal(outcome.status, 'pass', `${stage.id} / ${check.id}: ${describeOutcome(outcome)}`);
      if (outcome.status === 'pass' && outcome.note) t.diagnostic(`${check.id}: ${outcome.note}`);
    }
  }
}

const isLoadFault = (fault: Fault) => fault.stage === LOAD_STAGE;

/** The fault's check fails in the fault's stage, and every stage before it still passes. */
async function assertCaught(t: TestContext, fault: Fault): Promise<void> {
  const stageIndex = STAGE_IDS.indexOf(fault.stage);
  const options = { fault: fault.id, stages: STAGE_IDS.slice(0, stageIndex + 1) };
  const { first, measured } = isLoadFault(fault)
    ? await gradeMeasured(t, options)
    : await gradeReference(options).then((graded) => ({
        first: graded,
        measured: graded,
      }));
  for (const earlier of first.report.stages.slice(0, stageIndex)) {
    const broken = earlier.checks.find((check) => check.outcome.status !== 'pass');
    assert.equal(
      earlier.status,
      'passed',
      broken
        ? `${fault.id} must not break the earlier stage ${earlier.id}, but ${broken.id}: ${describeOutcome(broken.outcome)}`
        : `${earlier.id} did not run: ${first.report.error?.message ?? 'the run ended before it'}`,
    );
  }
  const { report, events } = measured;
  const stage = report.stages.find((one) => one.id === fault.stage);
  assert.ok(stage, `${fault.stage} ran`);
  const check = stage.checks.find((one) => one.id === fault.check);
  const { outcome } = check ?? {};
  assert.equal(
    outcome?.status,
    'fail',
    `${fault.check} must catch ${fault.id}, but ${describeOutcome(outcome)}`,
  );
  assert.equal(stage.status, 'failed');
  assert.equal(report.status, 'failed');
  assert.ok(
    stage.topics.includes(outcome.topic),
    `${fault.check} points to ${outcome.topic}, a topic of its stage`,
  );
  assert.match(outcome.hint, /^[^\n]+\.$/, 'the hint is one plain sentence');
  const finished = events.find(
    (event) =>
      event.type === 'check-finished' && event.checkId === fault.check && event.stageId === fault.stage,
  );
  assert.equal(
    finished?.type === 'check-finished' && finished.outcome.status,
    'fail',
    'the live events say so too',
  );
}

describe('each fault makes its check fail, in its stage', { concurrency: FAULT_CONCURRENCY }, () => {
  for (const fault of FAULTS.filter((one) => !isLoadFault(one))) {
    test(`${fault.id} → ${fault.stage} / ${fault.check}`, (t) => assertCaught(t, fault));
  }
});

// last and one at a time: a load measurement needs a quiet machine
describe('runs that measure load', () => {
  test('the reference solution passes every stage and every check', (t) => assertReferencePasses(t));
  for (const fault of FAULTS.filter(isLoadFault)) {
    test(`${fault.id} → ${fault.stage} / ${fault.check}`, (t) => assertCaught(t, fault));
  }
});

test('every fault has a unique id and a check of its stage, and every check is some fault’s', () => {
  assert.equal(new Set(FAULTS.map((fault) => fault.id)).size, FAULTS.length);
  const named = new Set<string>(FAULTS.map((fault) => `${fault.stage}/${fault.check}`));
  for (const stage of urlShortenerSuite.stages) {
    for (const check of stage.checks) {
      assert.ok(named.has(`${stage.id}/${check.id}`), `a fault makes ${stage.id} / ${check.id} fail`);
    }
  }
  for (const fault of FAULTS) {
    const stage = urlShortenerSuite.stages.find((one) => one.id === fault.stage);
    assert.ok(
      stage?.checks.some((check) => check.id === fault.check),
      `${fault.id} names ${fault.check}, a check of ${fault.stage}`,
    );
  }
});

test('startReference refuses an unknown fault', async () => {
  await assert.rejects(
    startReference({ fault: 'no-such-fault' }),
    /Unknown url-shortener fault "no-such-fault"/,
  );
});
