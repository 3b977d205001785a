import { defineProject } from '../kit/define-project';
import { FAULTS } from './faults';
import { blogApiSuite } from './stages';

export const blogApi = defineProject({
  slug: 'blog-api',
  title: 'Blog api',
  summary: 'Describe in one sentence what a learner builds in this project.',
  suite: blogApiSuite,
  faults: FAULTS,
  // loaded on demand so listing projects does not load the reference's server
  startReference: async (options) => (await import('./reference/server')).startReference(options),
});
