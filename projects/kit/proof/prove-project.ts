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

// The proof suite's running half: the reference passes every stage; each fault fails its own check
// and no other stage (a stage that needs the broken one is not run); and no check passes against a
// server that answers 404 to everything. The same rules for every project, nothing per project.

const SEED = 20_301;
// references run in processes of their own and mostly wait on the network: two per core keeps both busy
const FAULT_CONCURRENCY = Math.max(2, availableParallelism() * 2);
// a measurement this machine was too busy to make says nothing either way: the load stage alone is graded again
const MAX_LOAD_REGRADES = 2;

const correctnessStageIds = (project: ProjectEntry) =>
  project.suite.stages.filter((stage) => stage.kind !== 'load').map((stage) => stage.id);
const isLoadFault = (project: ProjectEntry, fault: ProjectFault) =>
  loadStageIds(project).includes(fault.stage);

/** Grades with the load stages, grading them again alone while they come back inconclusive. */
async function gradeMeasured(t: TestContext, project: ProjectEntry, fault?: string): Promise<GradedRun> {
  const graded = await gradeReference(project, { fault, seed: SEED, all: true });
  const loads = loadStageIds(project);
  for (let regrade = 1; regrade <= MAX_LOAD_REGRADES; regrade++) {
    const unsure = graded.report.stages
      .filter((stage) => stage.status === 'inconclusive')
      .map((stage) => stage.id);
    if (unsure.length === 0) break;
    t.diagnostic(`${unsure.join(', ')} inconclusive; grading the load stages again (${regrade})`);
    const again = await gradeReference(project, { fault, seed: SEED + regrade, stages: loads });
    graded.report.stages = graded.report.stages.map(
      (stage) => again.report.stages.find((one) => one.id === stage.id) ?? stage,
    );
    graded.events.push(...again.events);
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

async function assertFaultCaught(t: TestContext, project: ProjectEntry, fault: ProjectFault): Promise<void> {
  const graded = isLoadFault(project, fault)
    ? await gradeMeasured(t, project, fault.id)
    : await gradeReference(project, {
        fault: fault.id,
        seed: SEED,
        all: true,
        stages: correctnessStageIds(project),
      });
  assertCaught(project, fault, graded);
}

async function assertReferencePasses(t: TestContext, project: ProjectEntry): Promise<void> {
  const { report } = await gradeMeasured(t, project);
  assert.deepEqual(
    report.stages.map((stage) => stage.id),
    project.stageIds,
  );
  for (const stage of report.stages) {
    assert.deepEqual(
      stage.checks.map((check) => check.id),
      project.suite.stages.find((one) => one.id === stage.id)?.checks.map((check) => check.id),
      `every check of ${stage.id} ran`,
    );
    for (const check of stage.checks) {
      if (check.outcome.status === 'inconclusive') {
        // only a load stage can be, and only because this machine was too busy: it says nothing about the reference
        assert.ok(loadStageIds(project).includes(stage.id), `${check.id}: ${describeOutcome(check.outcome)}`);
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
 * Proves one registered project: its reference passes every stage, each fault fails its own check and
 * no other stage, and no check passes against an empty server. Each project calls it from its own
 * `proof.test.ts`, so projects are proved in parallel processes.
 * @example proveProject('url-shortener'); // projects/url-shortener/proof.test.ts
 */
export function proveProject(slug: string): void {
  const project = findProject(slug);
  if (!project) throw new Error(`proveProject: "${slug}" is not registered in projects/index.ts`);

  describe(`${slug}: each fault fails its own check and no other stage`, {
    concurrency: FAULT_CONCURRENCY,
  }, () => {
    for (const fault of project.faults.filter((one) => !isLoadFault(project, one))) {
      test(`${fault.id} → ${fault.stage} / ${fault.check}`, (t) => assertFaultCaught(t, project, fault));
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

  // last and one at a time: a load measurement needs a quiet machine
  describe(`${slug}: runs that measure load`, () => {
    test('the reference passes every stage and every check', (t) => assertReferencePasses(t, project));
    for (const fault of project.faults.filter((one) => isLoadFault(project, one))) {
      test(`${fault.id} → ${fault.stage} / ${fault.check}`, (t) => assertFaultCaught(t, project, fault));
    }
  });
}
