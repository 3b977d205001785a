import type { ContentIssue, ContentPage, Roadmap, RoadmapLayout, Topic } from '@groundwork/contracts';
import { type CheckOptions, checkContent } from './check';
import type { Content } from './content.types';
import { indexContent, stageIdOfChoice } from './content-index';
import { hashPage, hashRoadmap, hashTopic } from './hash';
import { readLayout } from './layout-file';
import { loadContent } from './load';
import { renderMarkdown } from './render';
import { computeStageTotals } from './totals';

/**
 * Loads, checks and assembles the roadmap the server serves: topics with rendered HTML, hashes and
 * positions, stages with hours, choices, pages and the layout. `roadmap` is null whenever there are issues.
 * @example const { roadmap, issues } = await loadRoadmap('content');
 */
export async function loadRoadmap(
  dir: string,
  options: CheckOptions = {},
): Promise<{ roadmap: Roadmap; issues: [] } | { roadmap: null; issues: ContentIssue[] }> {
  const loaded = await loadContent(dir);
  const issues = [...loaded.issues, ...checkContent(loaded.content, options)];
  if (issues.length > 0) return { roadmap: null, issues };
  const read = await readLayout(dir, loaded.content);
  if (read.layout === null) return { roadmap: null, issues: read.issues };
  return { roadmap: assembleRoadmap(loaded.content, read.layout), issues: [] };
}

/**
 * Assembles checked content and its layout into a {@link Roadmap}. Expects content without issues.
 * @example assembleRoadmap(content, layoutRoadmap(content)).topics.http?.bodyHtml
 */
export function assembleRoadmap(content: Content, layout: RoadmapLayout): Roadmap {
  if (content.roadmap === null) throw new Error('assembleRoadmap needs content with a roadmap.yaml');
  const index = indexContent(content);
  const positions = new Map(layout.nodes.map((node) => [node.topicId, { x: node.x, y: node.y }]));
  const topics: Record<string, Topic> = {};
  const topicHashes: Record<string, string> = {};
  for (const topicId of index.placedTopicIds) {
    const source = index.topicById.get(topicId);
    const stageId = index.stageIdByTopic.get(topicId);
    if (source === undefined || stageId === undefined) continue;
    const contentHash = hashTopic(source.frontMatter, source.body);
    topicHashes[topicId] = contentHash;
    topics[topicId] = {
      ...source.frontMatter,
      stageId,
      bodyMarkdown: source.body,
      bodyHtml: renderMarkdown(source.body),
      contentHash,
      position: positions.get(topicId) ?? { x: 0, y: 0 },
    };
  }
  const pages: ContentPage[] = content.pages.map((page) => ({
    ...page.frontMatter,
    bodyMarkdown: page.body,
    bodyHtml: renderMarkdown(page.body),
    contentHash: hashPage(page.frontMatter, page.body),
  }));
  const totals = new Map(computeStageTotals(content, index).map((total) => [total.stageId, total]));
  const roadmap = content.roadmap;
  return {
    id: roadmap.id,
    title: roadmap.title,
    summary: roadmap.summary,
    contentHash: hashRoadmap(
      roadmap,
      topicHashes,
      Object.fromEntries(pages.map((page) => [page.id, page.contentHash])),
    ),
    stages: roadmap.stages.map((stage) => ({
      id: stage.id,
      title: stage.title,
      summary: stage.summary,
      topicIds: stage.topics,
      hours: {
        required: totals.get(stage.id)?.requiredHours ?? 0,
        optional: totals.get(stage.id)?.optionalHours ?? 0,
      },
    })),
    choices: roadmap.choices.map((choice) => ({
      ...choice,
      stageId: stageIdOfChoice(index, choice.id) ?? '',
      topicIds: index.alternativesByChoice.get(choice.id) ?? [],
    })),
    topics,
    pages,
    moved: roadmap.moved,
    layout,
  };
}
