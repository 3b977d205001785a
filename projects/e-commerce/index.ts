import { defineProject } from '../kit/define-project';
import { FAULTS } from './faults';
import { eCommerceSuite } from './stages';

export const eCommerce = defineProject({
  slug: 'e-commerce',
  title: 'E-commerce backend',
  summary:
    'A shop where money and concurrency meet: exact prices, carts, idempotent checkout, stock that never oversells, an order state machine and signed payment webhooks.',
  suite: eCommerceSuite,
  faults: FAULTS,
  // loaded on demand so listing projects does not load Fastify and PGlite
  startReference: async (options) => (await import('./reference/server')).startReference(options),
});
