import { defineSuite } from '@groundwork/grader';
import { healthStage } from './health.stage';

/** The blog-api stages, in the order spec.md presents them. */
export const blogApiSuite = defineSuite({
  project: { slug: 'blog-api', title: 'Blog api' },
  readinessPath: '/health',
  stages: [healthStage],
});
