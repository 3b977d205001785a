import type { ContentIssue, ProjectTopicRef } from '@groundwork/contracts';
import { checkMovedMap } from './check-moved';
import { checkIslands, checkPrerequisiteCycles, checkPrerequisiteRefs } from './check-prerequisites';
import { checkChoices, checkFileNames, checkPlacement, checkUniqueIds, renameHint } from './check-structure';
import { checkExplanationLength, checkTopicLinks } from './check-text';
import type { Content } from './content.types';
import { indexContent } from './content-index';
import { makeIssue, sortIssues } from './issues';
import { checkTimelines } from './totals';

export type { ProjectTopicRef };

export interface CheckOptions {
  projectTopicRefs?: readonly ProjectTopicRef[];
}

/**
 * Checks loaded content against every cross-file rule (ids, placement, choices, prerequisites, cycles and islands,
 * explanation length, links, the moved map, timelines, project topic references). Schema problems are
 * reported by {@link loadContent}; {@link checkContentDir} runs both. Returns issues sorted by file.
 * @example checkContent((await loadContent('content')).content) // []
 */
export function checkContent(content: Content, options: CheckOptions = {}): ContentIssue[] {
  const index = indexContent(content);
  return sortIssues([
    ...checkFileNames(content),
    ...checkUniqueIds(content),
    ...checkPlacement(content, index),
    ...checkChoices(content, index),
    ...checkPrerequisiteRefs(content, index),
    ...checkPrerequisiteCycles(index),
    ...checkIslands(index),
    ...checkExplanationLength(content),
    ...checkTopicLinks(content, index),
    ...checkMovedMap(content, index),
    ...checkTimelines(content, index),
    ...checkProjectTopicRefs(content, options.projectTopicRefs ?? []),
  ]);
}

function checkProjectTopicRefs(content: Content, refs: readonly ProjectTopicRef[]): ContentIssue[] {
  const topicIds = new Set([
    ...content.topics.map((topic) => topic.frontMatter.id),
    ...content.unloadedTopicIds,
  ]);
  return refs
    .filter((ref) => !topicIds.has(ref.topicId))
    .map((ref) =>
      makeIssue(
        ref.file ?? `projects/${ref.project}`,
        `stages.${ref.stage}.topics`,
        `names topic "${ref.topicId}", which does not exist${renameHint(content, ref.topicId)}`,
      ),
    );
}
