import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { after, before, describe, type TestContext, test } from 'node:test';
import type { GradingReport, StageReport } from '@groundwork/contracts';
import { startHttpServer } from '@groundwork/grader/testing';
import { findProject } from '../../index';
import type { ProjectEntry, ProjectFault } from '../project';
import {
  describeOutcome,
  describeStage,
  type GradedRun,
  gradeReference,
  gradeTarget,
  loadStageIds,
} from '../testing/grade';
import { createReferencePool, type ReferencePool } from '../testing/reference-pool';

// The proof suite's running half: the reference passes every stage; each fault fails its own check
// and no other stage (a stage that needs the broken one is not run); and no check passes against a
// server that answers 404 to everything. The same rules for every project, nothing per project.
// Two phases: every project's correctness stages in parallel (proveProject, one file per project),
// then every load stage one measurement at a time (proveLoadStages), as a measurement needs a quiet machine.

const SEED = 20_301;
// references run in processes of their own and mostly wait on the network: two per core keeps both busy
const FAULT_CONCURRENCY = Math.max(2, availableParallelism() * 2);
// a measurement this machine was too busy to make says nothing either way: the load stage alone is graded again
const MAX_LOAD_REGRADES = 2;

const correctnessStageIds = (project: ProjectEntry) =>
  project.suite.stages.filter((stage) => stage.kind !== 'load').map((stage) => stage.id);
const isLoadFault = (project: ProjectEntry, fault: ProjectFault) =>
  loadStageIds(project).includes(fault.stage);

/**
 * Grades the project's load stages alone (their needs are proved in the correctness phase), grading
 * them again while they come back inconclusive: a busy machine says nothing either way.
 */
async function gradeLoadStages(t: TestContext, project: ProjectEntry, fault?: string): Promise<GradedRun> {
  const stages = loadStageIds(project);
  let graded = await gradeReference(project, { fault, seed: SEED, all: true, stages });
  for (let regrade = 1; regrade <= MAX_LOAD_REGRADES; regrade++) {
    const unsure = graded.report.stages.filter((stage) => stage.status === 'inconclusive');
    if (unsure.length === 0) break;
    t.diagnostic(`${unsure.map((stage) => stage.id).join(', ')} inconclusive; grading again (${regrade})`);
    graded = await gradeReference(project, { fault, seed: SEED + regrade, all: true, stages });
  }
  return graded;
}

/** The stages `stageId` needs, directly or through others. */
function needsOf(project: ProjectEntry, stageId: string): Set<string> {
  const needed = new Set<string>();
  const visit = (id: string) => {
    for (const one of project.suite.stages.find((stage) => stage.id === id)?.needs ?? []) {
      if (!needed.has(one)) {
        needed.add(one);
        visit(one);
      }
    }
  };
  visit(stageId);
  return needed;
}

/** One bug, one failing stage: every other stage passed, or is not run because it needs the broken one. */
function assertOnlyItsStage(project: ProjectEntry, fault: ProjectFault, report: GradingReport): void {
  const allowed = new Set((fault.alsoFails ?? []).map((other) => other.stage));
  for (const stage of report.stages) {
    if (stage.id === fault.stage || allowed.has(stage.id)) continue;
    if (stage.status === 'passed') continue;
    const isBlocked =
      stage.status === 'not-run' &&
      stage.reason?.startsWith('needs ') &&
      needsOf(project, stage.id).has(fault.stage);
    assert.ok(
      isBlocked,
      `${fault.id} must fail ${fault.stage} alone, but ${describeStage(stage)}; if it cannot be otherwise, declare the stage's needs or name it in alsoFails with why`,
    );
  }
}

function assertCaught(project: ProjectEntry, fault: ProjectFault, graded: GradedRun): void {
  const { report, events } = graded;
  assert.equal(report.error, undefined, `${fault.id}: the run ended early: ${report.error?.message}`);
  const stage = report.stages.find((one) => one.id === fault.stage) as StageReport;
  const check = stage.checks.find((one) => one.id === fault.check);
  const outcome = check?.outcome;
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
  assert.match(outcome.hint, /^[^\n]+[.?]$/, 'the hint is one plain sentence');
  const finished = events.find(
    (event) =>
      event.type === 'check-finished' && event.checkId === fault.check && event.stageId === fault.stage,
  );
  assert.equal(
    finished?.type === 'check-finished' && finished.outcome.status,
    'fail',
    'the live events say so too',
  );
  assertOnlyItsStage(project, fault, report);
}

/** A correctness fault: its check fails in its stage, and no other correctness stage fails. */
async function assertFaultCaught(
  project: ProjectEntry,
  fault: ProjectFault,
  pool: ReferencePool,
): Promise<void> {
  const graded = await gradeReference(project, {
    pool,
    fault: fault.id,
    seed: SEED,
    all: true,
    stages: correctnessStageIds(project),
  });
  assertCaught(project, fault, graded);
}

