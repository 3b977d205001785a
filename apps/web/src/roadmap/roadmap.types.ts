import type { LayoutBand, LayoutEdge, LayoutGroup, LayoutNode, TopicKind } from '@groundwork/contracts';

/** What the graph and its panel need of a topic. */
export type TopicOutline = {
  id: string;
  title: string;
  kind: TopicKind;
  /** The choice an alternative belongs to. */
  choice?: string;
  stageId: string;
  hours: number;
  summary: string;
  /** Topic ids, or `choice:<id>` for "any alternative of that choice". */
  prerequisites: string[];
};

export type StageOutline = {
  id: string;
  title: string;
  summary: string;
  topicIds: string[];
  hours: { required: number; optional: number };
};

export type ChoiceOutline = {
  id: string;
  title: string;
  summary: string;
  stageId: string;
  topicIds: string[];
};

/** The build-time drawing: stage bands, choice boxes, topic boxes and the arrows' points. */
export type LayoutOutline = {
  width: number;
  height: number;
  bands: LayoutBand[];
  groups: LayoutGroup[];
  nodes: LayoutNode[];
  edges: LayoutEdge[];
};

/** What the roadmap page needs of the roadmap (see `toRoadmapOutline` for where it comes from). */
export type RoadmapOutline = {
  id: string;
  title: string;
  summary: string;
  contentHash: string;
  stages: StageOutline[];
  choices: ChoiceOutline[];
  topics: Record<string, TopicOutline>;
  layout: LayoutOutline;
};

export const TOPIC_STATUSES = ['todo', 'learning', 'done', 'skipped', 'verified'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];

/** A learner's status per topic id; a topic missing from the map is `todo`. */
export type TopicStatuses = Readonly<Record<string, TopicStatus>>;
