import type { ProjectTopicRef } from '@groundwork/content';
import type { LinkedProjectStage } from '@groundwork/contracts';

/** A project stage that exercises one roadmap topic: passing the stage verifies the topic. */
export type ProjectStageLink = LinkedProjectStage & { topicId: string };

/**
 * Turns the projects registry's topic references into links a topic page can show, with project titles.
 * @example linkProjectStages(listProjectTopicRefs(), projects)
 */
export function linkProjectStages(
  refs: readonly ProjectTopicRef[],
  projects: readonly { slug: string; title: string }[],
): ProjectStageLink[] {
  const titles = new Map(projects.map((project) => [project.slug, project.title]));
  return refs.map((ref) => ({
    topicId: ref.topicId,
    projectSlug: ref.project,
    projectTitle: titles.get(ref.project) ?? ref.project,
    stageId: ref.stage,
  }));
}

/** Topic id -> the project stages that exercise it, in registry order, without repeats. */
export function groupProjectStagesByTopic(
  links: readonly ProjectStageLink[],
): Map<string, LinkedProjectStage[]> {
  const grouped = new Map<string, LinkedProjectStage[]>();
  for (const { topicId, ...stage } of links) {
    const list = grouped.get(topicId) ?? [];
    const isListed = list.some(
      (other) => other.projectSlug === stage.projectSlug && other.stageId === stage.stageId,
    );
    if (!isListed) list.push(stage);
    grouped.set(topicId, list);
  }
  return grouped;
}
