import type { ProjectTopicRef } from '@groundwork/contracts';
import type { Suite } from '@groundwork/grader';

export type { ProjectTopicRef };

/**
 * A bug that can be switched on in a project's reference solution. The proof suite holds it to this:
 * with the fault on, `check` fails in `stage`, and no other stage fails unless `alsoFails` names it.
 */
export interface ProjectFault {
  id: string;
  /** The mistake, in a learner's words: what the reference does wrong with this fault on. */
  description: string;
  /** The stage whose check must fail. */
  stage: string;
  /** The check of `stage` that must catch it. */
  check: string;
  /**
   * Other stages this fault makes fail, each with the reason it cannot be otherwise (a stage that
   * needs the broken behaviour should declare `needs` instead, and is then *not run*).
   */
  alsoFails?: readonly { stage: string; why: string }[];
}

export interface ReferenceOptions {
  /** 0 (the default) picks a free port. */
  port?: number | undefined;
  /** Defaults to 127.0.0.1. */
  host?: string | undefined;
  /** A fault id from the project's fault list; unknown ids are refused. */
  fault?: string | undefined;
  /** Keep the data in this folder instead of in memory. */
  dataDir?: string | undefined;
  /** Log each request (off by default, for tests). */
  logger?: boolean | undefined;
}

export interface RunningReference {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234` (or `…/api` for a project served under a prefix). */
  url: string;
  close(): Promise<void>;
}

/** The roadmap topics one stage exercises: its own `topics` and every topic its checks point to. */
export interface StageTopics {
  stageId: string;
  topicIds: readonly string[];
}

/**
 * What the registry knows about a project. Made by `defineProject`, which derives the stage ids and
 * topics from the suite so nothing is listed twice.
 *
 * @example
 *   const project = findProject('url-shortener');
 *   const reference = await project?.startReference({ fault: 'create-returns-200' });
 */
export interface ProjectEntry {
  slug: string;
  title: string;
  summary: string;
  /** Absolute paths of the learner-facing spec (Markdown) and the API contract (OpenAPI 3.1 YAML). */
  specPath: string;
  contractPath: string;
  /** Absolute path of the WebSocket message contract (AsyncAPI 3.0 YAML), for a project with a WebSocket. */
  messagesContractPath?: string;
  /** Stage ids in the order they run (from the suite). */
  stageIds: readonly string[];
  /** The grader's stages and checks (`runSuite(project.suite, { target })`). */
  suite: Suite;
  /** Every stage's topic ids, in stage order, so the content checker can prove they exist. */
  stageTopics: readonly StageTopics[];
  faults: readonly ProjectFault[];
  startReference(options?: ReferenceOptions): Promise<RunningReference>;
}
