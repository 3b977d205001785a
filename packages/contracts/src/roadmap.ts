import { z } from 'zod';
import {
  ContentHash,
  ContentSlug,
  LayoutBand,
  LayoutEdge,
  LayoutGroup,
  PrerequisiteRef,
  StageHours,
  TopicKind,
  TopicResource,
} from './content';

// The roadmap as the API serves it: what the web app draws and the CLI summarises. Built from the
// synced content (see content.ts for the files it comes from).

/** A topic's box on the drawing: pixels, top-left corner, y growing downwards (as @xyflow/react). */
export const TopicNode = z
  .object({ x: z.number().int(), y: z.number().int(), width: z.number().int(), height: z.number().int() })
  .meta({ id: 'TopicNode' });
export type TopicNode = z.infer<typeof TopicNode>;

/** What the roadmap drawing needs to know about one topic. */
export const RoadmapTopicSummary = z
  .object({
    id: ContentSlug,
    title: z.string(),
    kind: TopicKind,
    /** The choice this alternative belongs to; null for core and optional topics. */
    choiceId: ContentSlug.nullable(),
    stageId: ContentSlug,
    hours: z.number().int().describe('Estimated study time in hours.'),
    summary: z.string(),
    prerequisites: z.array(PrerequisiteRef),
    node: TopicNode,
  })
  .meta({ id: 'RoadmapTopicSummary' });
export type RoadmapTopicSummary = z.infer<typeof RoadmapTopicSummary>;

export const RoadmapStageView = z
  .object({
    id: ContentSlug,
    title: z.string(),
    summary: z.string(),
    /** In reading order. */
    topicIds: z.array(ContentSlug),
    hours: StageHours,
  })
  .meta({ id: 'RoadmapStageView' });
export type RoadmapStageView = z.infer<typeof RoadmapStageView>;

export const RoadmapChoiceView = z
  .object({
    id: ContentSlug,
    title: z.string(),
    summary: z.string(),
    stageId: ContentSlug,
    /** Its alternatives in reading order; a learner picks one. */
    topicIds: z.array(ContentSlug),
  })
  .meta({ id: 'RoadmapChoiceView' });
export type RoadmapChoiceView = z.infer<typeof RoadmapChoiceView>;

/** The drawing around the topic boxes: stage bands, choice groups and prerequisite arrows. */
export const RoadmapDrawing = z
  .object({
    width: z.number().int(),
    height: z.number().int(),
    bands: z.array(LayoutBand),
    groups: z.array(LayoutGroup),
    edges: z.array(LayoutEdge),
  })
  .meta({ id: 'RoadmapDrawing' });
export type RoadmapDrawing = z.infer<typeof RoadmapDrawing>;

/** `GET /api/roadmap`: the whole graph. Revalidate with `If-None-Match`; it changes only with the content. */
export const RoadmapView = z
  .object({
    id: ContentSlug,
    title: z.string(),
    summary: z.string(),
    contentHash: ContentHash,
    stages: z.array(RoadmapStageView),
    choices: z.array(RoadmapChoiceView),
    /** Every live topic, in reading order (stage by stage). */
    topics: z.array(RoadmapTopicSummary),
    layout: RoadmapDrawing,
  })
  .meta({ id: 'RoadmapView' });
export type RoadmapView = z.infer<typeof RoadmapView>;

/** A prerequisite of a topic: another topic, or a choice that any one of its alternatives satisfies. */
export const TopicPrerequisite = z
  .object({
    ref: PrerequisiteRef,
    kind: z.enum(['topic', 'choice']),
    id: ContentSlug,
    title: z.string(),
  })
  .meta({ id: 'TopicPrerequisite' });
export type TopicPrerequisite = z.infer<typeof TopicPrerequisite>;

export const TopicLink = z.object({ id: ContentSlug, title: z.string() }).meta({ id: 'TopicLink' });
export type TopicLink = z.infer<typeof TopicLink>;

/** A project stage whose checks exercise a topic: passing it verifies the topic. */
export const LinkedProjectStage = z
  .object({ projectSlug: ContentSlug, projectTitle: z.string(), stageId: z.string() })
  .meta({ id: 'LinkedProjectStage' });
export type LinkedProjectStage = z.infer<typeof LinkedProjectStage>;

/** `GET /api/roadmap/topics/{topicId}`: everything about one topic. */
export const TopicDetail = z
  .object({
    id: ContentSlug,
    title: z.string(),
    kind: TopicKind,
    choiceId: ContentSlug.nullable(),
    stageId: ContentSlug,
    hours: z.number().int().describe('Estimated study time in hours.'),
    summary: z.string(),
    /** The explanation, rendered from Markdown; raw HTML in the source is escaped, so it is safe to insert. */
    bodyHtml: z.string(),
    subtopics: z.array(z.string()),
    resources: z.array(TopicResource),
    prerequisites: z.array(TopicPrerequisite),
    /** Topics that need this one, directly or through its choice. */
    dependents: z.array(TopicLink),
    projectStages: z.array(LinkedProjectStage),
    contentHash: ContentHash,
  })
  .meta({ id: 'TopicDetail' });
export type TopicDetail = z.infer<typeof TopicDetail>;

export const PageSummary = z
  .object({ id: ContentSlug, title: z.string(), summary: z.string() })
  .meta({ id: 'PageSummary' });
export type PageSummary = z.infer<typeof PageSummary>;

/** A page of the roadmap (FAQ, common mistakes, job titles, project ideas). */
export const PageDetail = z
  .object({
    id: ContentSlug,
    title: z.string(),
    summary: z.string(),
    bodyHtml: z.string(),
    contentHash: ContentHash,
  })
  .meta({ id: 'PageDetail' });
export type PageDetail = z.infer<typeof PageDetail>;
