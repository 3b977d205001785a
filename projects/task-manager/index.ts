import type { ProjectEntry } from '../index';
import { projectFile } from '../project-files';
import { FAULTS } from './faults';
import { STAGE_IDS } from './stage-ids';
import { taskManagerSuite } from './stages';

export const taskManager: ProjectEntry = {
  slug: 'task-manager',
  title: 'Task manager',
  summary:
    'Accounts, tokens and tasks: sign-up and log-in done safely, per-user data, filtering, cursor pages, ETags and load.',
  specPath: projectFile('task-manager', 'spec.md'),
  contractPath: projectFile('task-manager', 'openapi.yaml'),
  stageIds: STAGE_IDS,
  suite: taskManagerSuite,
  stageTopics: taskManagerSuite.stages.map((stage) => ({
    stageId: stage.id,
    topicIds: [...new Set([...stage.topics, ...stage.checks.map((check) => check.topic)])],
  })),
  faults: FAULTS,
  // loaded on demand so listing projects does not load Fastify and PGlite
  startReference: async (options) => (await import('./reference/server')).startReference(options),
};
