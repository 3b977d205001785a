import type { Suite } from '@groundwork/grader';
import { taskManager } from './task-manager';
import { urlShortener } from './url-shortener';

/** A bug that can be switched on in a project's reference solution; some check of the stage must catch it. */
export interface ProjectFault {
  id: string;
  description: string;
  /** The stage whose checks must fail (and no earlier stage's) when the fault is on. */
  stage: string;
  /** The check that must catch it, when one check is meant to. */
  check?: string;
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
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  close(): Promise<void>;
}

/** The roadmap topics one stage exercises: its own `topics` and every topic its checks point to. */
export interface StageTopics {
  stageId: string;
  topicIds: readonly string[];
}

/** One roadmap topic a project stage names, for `groundwork content check`. */
export interface ProjectTopicRef {
  project: string;
  stage: string;
  topicId: string;
}

/**
 * What the registry knows about a project.
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
  /** Stage ids in the order they run. */
  stageIds: readonly string[];
  /** The grader's stages and checks (`runSuite(project.suite, { target })`). */
  suite: Suite;
  /** Every stage's topic ids, in stage order, so the content checker can prove they exist. */
  stageTopics: readonly StageTopics[];
  faults: readonly ProjectFault[];
  startReference(options?: ReferenceOptions): Promise<RunningReference>;
}

export const projects: readonly ProjectEntry[] = [urlShortener, taskManager];

export function findProject(slug: string): ProjectEntry | undefined {
  return projects.find((project) => project.slug === slug);
}

/**
 * Every roadmap topic every project stage names, one row per (project, stage, topic).
 * @example listProjectTopicRefs() // [{ project: 'url-shortener', stage: 'health', topicId: 'http' }, …]
 */
export function listProjectTopicRefs(): ProjectTopicRef[] {
  return projects.flatMap((project) =>
    project.stageTopics.flatMap(({ stageId, topicIds }) =>
      topicIds.map((topicId) => ({ project: project.slug, stage: stageId, topicId })),
    ),
  );
}
