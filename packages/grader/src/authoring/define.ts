import type { StageDifficulty } from '@groundwork/contracts';
import type { CheckContext } from './context';
import type { Verdict } from './verdict';

/** One thing the server must do, judged by `run`. */
export interface Check {
  /** Stable id, unique in its stage (kebab-case): stored results are keyed by it. */
  readonly id: string;
  /** What the learner's server must do, e.g. `POST /links answers 201 with a Location`. */
  readonly title: string;
  /** Roadmap topic id a failure points to, unless the failure names a more specific one. */
  readonly topic: string;
  /** Deadline for this check alone (default: what is left of the stage's). */
  readonly timeoutMs?: number;
  run(ctx: CheckContext): Verdict | Promise<Verdict>;
}

/** An ordered group of checks that together prove one capability. */
export interface Stage {
  /** Stable id, unique in the suite (kebab-case). */
  readonly id: string;
  readonly title: string;
  readonly difficulty: StageDifficulty;
  /** Roadmap topic ids this stage exercises (passing it marks them verified). */
  readonly topics: readonly string[];
  /** Deadline for the whole stage (default 60 s). */
  readonly timeoutMs?: number;
  /**
   * Earlier stages whose behaviour this one relies on to set itself up (creating a link before
   * redirecting it). When one of them fails, this stage is *not run: needs <id>* instead of failing
   * for the same bug. Stages not selected in a run do not count: the stage then sets itself up.
   */
  readonly needs?: readonly string[];
  /**
   * `load` stages measure performance under load: they run after every correctness stage, and a
   * measurement the grader's machine could not make is inconclusive, never a pass.
   */
  readonly kind?: StageKind;
  readonly checks: readonly Check[];
}

export type StageKind = 'correctness' | 'load';

/** A project's stages, in the order learners meet them. */
export interface Suite {
  readonly project: { readonly slug: string; readonly title: string };
  /** Path requested while waiting for a sleeping server (default `/`); any HTTP answer means awake. */
  readonly readinessPath?: string;
  readonly stages: readonly Stage[];
}

const STABLE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function assertStableId(kind: string, id: string): void {
  if (!STABLE_ID.test(id)) throw new TypeError(`${kind} id "${id}" must be kebab-case (a-z, 0-9, -)`);
}

function assertUnique(kind: string, ids: readonly string[], where: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new TypeError(`${kind} id "${id}" appears twice in ${where}`);
    seen.add(id);
  }
}

/**
 * Declares a check.
 * @example
 * export const createReturns201 = defineCheck({
 *   id: 'create-returns-201',
 *   title: 'POST /links answers 201 Created with a Location header',
 *   topic: 'http-status-codes',
 *   async run(ctx) {
 *     const res = await ctx.http.post('/links', { json: { url: ctx.data.url() } });
 *     return expectStatus(res, [201]) ?? expectHeader(res, 'location', is.present()) ?? pass();
 *   },
 * });
 */
export function defineCheck(check: Check): Check {
  assertStableId('check', check.id);
  if (check.topic.trim() === '') throw new TypeError(`check "${check.id}" needs a topic`);
  return Object.freeze({ ...check });
}

/**
 * Declares a stage.
 * @example defineStage({ id: 'create-link', title: 'Create a short link', difficulty: 'beginner', topics: ['rest'], checks: [createReturns201] });
 */
export function defineStage(stage: Stage): Stage {
  assertStableId('stage', stage.id);
  if (stage.checks.length === 0) throw new TypeError(`stage "${stage.id}" has no checks`);
  assertUnique(
    'check',
    stage.checks.map((check) => check.id),
    `stage "${stage.id}"`,
  );
  return Object.freeze({
    ...stage,
    needs: Object.freeze([...(stage.needs ?? [])]),
    topics: Object.freeze([...stage.topics]),
    checks: Object.freeze([...stage.checks]),
  });
}

/**
 * Declares a project's suite.
 * @example export const suite = defineSuite({ project: { slug: 'url-shortener', title: 'URL shortener' }, stages: [health, createLink] });
 */
export function defineSuite(suite: Suite): Suite {
  assertStableId('project', suite.project.slug);
  if (suite.stages.length === 0) throw new TypeError(`suite "${suite.project.slug}" has no stages`);
  assertUnique(
    'stage',
    suite.stages.map((stage) => stage.id),
    `suite "${suite.project.slug}"`,
  );
  for (const [index, stage] of suite.stages.entries()) {
    const earlier = new Set(suite.stages.slice(0, index).map((one) => one.id));
    for (const needed of stage.needs ?? []) {
      if (!earlier.has(needed)) {
        throw new TypeError(
          `stage "${stage.id}" needs "${needed}", which is not an earlier stage of the suite`,
        );
      }
    }
    const isLoad = stage.kind === 'load';
    const laterCorrectness = suite.stages.slice(index + 1).find((one) => one.kind !== 'load');
    if (isLoad && laterCorrectness) {
      throw new TypeError(
        `load stage "${stage.id}" must come after every correctness stage ("${laterCorrectness.id}")`,
      );
    }
  }
  return Object.freeze({ ...suite, stages: Object.freeze([...suite.stages]) });
}
