import { authSystem } from './auth-system';
import { blogApi } from './blog-api';
import { chat } from './chat';
import { eCommerce } from './e-commerce';
import type { ProjectEntry, ProjectTopicRef } from './kit/project';
import { taskManager } from './task-manager';
import { urlShortener } from './url-shortener';

export { defineProject, type ProjectDefinition } from './kit/define-project';
export type {
  ProjectEntry,
  ProjectFault,
  ProjectTopicRef,
  ReferenceOptions,
  RunningReference,
  StageTopics,
} from './kit/project';

export const projects: readonly ProjectEntry[] = [
  urlShortener,
  taskManager,
  blogApi,
  authSystem,
  chat,
  eCommerce,
];

export function findProject(slug: string): ProjectEntry | undefined {
  return projects.find((project) => project.slug === slug);
}

/**
 * Every roadmap topic every project stage names, one row per (project, stage, topic).
 * @example listProjectTopicRefs() // [{ project: 'url-shortener', stage: 'health', topicId: 'http' }, …]
 */
export function listProjectTopicRefs(): ProjectTopicRef[] {
  return projects.flatMap((project) =>
    project.stageTopics.flatMap(({ stageId, topicIds }) =>
      topicIds.map((topicId) => ({ project: project.slug, stage: stageId, topicId })),
    ),
  );
}
