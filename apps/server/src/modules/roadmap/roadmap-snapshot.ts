import { createHash } from 'node:crypto';
import { NODE_HEIGHT_PX, NODE_WIDTH_PX } from '@groundwork/content';
import {
  CHOICE_REF_PREFIX,
  type LinkedProjectStage,
  type PageDetail,
  type PageSummary,
  type PrerequisiteRef,
  type RoadmapTopicSummary,
  type RoadmapView,
  type TopicDetail,
  type TopicKind,
  type TopicLink,
} from '@groundwork/contracts';
import type { SyncedRoadmapRows, TopicRow } from './content.repository';

/** What progress maths needs to know about a live topic. */
export type ModelTopic = {
  id: string;
  title: string;
  stageId: string;
  kind: TopicKind;
  choiceId: string | null;
  hours: number;
  prerequisites: readonly PrerequisiteRef[];
};

/** The roadmap as rules see it: live topics in reading order, stages, choices. */
export type RoadmapModel = {
  roadmapId: string;
  contentHash: string;
  stages: readonly { id: string; title: string; topicIds: readonly string[] }[];
  /** Live topics; iteration order is reading order. */
  topics: ReadonlyMap<string, ModelTopic>;
  choices: ReadonlyMap<string, { id: string; title: string; stageId: string; topicIds: readonly string[] }>;
  /** Every topic the database knows, archived ones included: progress entries need their titles. */
  titles: ReadonlyMap<string, string>;
  archivedIds: ReadonlySet<string>;
  /** An old id -> the live topic it now is, following renames across content versions. */
  movedTo: ReadonlyMap<string, string>;
};

/** One synced roadmap, ready to serve from memory: rebuilt whenever a sync happens. */
export type RoadmapSnapshot = {
  contentHash: string;
  layoutHash: string;
  /** `GET /api/roadmap`, serialised once so that both the 200 and the 304 cost next to nothing. */
  body: Buffer;
  /** Strong: a digest of exactly these bytes, so every API process gives the same tag for the same body. */
  etag: string;
  model: RoadmapModel;
  topicDetails: ReadonlyMap<string, TopicDetail>;
  pages: readonly PageSummary[];
  pageDetails: ReadonlyMap<string, PageDetail>;
};

// a rename chain is one hop per content version; anything longer than this is a loop
const MAX_RENAME_HOPS = 20;

/**
 * Builds the served views from the synced rows.
 * @example const snapshot = buildRoadmapSnapshot(await readSyncedRoadmap(db), projectStagesByTopic);
 */
export function buildRoadmapSnapshot(
  rows: SyncedRoadmapRows,
  projectStagesByTopic: ReadonlyMap<string, readonly LinkedProjectStage[]> = new Map(),
): RoadmapSnapshot {
  const live = rows.topics.filter((topic) => topic.archivedAt === null);
  const prerequisitesOf = groupPrerequisites(rows);
  const model = buildModel(rows, live, prerequisitesOf);
  const view: RoadmapView = {
    id: rows.roadmap.id,
    title: rows.roadmap.title,
    summary: rows.roadmap.summary,
    contentHash: rows.roadmap.contentHash,
    stages: rows.stages.map((stage) => ({
      id: stage.id,
      title: stage.title,
      summary: stage.summary,
      topicIds: live.filter((topic) => topic.stageId === stage.id).map((topic) => topic.id),
      hours: { required: stage.requiredHours, optional: stage.optionalHours },
    })),
    choices: rows.choices.map((choice) => ({
      id: choice.id,
      title: choice.title,
      summary: choice.summary,
      stageId: choice.stageId,
      topicIds: [...(model.choices.get(choice.id)?.topicIds ?? [])],
    })),
    topics: live.map((topic) => toTopicSummary(topic, prerequisitesOf.get(topic.id) ?? [])),
    layout: rows.roadmap.layout,
  };
  const body = Buffer.from(JSON.stringify(view));
  return {
    contentHash: rows.roadmap.contentHash,
    layoutHash: rows.roadmap.layoutHash,
    body,
    etag: `"${createHash('sha256').update(body).digest('base64url')}"`,
    model,
    topicDetails: buildTopicDetails(live, model, prerequisitesOf, projectStagesByTopic),
    pages: rows.pages.map((page) => ({ id: page.id, title: page.title, summary: page.summary })),
    pageDetails: new Map(
      rows.pages.map((page) => [
        page.id,
        {
          id: page.id,
          title: page.title,
          summary: page.summary,
          bodyHtml: page.bodyHtml,
          contentHash: page.contentHash,
        },
      ]),
    ),
  };
}

function groupPrerequisites(rows: SyncedRoadmapRows): Map<string, PrerequisiteRef[]> {
  const grouped = new Map<string, PrerequisiteRef[]>();
  for (const edge of rows.edges) {
    const ref =
      edge.prerequisiteKind === 'choice' ? `${CHOICE_REF_PREFIX}${edge.prerequisiteId}` : edge.prerequisiteId;
    const list = grouped.get(edge.topicId) ?? [];
    list.push(ref);
    grouped.set(edge.topicId, list);
  }
  return grouped;
}

