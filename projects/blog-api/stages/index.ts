import { defineSuite } from '@groundwork/grader';
import { articlesStage, commentsStage, favoritesStage, tagsStage } from './articles.stage';
import { authorizationStage } from './authorization.stage';
import { concurrencyStage } from './concurrency.stage';
import { errorsStage } from './errors.stage';
import { injectionStage } from './injection.stage';
import { jwtStage } from './jwt.stage';
import { listingStage } from './listing.stage';
import { performanceStage } from './performance.stage';
import { resilienceStage } from './resilience.stage';
import { profilesStage, usersStage } from './users.stage';

/**
 * The blog-api stages, in the order spec.md presents them: the RealWorld contract's features first, then
 * the stages that go beyond it. Paths are relative to the base URL, which ends in /api.
 * @example const run = runSuite(blogApiSuite, { target: 'http://localhost:3000/api' });
 */
export const blogApiSuite = defineSuite({
  project: { slug: 'blog-api', title: 'Blog API (RealWorld Conduit)' },
  // RealWorld has no health route; GET /tags is the cheapest route every Conduit backend has
  readinessPath: '/tags',
  stages: [
    usersStage,
    profilesStage,
    articlesStage,
    commentsStage,
    favoritesStage,
    tagsStage,
    listingStage,
    errorsStage,
    authorizationStage,
    jwtStage,
    injectionStage,
    concurrencyStage,
    resilienceStage,
    performanceStage,
  ],
});