/** A load fault, in the correctness phase: it makes no correctness stage fail. */
async function assertLoadFaultSparesCorrectness(
  project: ProjectEntry,
  fault: ProjectFault,
  pool: ReferencePool,
): Promise<void> {
  const { report } = await gradeReference(project, {
    pool,
    fault: fault.id,
    seed: SEED,
    all: true,
    stages: correctnessStageIds(project),
  });
  assert.equal(report.error, undefined, `${fault.id}: the run ended early: ${report.error?.message}`);
  assertOnlyItsStage(project, fault, report);
}

/** Every check of the stages graded passed; a load stage may only be inconclusive, never failed. */
function assertAllPass(
  t: TestContext,
  project: ProjectEntry,
  report: GradingReport,
  stageIds: readonly string[],
): void {
  assert.deepEqual(
    report.stages.map((stage) => stage.id),
    [...stageIds],
  );
  for (const stage of report.stages) {
    assert.deepEqual(
      stage.checks.map((check) => check.id),
      project.suite.stages.find((one) => one.id === stage.id)?.checks.map((check) => check.id),
      `every check of ${stage.id} ran`,
    );
    for (const check of stage.checks) {
      if (check.outcome.status === 'inconclusive' && loadStageIds(project).includes(stage.id)) {
        // this machine was too busy to measure, even after grading again: it says nothing about the reference
        t.diagnostic(`${stage.id} / ${check.id} inconclusive: ${check.outcome.reason}`);
        continue;
      }
      assert.equal(
        check.outcome.status,
        'pass',
        `${stage.id} / ${check.id}: ${describeOutcome(check.outcome)}`,
      );
    }
  }
}

/**
 * Proves one registered project's correctness: its reference passes every correctness stage, each
 * fault fails its own check and no other stage (a load fault: no correctness stage), and no check
 * passes against an empty server. Each project calls it from its own `proof.test.ts`, so projects are
 * proved in parallel processes; their load stages are proved afterwards by `proveLoadStages`.
 * @example proveProject('url-shortener'); // projects/url-shortener/proof.test.ts
 */
export function proveProject(slug: string): void {
  const project = findProject(slug);
  if (!project) throw new Error(`proveProject: "${slug}" is not registered in projects/index.ts`);

  describe(`${slug}: the reference passes, and each fault fails its own check and no other stage`, {
    concurrency: FAULT_CONCURRENCY,
  }, () => {
    // correctness runs measure nothing, so references share a few long-lived host processes
    const pool = createReferencePool(FAULT_CONCURRENCY);
    after(() => pool.close());

    test('the reference passes every correctness stage', async (t) => {
      const stages = correctnessStageIds(project);
      const { report } = await gradeReference(project, { pool, seed: SEED, all: true, stages });
      assertAllPass(t, project, report, stages);
    });
    for (const fault of project.faults) {
      test(`${fault.id} → ${fault.stage} / ${fault.check}`, () =>
        isLoadFault(project, fault)
          ? assertLoadFaultSparesCorrectness(project, fault, pool)
          : assertFaultCaught(project, fault, pool));
    }
  });

  describe(`${slug}: no check passes against a server that answers 404 to everything`, () => {
    let empty: Awaited<ReturnType<typeof startHttpServer>>;
    before(async () => {
      empty = await startHttpServer((_req, res) => {
        res.writeHead(404, { 'content-type': 'application/problem+json' });
        res.end('{"title":"Not Found","status":404}');
      });
    });
    after(() => empty.close());

    // one stage at a time, so a stage's needs cannot hide its checks
    for (const stage of project.suite.stages) {
      test(stage.id, async () => {
        const { report } = await gradeTarget(project.suite, {
          target: empty.url,
          seed: SEED,
          stages: [stage.id],
        });
        for (const check of report.stages[0]?.checks ?? []) {
          assert.notEqual(
            check.outcome.status,
            'pass',
            `${stage.id} / ${check.id} passed against an empty server`,
          );
          assert.notEqual(
            check.outcome.status,
            'error',
            `${stage.id} / ${check.id}: ${describeOutcome(check.outcome)}`,
          );
        }
      });
    }
  });
}

/**
 * Proves every project's load stages, one measurement at a time on an otherwise quiet machine (the
 * test runner runs this phase after every project's correctness proof): the reference passes them
 * (or, on a machine too busy to measure, is inconclusive), and each load fault fails its own check.
 * @example proveLoadStages(projects); // projects/kit/proof/load.test.ts
 */
export function proveLoadStages(all: readonly ProjectEntry[]): void {
  for (const project of all.filter((one) => loadStageIds(one).length > 0)) {
    describe(`${project.slug}: load stages, one at a time`, () => {
      test('the reference passes its load stages', async (t) => {
        const { report } = await gradeLoadStages(t, project);
        assertAllPass(t, project, report, loadStageIds(project));
      });
      for (const fault of project.faults.filter((one) => isLoadFault(project, one))) {
        test(`${fault.id} → ${fault.stage} / ${fault.check}`, async (t) =>
          assertCaught(project, fault, await gradeLoadStages(t, project, fault.id)));
      }
    });
  }
}
