import { z } from 'zod';

// The roadmap content: the shapes of the files under content/ (front matter, roadmap.yaml) and the
// assembled roadmap the server serves and the web app draws.

/** Prefix of a prerequisite that any one alternative of a choice satisfies: `choice:backend-language`. */
export const CHOICE_REF_PREFIX = 'choice:';

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PREREQUISITE_PATTERN = /^(?:choice:)?[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A stable id: lower-case words joined by hyphens, e.g. `rest-apis`. Topic, stage, choice and page ids. */
export const ContentSlug = z.string().regex(SLUG_PATTERN, 'must be a lower-case slug such as "rest-apis"');
export type ContentSlug = z.infer<typeof ContentSlug>;

/** A topic id or `choice:<choiceId>` (met by finishing any one alternative of that choice). */
export const PrerequisiteRef = z
  .string()
  .regex(
    PREREQUISITE_PATTERN,
    'must be a topic id such as "http" or a choice such as "choice:backend-language"',
  );
export type PrerequisiteRef = z.infer<typeof PrerequisiteRef>;

export const TopicKind = z.enum(['core', 'alternative', 'optional']);
export type TopicKind = z.infer<typeof TopicKind>;

export const ResourceType = z.enum(['docs', 'article', 'video', 'course', 'book', 'tool']);
export type ResourceType = z.infer<typeof ResourceType>;

export const ResourceCost = z.enum(['free', 'paid']);
export type ResourceCost = z.infer<typeof ResourceCost>;

/**
 * Why `url` is not a well-formed https URL, or null when it is.
 * @example describeHttpsUrlProblem('http://example.com') // 'must use https'
 */
export function describeHttpsUrlProblem(url: string): string | null {
  if (/\s/.test(url)) return 'must not contain spaces';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a well-formed URL';
  }
  if (parsed.protocol !== 'https:') return 'must use https';
  if (!parsed.hostname.includes('.') || parsed.hostname.endsWith('.'))
    return 'must name a public host such as example.com';
  if (parsed.username !== '' || parsed.password !== '') return 'must not carry a user name or password';
  return null;
}

/** An absolute https URL on a public-looking host, without spaces or credentials. */
export const HttpsUrl = z.string().check((ctx) => {
  const problem = describeHttpsUrlProblem(ctx.value);
  if (problem !== null) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
});
export type HttpsUrl = z.infer<typeof HttpsUrl>;

const Title = z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters');
/** One plain sentence, 20–160 characters. */
export const ContentSummary = z
  .string()
  .trim()
  .min(20, 'must be at least 20 characters')
  .max(160, 'must be at most 160 characters');

export const TopicResource = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(160, 'must be at most 160 characters'),
  url: HttpsUrl,
  type: ResourceType,
  cost: ResourceCost,
});
export type TopicResource = z.infer<typeof TopicResource>;

const topicFields = {
  id: ContentSlug,
  title: Title,
  kind: TopicKind,
  /** The choice this alternative belongs to; present exactly when kind is `alternative`. */
  choice: ContentSlug.optional(),
  prerequisites: z.array(PrerequisiteRef),
  /** Study time in whole hours. */
  hours: z.number().int('must be a whole number of hours').min(1, 'must be at least 1'),
  summary: ContentSummary,
  subtopics: z
    .array(z.string().trim().min(1, 'must not be empty'))
    .min(2, 'list 2 to 10 subtopics')
    .max(10, 'list 2 to 10 subtopics'),
  resources: z.array(TopicResource).min(2, 'list 2 to 5 resources').max(5, 'list 2 to 5 resources'),
};

type TopicFieldsForRules = { kind: TopicKind; choice?: string | undefined; prerequisites: string[] };

function checkTopicRules(topic: TopicFieldsForRules, ctx: z.RefinementCtx): void {
  if (topic.kind === 'alternative' && topic.choice === undefined) {
    ctx.addIssue({ code: 'custom', path: ['choice'], message: 'an alternative must name its choice' });
  }
  if (topic.kind !== 'alternative' && topic.choice !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['choice'], message: 'only an alternative names a choice' });
  }
  topic.prerequisites.forEach((ref, index) => {
    if (topic.prerequisites.indexOf(ref) !== index) {
      ctx.addIssue({ code: 'custom', path: ['prerequisites', index], message: `"${ref}" is listed twice` });
    }
  });
}

