import { defineProject } from '../kit/define-project';
import { FAULTS } from './faults';
import { taskManagerSuite } from './stages';

export const taskManager = defineProject({
  slug: 'task-manager',
  title: 'Task manager',
  summary:
    'Accounts, tokens and tasks: sign-up and log-in done safely, per-user data, filtering, cursor pages, ETags and load.',
  suite: taskManagerSuite,
  faults: FAULTS,
  // loaded on demand so listing projects does not load Fastify and PGlite
  startReference: async (options) => (await import('./reference/server')).startReference(options),
});
