import { defineSuite } from '@groundwork/grader';
import { healthStage } from '../../kit/checks/health';
import { clickStatsStage } from './click-stats.stage';
import { createLinkStage } from './create-link.stage';
import { customAliasStage } from './custom-alias.stage';
import { expiryStage } from './expiry.stage';
import { listingStage } from './listing.stage';
import { notFoundStage } from './not-found.stage';
import { performanceStage } from './performance.stage';
import { redirectStage } from './redirect.stage';
import { securityStage } from './security.stage';
import { TOPIC } from './topics';
import { validationStage } from './validation.stage';

/**
 * The url-shortener's stages, in the order spec.md presents them.
 * @example const run = runSuite(urlShortenerSuite, { target: 'http://localhost:8080' });
 */
export const urlShortenerSuite = defineSuite({
  project: { slug: 'url-shortener', title: 'URL shortener' },
  readinessPath: '/health',
  stages: [
    healthStage({ topics: [TOPIC.http, TOPIC.json, TOPIC.whatIsAnApi] }),
    createLinkStage,
    redirectStage,
    notFoundStage,
    validationStage,
    customAliasStage,
    clickStatsStage,
    expiryStage,
    listingStage,
    securityStage,
    performanceStage,
  ],
});
