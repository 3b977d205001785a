import { createHash } from 'node:crypto';
import { canonicalJson } from '@groundwork/content';
import { CHOICE_REF_PREFIX, type Roadmap, type RoadmapLayout } from '@groundwork/contracts';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database';
import {
  archiveTopicProgress,
  moveTopicProgress,
  restoreTopicProgress,
} from '../progress/progress-maintenance.repository';
import {
  archiveTopics,
  findRoadmapHashes,
  insertContentVersion,
  listTopicStates,
  markTopicMoved,
  type NewTopicRow,
  replaceEdges,
  replaceStructure,
  type TopicState,
  upsertRoadmap,
  upsertTopics,
} from './content.repository';

// any constant works; it only has to be the same in every Groundwork process
const CONTENT_SYNC_LOCK_KEY = 7_424_010;

export type SyncResult = {
  isChanged: boolean;
  roadmapId: string;
  contentHash: string;
  layoutHash: string;
  /** New topics, and topics back in the content after being removed. */
  added: number;
  /** Topics whose content changed. */
  updated: number;
  /** Topics removed from the content (their progress is archived, not deleted). */
  archived: number;
  /** Topics renamed through the moved map (their progress follows). */
  moved: number;
};

/** The drawing can change while the content does not (a new layout engine), so it has a hash of its own. */
export function hashLayout(layout: RoadmapLayout): string {
  return createHash('sha256').update(canonicalJson(layout)).digest('hex');
}

/**
 * Writes checked content into the database, idempotently: with the same content and layout hashes it
 * writes nothing. Otherwise, in one transaction under an advisory lock (API processes may start
 * together): topics are updated in place, renamed ones (the moved map) carry their learners' progress to
 * the new id, removed ones are archived with their progress, and a content version is recorded.
 * @example const result = await syncContent(database.db, await loadCheckedRoadmap(config.contentDir));
 */
