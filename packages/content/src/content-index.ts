import { CHOICE_REF_PREFIX, type RoadmapChoiceFile, type RoadmapStageFile } from '@groundwork/contracts';
import type { Content, TopicSource } from './content.types';

/** Lookups over loaded content that the checker, totals, layout and assembly share. */
export interface ContentIndex {
  stages: RoadmapStageFile[];
  choices: RoadmapChoiceFile[];
  /** First topic file per id. */
  topicById: Map<string, TopicSource>;
  /** Stage of each placed topic (its first placement). */
  stageIdByTopic: Map<string, string>;
  stageIndexById: Map<string, number>;
  choiceById: Map<string, RoadmapChoiceFile>;
  /** The alternatives of each choice, in stage reading order (then by id for unplaced ones). */
  alternativesByChoice: Map<string, string[]>;
  /** Placed topic ids in stage reading order. */
  placedTopicIds: string[];
  /** Topics whose files failed to load: references to them are not reported again. */
  unloadedTopicIds: Set<string>;
}

/**
 * Indexes content for lookups by id.
 * @example indexContent(content).topicById.get('http')?.frontMatter.title // 'HTTP'
 */
export function indexContent(content: Content): ContentIndex {
  const stages = content.roadmap?.stages ?? [];
  const choices = content.roadmap?.choices ?? [];
  const topicById = new Map<string, TopicSource>();
  for (const topic of content.topics) {
    if (!topicById.has(topic.frontMatter.id)) topicById.set(topic.frontMatter.id, topic);
  }
  const stageIdByTopic = new Map<string, string>();
  const stageIndexById = new Map<string, number>();
  const placedTopicIds: string[] = [];
  stages.forEach((stage, index) => {
    if (!stageIndexById.has(stage.id)) stageIndexById.set(stage.id, index);
    for (const topicId of stage.topics) {
      if (stageIdByTopic.has(topicId)) continue;
      stageIdByTopic.set(topicId, stage.id);
      placedTopicIds.push(topicId);
    }
  });
  const choiceById = new Map<string, RoadmapChoiceFile>();
  for (const choice of choices) if (!choiceById.has(choice.id)) choiceById.set(choice.id, choice);

  const alternativesByChoice = new Map<string, string[]>();
  const placedOrder = new Map(placedTopicIds.map((id, index) => [id, index]));
  const byReadingOrder = (a: string, b: string) =>
    (placedOrder.get(a) ?? Number.MAX_SAFE_INTEGER) - (placedOrder.get(b) ?? Number.MAX_SAFE_INTEGER) ||
    (a < b ? -1 : a > b ? 1 : 0);
  for (const topic of topicById.values()) {
    const choiceId = topic.frontMatter.choice;
    if (topic.frontMatter.kind !== 'alternative' || choiceId === undefined) continue;
    const list = alternativesByChoice.get(choiceId) ?? [];
    list.push(topic.frontMatter.id);
    alternativesByChoice.set(choiceId, list);
  }
  for (const list of alternativesByChoice.values()) list.sort(byReadingOrder);

  return {
    stages,
    choices,
    topicById,
    stageIdByTopic,
    stageIndexById,
    choiceById,
    alternativesByChoice,
    placedTopicIds,
    unloadedTopicIds: new Set(content.unloadedTopicIds),
  };
}

/** The choice id a prerequisite names, or null when it names a topic. */
export function choiceIdOf(ref: string): string | null {
  return ref.startsWith(CHOICE_REF_PREFIX) ? ref.slice(CHOICE_REF_PREFIX.length) : null;
}

/** The stage a choice sits in: the stage of its first placed alternative. */
export function stageIdOfChoice(index: ContentIndex, choiceId: string): string | undefined {
  for (const topicId of index.alternativesByChoice.get(choiceId) ?? []) {
    const stageId = index.stageIdByTopic.get(topicId);
    if (stageId !== undefined) return stageId;
  }
  return undefined;
}
