import { defineSuite } from '@groundwork/grader';
import { healthStage } from '../../kit/checks/health';
import { authenticationStage, isolationStage } from './access.stages';
import { logInStage, signUpStage } from './account.stages';
import { concurrencyStage } from './concurrency.stage';
import { listingStage } from './listing.stage';
import { performanceStage } from './performance.stage';
import { securityStage } from './security.stage';
import { tasksStage } from './tasks.stage';
import { TOPIC } from './topics';
import { validationStage } from './validation.stage';

/**
 * The task-manager's stages, in the order spec.md presents them.
 * @example const run = runSuite(taskManagerSuite, { target: 'http://localhost:8080' });
 */
export const taskManagerSuite = defineSuite({
  project: { slug: 'task-manager', title: 'Task manager' },
  readinessPath: '/health',
  stages: [
    healthStage({ topics: [TOPIC.http, TOPIC.json] }),
    signUpStage,
    logInStage,
    tasksStage,
    authenticationStage,
    isolationStage,
    validationStage,
    listingStage,
    concurrencyStage,
    securityStage,
    performanceStage,
  ],
});