export async function syncContent(db: Db, roadmap: Roadmap): Promise<SyncResult> {
  const layoutHash = hashLayout(roadmap.layout);
  const unchanged: SyncResult = {
    isChanged: false,
    roadmapId: roadmap.id,
    contentHash: roadmap.contentHash,
    layoutHash,
    added: 0,
    updated: 0,
    archived: 0,
    moved: 0,
  };
  // a cheap look before taking the lock: every start after the first finds nothing to do
  if (isSame(await findRoadmapHashes(db, roadmap.id), roadmap.contentHash, layoutHash)) return unchanged;

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CONTENT_SYNC_LOCK_KEY})`);
    // another process may have synced this very content while we waited for the lock
    if (isSame(await findRoadmapHashes(tx, roadmap.id), roadmap.contentHash, layoutHash)) return unchanged;
    const existing = new Map((await listTopicStates(tx, roadmap.id)).map((state) => [state.id, state]));
    await writeRoadmap(tx, roadmap, layoutHash);
    const counts = await writeTopics(tx, roadmap, existing);
    await insertContentVersion(tx, {
      roadmapId: roadmap.id,
      contentHash: roadmap.contentHash,
      layoutHash,
      topicsAdded: counts.added,
      topicsUpdated: counts.updated,
      topicsArchived: counts.archived,
      topicsMoved: counts.moved,
    });
    return { ...unchanged, isChanged: true, ...counts };
  });
}

function isSame(
  stored: { contentHash: string; layoutHash: string } | undefined,
  contentHash: string,
  layoutHash: string,
): boolean {
  return stored?.contentHash === contentHash && stored.layoutHash === layoutHash;
}

async function writeRoadmap(tx: Tx, roadmap: Roadmap, layoutHash: string): Promise<void> {
  const { nodes: _nodes, version: _version, inputHash: _inputHash, ...drawing } = roadmap.layout;
  await upsertRoadmap(tx, {
    id: roadmap.id,
    title: roadmap.title,
    summary: roadmap.summary,
    contentHash: roadmap.contentHash,
    layoutHash,
    layout: drawing,
    moved: roadmap.moved,
  });
  await replaceStructure(tx, roadmap.id, {
    stages: roadmap.stages.map((stage, position) => ({
      roadmapId: roadmap.id,
      id: stage.id,
      position,
      title: stage.title,
      summary: stage.summary,
      requiredHours: stage.hours.required,
      optionalHours: stage.hours.optional,
    })),
    choices: roadmap.choices.map((choice, position) => ({
      roadmapId: roadmap.id,
      id: choice.id,
      position,
      stageId: choice.stageId,
      title: choice.title,
      summary: choice.summary,
    })),
    pages: roadmap.pages.map((page, position) => ({
      roadmapId: roadmap.id,
      id: page.id,
      position,
      title: page.title,
      summary: page.summary,
      bodyHtml: page.bodyHtml,
      contentHash: page.contentHash,
    })),
  });
}

async function writeTopics(
  tx: Tx,
  roadmap: Roadmap,
  existing: ReadonlyMap<string, TopicState>,
): Promise<Pick<SyncResult, 'added' | 'updated' | 'archived' | 'moved'>> {
  const rows = toTopicRows(roadmap);
  const contentIds = new Set(rows.map((row) => row.id));
  const restored = rows.filter((row) => existing.get(row.id)?.archivedAt).map((row) => row.id);
  const added = rows.filter((row) => !existing.has(row.id)).length + restored.length;
  const updated = rows.filter((row) => {
    const before = existing.get(row.id);
    return before !== undefined && before.archivedAt === null && before.contentHash !== row.contentHash;
  }).length;
  await upsertTopics(tx, rows);
  await restoreTopicProgress(tx, restored);

  let moved = 0;
  for (const [from, to] of Object.entries(roadmap.moved)) {
    const before = existing.get(from);
    // nothing to carry for an id this database never had, or a move already made
    if (before === undefined || before.movedTo === to || contentIds.has(from)) continue;
    await moveTopicProgress(tx, from, to);
    await markTopicMoved(tx, from, to);
    moved += 1;
  }

  const removed = [...existing.values()]
    .filter((state) => state.archivedAt === null && !contentIds.has(state.id))
    .filter((state) => roadmap.moved[state.id] === undefined)
    .map((state) => state.id);
  await archiveTopicProgress(tx, removed);
  await archiveTopics(tx, removed);

  await replaceEdges(
    tx,
    roadmap.id,
    rows.flatMap((row) =>
      (roadmap.topics[row.id]?.prerequisites ?? []).map((ref, position) => ({
        topicId: row.id,
        prerequisiteKind: ref.startsWith(CHOICE_REF_PREFIX) ? ('choice' as const) : ('topic' as const),
        prerequisiteId: ref.startsWith(CHOICE_REF_PREFIX) ? ref.slice(CHOICE_REF_PREFIX.length) : ref,
        position,
      })),
    ),
  );
  return { added, updated, archived: removed.length, moved };
}

/** The content's topics as rows, in reading order: stage by stage, each stage's order. */
function toTopicRows(roadmap: Roadmap): NewTopicRow[] {
  const rows: NewTopicRow[] = [];
  for (const stage of roadmap.stages) {
    for (const topicId of stage.topicIds) {
      const topic = roadmap.topics[topicId];
      if (!topic) continue;
      rows.push({
        id: topic.id,
        roadmapId: roadmap.id,
        stageId: stage.id,
        position: rows.length,
        kind: topic.kind,
        choiceId: topic.choice ?? null,
        title: topic.title,
        hours: topic.hours,
        summary: topic.summary,
        bodyMarkdown: topic.bodyMarkdown,
        bodyHtml: topic.bodyHtml,
        subtopics: topic.subtopics,
        resources: topic.resources,
        contentHash: topic.contentHash,
        layoutX: topic.position.x,
        layoutY: topic.position.y,
      });
    }
  }
  return rows;
}
