import type { RoadmapView } from '../api/types';
import type { RoadmapOutline, TopicOutline } from './roadmap.types';

/**
 * Reshapes `GET /api/roadmap` for the graph: topics by id, and their boxes as the layout's nodes (the
 * API keeps each box on its topic, the graph draws nodes from one list).
 */
export function toRoadmapOutline(view: RoadmapView): RoadmapOutline {
  const topics: Record<string, TopicOutline> = {};
  for (const topic of view.topics) {
    const { id, title, kind, choiceId, stageId, hours, summary, prerequisites } = topic;
    topics[id] = {
      id,
      title,
      kind,
      stageId,
      hours,
      summary,
      prerequisites,
      ...(choiceId ? { choice: choiceId } : {}),
    };
  }
  const nodes = view.topics.map((topic) => ({ topicId: topic.id, stageId: topic.stageId, ...topic.node }));
  const { id, title, summary, contentHash, stages, choices, layout } = view;
  return { id, title, summary, contentHash, stages, choices, topics, layout: { ...layout, nodes } };
}
