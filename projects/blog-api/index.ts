import { defineProject } from '../kit/define-project';
import { FAULTS } from './faults';
import { blogApiSuite } from './stages';

export const blogApi = defineProject({
  slug: 'blog-api',
  title: 'Blog API (RealWorld Conduit)',
  summary:
    'The RealWorld "Conduit" API, graded against its public contract, then beyond it: object-level authorization, JWT forgeries, injection, exact counts under concurrency and load.',
  suite: blogApiSuite,
  faults: FAULTS,
  // loaded on demand so listing projects does not load the reference's server
  startReference: async (options) => (await import('./reference/server')).startReference(options),
});
