import { defineSuite } from '@groundwork/grader';
import { healthStage } from '../../kit/checks/health';
import { accountsStage } from './accounts.stage';
import { cartStage } from './cart.stage';
import { catalogueStage } from './catalogue.stage';
import { checkoutStage } from './checkout.stage';
import { inventoryStage } from './inventory.stage';
import { ordersStage } from './orders.stage';
import { performanceStage } from './performance.stage';
import { securityStage } from './security.stage';
import { TOPIC } from './topics';
import { webhooksStage } from './webhooks.stage';

/**
 * The e-commerce stages, in the order spec.md presents them.
 * @example const run = runSuite(eCommerceSuite, { target: 'http://localhost:8080' });
 */
export const eCommerceSuite = defineSuite({
  project: { slug: 'e-commerce', title: 'E-commerce backend' },
  readinessPath: '/health',
  stages: [
    healthStage({ topics: [TOPIC.http, TOPIC.json] }),
    accountsStage,
    catalogueStage,
    cartStage,
    checkoutStage,
    inventoryStage,
    webhooksStage,
    ordersStage,
    securityStage,
    performanceStage,
  ],
});