// run the cross-field rules even when other fields have problems, so authors see everything at once
function hasRuleFields(payload: z.core.ParsePayload): boolean {
  const value = payload.value as Partial<Record<keyof TopicFieldsForRules, unknown>> | null;
  return (
    typeof value === 'object' &&
    value !== null &&
    TopicKind.safeParse(value.kind).success &&
    (value.choice === undefined || typeof value.choice === 'string') &&
    Array.isArray(value.prerequisites)
  );
}

/** The YAML front matter of `content/topics/<id>.md`; the Markdown body below it is the explanation. */
export const TopicFrontMatter = z
  .strictObject(topicFields)
  .superRefine(checkTopicRules, { when: hasRuleFields });
export type TopicFrontMatter = z.infer<typeof TopicFrontMatter>;

/** The YAML front matter of `content/pages/<id>.md` (FAQ, project ideas, ...). */
export const PageFrontMatter = z.strictObject({ id: ContentSlug, title: Title, summary: ContentSummary });
export type PageFrontMatter = z.infer<typeof PageFrontMatter>;

/** A stage in roadmap.yaml: its topics in reading order. */
export const RoadmapStageFile = z.strictObject({
  id: ContentSlug,
  title: Title,
  summary: ContentSummary,
  topics: z.array(ContentSlug).min(1, 'a stage lists at least one topic'),
});
export type RoadmapStageFile = z.infer<typeof RoadmapStageFile>;

/** A choice in roadmap.yaml: learners pick one of its alternatives (topics whose `choice` names it). */
export const RoadmapChoiceFile = z.strictObject({ id: ContentSlug, title: Title, summary: ContentSummary });
export type RoadmapChoiceFile = z.infer<typeof RoadmapChoiceFile>;

/** `content/roadmap.yaml`. `moved` maps a renamed topic's old id to its new id so progress follows it. */
export const RoadmapFile = z.strictObject({
  id: ContentSlug,
  title: Title,
  summary: ContentSummary,
  stages: z.array(RoadmapStageFile).min(1, 'the roadmap has at least one stage'),
  choices: z.array(RoadmapChoiceFile),
  moved: z.record(ContentSlug, ContentSlug).default({}),
});
export type RoadmapFile = z.infer<typeof RoadmapFile>;

/** A problem in the content, located by file (relative to content/) and field, e.g. `resources[1].url`. */
export const ContentIssue = z
  .strictObject({ file: z.string(), field: z.string().optional(), message: z.string() })
  .meta({ id: 'ContentIssue' });
export type ContentIssue = z.infer<typeof ContentIssue>;

// ---- Layout (generated at build time into content/build/layout.json) ----

const Coordinate = z.number().int();
const Size = z.number().int().nonnegative();
export const LayoutPoint = z.strictObject({ x: z.number(), y: z.number() });
export type LayoutPoint = z.infer<typeof LayoutPoint>;

/** A topic's box. Coordinates are pixels, top-left corner, y growing downwards (as @xyflow/react). */
export const LayoutNode = z.strictObject({
  topicId: ContentSlug,
  stageId: ContentSlug,
  choiceId: ContentSlug.optional(),
  x: Coordinate,
  y: Coordinate,
  width: Size,
  height: Size,
});
export type LayoutNode = z.infer<typeof LayoutNode>;

/** The horizontal band behind a stage's topics; `labelHeight` is the strip at its top for the title. */
export const LayoutBand = z.strictObject({
  stageId: ContentSlug,
  x: Coordinate,
  y: Coordinate,
  width: Size,
  height: Size,
  labelHeight: Size,
});
export type LayoutBand = z.infer<typeof LayoutBand>;

