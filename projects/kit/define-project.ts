import type { Suite } from '@groundwork/grader';
import type { ProjectEntry, ProjectFault, ReferenceOptions, RunningReference } from './project';
import { findProjectFile, projectFile } from './project-files';

export interface ProjectDefinition {
  slug: string;
  title: string;
  /** One sentence for the project list. */
  summary: string;
  suite: Suite;
  faults: readonly ProjectFault[];
  /** Loads and starts the reference on demand, so listing projects loads no server code. */
  startReference(options?: ReferenceOptions): Promise<RunningReference>;
}

/**
 * A project's registry entry: its spec and contract found in `projects/<slug>/`, its stage ids and
 * topics derived from the suite, and its faults checked against the suite's checks.
 * @example
 * export const taskManager = defineProject({
 *   slug: 'task-manager', title: 'Task manager API', summary: '…', suite, faults: FAULTS,
 *   startReference: async (options) => (await import('./reference/server')).startReference(options),
 * });
 */
export function defineProject(definition: ProjectDefinition): ProjectEntry {
  const { slug, suite, faults } = definition;
  if (suite.project.slug !== slug) {
    throw new TypeError(`project "${slug}" has the suite of "${suite.project.slug}"`);
  }
  const seen = new Set<string>();
  for (const fault of faults) {
    if (seen.has(fault.id)) throw new TypeError(`${slug}: fault id "${fault.id}" appears twice`);
    seen.add(fault.id);
    const stage = suite.stages.find((one) => one.id === fault.stage);
    if (!stage?.checks.some((check) => check.id === fault.check)) {
      throw new TypeError(
        `${slug}: fault "${fault.id}" names ${fault.stage} / ${fault.check}, which is not a check`,
      );
    }
    for (const other of fault.alsoFails ?? []) {
      if (!suite.stages.some((one) => one.id === other.stage)) {
        throw new TypeError(
          `${slug}: fault "${fault.id}" says it also fails "${other.stage}", which is not a stage`,
        );
      }
    }
  }
  // a project with a WebSocket describes its frames in an AsyncAPI document next to the OpenAPI one
  const messagesContractPath = findProjectFile(slug, 'asyncapi.yaml');
  return Object.freeze({
    slug,
    title: definition.title,
    summary: definition.summary,
    specPath: projectFile(slug, 'spec.md'),
    contractPath: projectFile(slug, 'openapi.yaml'),
    ...(messagesContractPath === undefined ? {} : { messagesContractPath }),
    stageIds: suite.stages.map((stage) => stage.id),
    suite,
    stageTopics: suite.stages.map((stage) => ({
      stageId: stage.id,
      topicIds: [...new Set([...stage.topics, ...stage.checks.map((check) => check.topic)])],
    })),
    faults,
    startReference: definition.startReference,
  });
}
