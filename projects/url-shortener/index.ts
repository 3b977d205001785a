import { defineProject } from '../kit/define-project';
import { FAULTS } from './faults';
import { urlShortenerSuite } from './stages';

export const urlShortener = defineProject({
  slug: 'url-shortener',
  title: 'URL shortener',
  summary:
    'Turn long URLs into short codes that redirect, count clicks exactly, expire, and hold up under load.',
  suite: urlShortenerSuite,
  faults: FAULTS,
  // loaded on demand so listing projects does not load Fastify and PGlite
  startReference: async (options) => (await import('./reference/server')).startReference(options),
});