/** The box around a choice's alternatives; `labelHeight` is the strip at its top for the choice title. */
export const LayoutGroup = z.strictObject({
  choiceId: ContentSlug,
  stageId: ContentSlug,
  topicIds: z.array(ContentSlug),
  x: Coordinate,
  y: Coordinate,
  width: Size,
  height: Size,
  labelHeight: Size,
});
export type LayoutGroup = z.infer<typeof LayoutGroup>;

/**
 * A drawn prerequisite arrow. `source`/`target` is a topic id or `choice:<id>` (the group box): an edge
 * from a choice stands for "any one alternative", an edge into a choice for "every alternative needs it".
 * `points` run from source to target through the bends the layout routed around other boxes.
 */
export const LayoutEdge = z.strictObject({
  id: z.string(),
  source: PrerequisiteRef,
  target: PrerequisiteRef,
  isCrossStage: z.boolean(),
  points: z.array(LayoutPoint).min(2),
});
export type LayoutEdge = z.infer<typeof LayoutEdge>;

/** The whole drawing: what content/build/layout.json holds. */
export const RoadmapLayout = z
  .strictObject({
    version: z.literal(1),
    /** sha256 of the content the layout was computed from (stages, topics, kinds, choices, prerequisites). */
    inputHash: z.string().regex(/^[0-9a-f]{64}$/),
    width: Size,
    height: Size,
    bands: z.array(LayoutBand),
    groups: z.array(LayoutGroup),
    nodes: z.array(LayoutNode),
    edges: z.array(LayoutEdge),
  })
  .meta({ id: 'RoadmapLayout' });
export type RoadmapLayout = z.infer<typeof RoadmapLayout>;

// ---- The assembled roadmap (what the server loads at start and serves) ----

export const ContentHash = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 hex digest');
export type ContentHash = z.infer<typeof ContentHash>;

/** Study hours: `required` = core topics + the longest alternative of each choice; optional apart. */
export const StageHours = z.strictObject({ required: z.number().int(), optional: z.number().int() });
export type StageHours = z.infer<typeof StageHours>;

export const Topic = z
  .strictObject({
    ...topicFields,
    stageId: ContentSlug,
    bodyMarkdown: z.string(),
    /** Safe to insert: raw HTML in the Markdown is escaped, `topic:` links point at /roadmap/<id>. */
    bodyHtml: z.string(),
    contentHash: ContentHash,
    position: LayoutPoint,
  })
  .meta({ id: 'Topic' });
export type Topic = z.infer<typeof Topic>;

export const RoadmapStage = z
  .strictObject({
    id: ContentSlug,
    title: Title,
    summary: ContentSummary,
    topicIds: z.array(ContentSlug),
    hours: StageHours,
  })
  .meta({ id: 'RoadmapStage' });
export type RoadmapStage = z.infer<typeof RoadmapStage>;

export const RoadmapChoice = z
  .strictObject({
    id: ContentSlug,
    title: Title,
    summary: ContentSummary,
    stageId: ContentSlug,
    /** Its alternatives in stage order. */
    topicIds: z.array(ContentSlug),
  })
  .meta({ id: 'RoadmapChoice' });
export type RoadmapChoice = z.infer<typeof RoadmapChoice>;

export const ContentPage = z
  .strictObject({
    id: ContentSlug,
    title: Title,
    summary: ContentSummary,
    bodyMarkdown: z.string(),
    bodyHtml: z.string(),
    contentHash: ContentHash,
  })
  .meta({ id: 'ContentPage' });
export type ContentPage = z.infer<typeof ContentPage>;

export const Roadmap = z
  .strictObject({
    id: ContentSlug,
    title: Title,
    summary: ContentSummary,
    /** Changes whenever any topic, page, stage, choice or the moved map changes. */
    contentHash: ContentHash,
    stages: z.array(RoadmapStage),
    choices: z.array(RoadmapChoice),
    /** Keyed by topic id, in stage order. */
    topics: z.record(ContentSlug, Topic),
    pages: z.array(ContentPage),
    moved: z.record(ContentSlug, ContentSlug),
    layout: RoadmapLayout,
  })
  .meta({ id: 'Roadmap' });
export type Roadmap = z.infer<typeof Roadmap>;
