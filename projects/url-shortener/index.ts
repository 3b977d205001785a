import type { ProjectEntry } from '../index';
import { projectFile } from '../project-files';
import { FAULTS } from './faults';
import { STAGE_IDS } from './stage-ids';
import { urlShortenerSuite } from './stages';

export const urlShortener: ProjectEntry = {
  slug: 'url-shortener',
  title: 'URL shortener',
  summary:
    'Turn long URLs into short codes that redirect, count clicks exactly, expire, and hold up under load.',
  specPath: projectFile('url-shortener', 'spec.md'),
  contractPath: projectFile('url-shortener', 'openapi.yaml'),
  stageIds: STAGE_IDS,
  suite: urlShortenerSuite,
  stageTopics: urlShortenerSuite.stages.map((stage) => ({
    stageId: stage.id,
    topicIds: [...new Set([...stage.topics, ...stage.checks.map((check) => check.topic)])],
  })),
  faults: FAULTS,
  // loaded on demand so listing projects does not load Fastify and PGlite
  startReference: async (options) => (await import('./reference/server')).startReference(options),
};
