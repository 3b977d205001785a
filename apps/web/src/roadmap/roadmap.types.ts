import type { Roadmap, Topic } from '@groundwork/contracts';

/** What the graph and its panel need of a topic; the full `Topic` from the API satisfies it. */
export type TopicOutline = Pick<
  Topic,
  'id' | 'title' | 'kind' | 'choice' | 'stageId' | 'hours' | 'summary' | 'prerequisites'
>;

/** What the roadmap page needs of the roadmap; the full `Roadmap` from the API satisfies it. */
export type RoadmapOutline = Pick<
  Roadmap,
  'id' | 'title' | 'summary' | 'contentHash' | 'stages' | 'choices' | 'layout'
> & { topics: Record<string, TopicOutline> };

export const TOPIC_STATUSES = ['todo', 'learning', 'done', 'skipped', 'verified'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];

/** A learner's status per topic id; a topic missing from the map is `todo`. */
export type TopicStatuses = Readonly<Record<string, TopicStatus>>;
