import { defineSuite } from '@groundwork/grader';
import { authenticationStage, isolationStage } from './access.stages';
import { healthStage, logInStage, signUpStage } from './account.stages';
import { concurrencyStage } from './concurrency.stage';
import { listingStage } from './listing.stage';
import { performanceStage } from './performance.stage';
import { securityStage } from './security.stage';
import { tasksStage } from './tasks.stage';
import { validationStage } from './validation.stage';

/**
 * The task-manager's stages, in the order spec.md presents them.
 * @example const run = runSuite(taskManagerSuite, { target: 'http://localhost:8080' });
 */
export const taskManagerSuite = defineSuite({
  project: { slug: 'task-manager', title: 'Task manager' },
  readinessPath: '/health',
  stages: [
    healthStage,
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