function buildModel(
  rows: SyncedRoadmapRows,
  live: readonly TopicRow[],
  prerequisitesOf: ReadonlyMap<string, PrerequisiteRef[]>,
): RoadmapModel {
  const topics = new Map<string, ModelTopic>(
    live.map((topic) => [
      topic.id,
      {
        id: topic.id,
        title: topic.title,
        stageId: topic.stageId,
        kind: topic.kind,
        choiceId: topic.choiceId,
        hours: topic.hours,
        prerequisites: prerequisitesOf.get(topic.id) ?? [],
      },
    ]),
  );
  const choices = new Map(
    rows.choices.map((choice) => [
      choice.id,
      {
        id: choice.id,
        title: choice.title,
        stageId: choice.stageId,
        topicIds: live.filter((topic) => topic.choiceId === choice.id).map((topic) => topic.id),
      },
    ]),
  );
  return {
    roadmapId: rows.roadmap.id,
    contentHash: rows.roadmap.contentHash,
    stages: rows.stages.map((stage) => ({
      id: stage.id,
      title: stage.title,
      topicIds: live.filter((topic) => topic.stageId === stage.id).map((topic) => topic.id),
    })),
    topics,
    choices,
    titles: new Map(rows.topics.map((topic) => [topic.id, topic.title])),
    archivedIds: new Set(rows.topics.filter((topic) => topic.archivedAt !== null).map((topic) => topic.id)),
    movedTo: resolveRenames(rows, topics),
  };
}

/** Old id -> live id, from the content's moved map and from renames recorded by earlier syncs. */
function resolveRenames(rows: SyncedRoadmapRows, live: ReadonlyMap<string, ModelTopic>): Map<string, string> {
  const step = new Map(Object.entries(rows.roadmap.moved));
  for (const topic of rows.topics) {
    if (topic.movedTo !== null && !step.has(topic.id)) step.set(topic.id, topic.movedTo);
  }
  const resolved = new Map<string, string>();
  for (const from of step.keys()) {
    if (live.has(from)) continue;
    let current = from;
    for (let hop = 0; hop < MAX_RENAME_HOPS && !live.has(current); hop++) {
      const next = step.get(current);
      if (next === undefined) break;
      current = next;
    }
    if (live.has(current)) resolved.set(from, current);
  }
  return resolved;
}

function toTopicSummary(topic: TopicRow, prerequisites: readonly PrerequisiteRef[]): RoadmapTopicSummary {
  return {
    id: topic.id,
    title: topic.title,
    kind: topic.kind,
    choiceId: topic.choiceId,
    stageId: topic.stageId,
    hours: topic.hours,
    summary: topic.summary,
    prerequisites: [...prerequisites],
    node: { x: topic.layoutX, y: topic.layoutY, width: NODE_WIDTH_PX, height: NODE_HEIGHT_PX },
  };
}

function buildTopicDetails(
  live: readonly TopicRow[],
  model: RoadmapModel,
  prerequisitesOf: ReadonlyMap<string, PrerequisiteRef[]>,
  projectStagesByTopic: ReadonlyMap<string, readonly LinkedProjectStage[]>,
): Map<string, TopicDetail> {
  const dependentsOf = new Map<string, TopicLink[]>();
  for (const topic of live) {
    for (const ref of prerequisitesOf.get(topic.id) ?? []) {
      const list = dependentsOf.get(ref) ?? [];
      list.push({ id: topic.id, title: topic.title });
      dependentsOf.set(ref, list);
    }
  }
  return new Map(
    live.map((topic) => {
      const viaChoice =
        topic.choiceId === null ? [] : (dependentsOf.get(`${CHOICE_REF_PREFIX}${topic.choiceId}`) ?? []);
      const detail: TopicDetail = {
        id: topic.id,
        title: topic.title,
        kind: topic.kind,
        choiceId: topic.choiceId,
        stageId: topic.stageId,
        hours: topic.hours,
        summary: topic.summary,
        bodyHtml: topic.bodyHtml,
        subtopics: topic.subtopics,
        resources: topic.resources,
        prerequisites: (prerequisitesOf.get(topic.id) ?? []).map((ref) => {
          const isChoice = ref.startsWith(CHOICE_REF_PREFIX);
          const id = isChoice ? ref.slice(CHOICE_REF_PREFIX.length) : ref;
          const title = isChoice ? model.choices.get(id)?.title : model.titles.get(id);
          return { ref, kind: isChoice ? ('choice' as const) : ('topic' as const), id, title: title ?? id };
        }),
        dependents: uniqueById([...(dependentsOf.get(topic.id) ?? []), ...viaChoice]),
        projectStages: [...(projectStagesByTopic.get(topic.id) ?? [])],
        contentHash: topic.contentHash,
      };
      return [topic.id, detail];
    }),
  );
}

function uniqueById(links: readonly TopicLink[]): TopicLink[] {
  const seen = new Set<string>();
  return links.filter((link) => {
    if (seen.has(link.id)) return false;
    seen.add(link.id);
    return true;
  });
}
