import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/database';
import {
  contentVersions,
  roadmapChoices,
  roadmapPages,
  roadmapStages,
  roadmaps,
  topicEdges,
  topics,
} from '../../db/schema';

export type RoadmapRow = typeof roadmaps.$inferSelect;
export type StageRow = typeof roadmapStages.$inferSelect;
export type ChoiceRow = typeof roadmapChoices.$inferSelect;
export type TopicRow = typeof topics.$inferSelect;
export type NewTopicRow = typeof topics.$inferInsert;
export type EdgeRow = typeof topicEdges.$inferSelect;
export type PageRow = typeof roadmapPages.$inferSelect;
export type ContentVersionRow = typeof contentVersions.$inferSelect;

/** Everything the roadmap store needs, read at one point in time. */
export type SyncedRoadmapRows = {
  roadmap: RoadmapRow;
  stages: StageRow[];
  choices: ChoiceRow[];
  /** Live and archived topics, in reading order (archived ones keep their last position). */
  topics: TopicRow[];
  edges: EdgeRow[];
  pages: PageRow[];
};

export async function findRoadmapHashes(
  db: Queryable,
  roadmapId: string,
): Promise<{ contentHash: string; layoutHash: string } | undefined> {
  const [row] = await db
    .select({ contentHash: roadmaps.contentHash, layoutHash: roadmaps.layoutHash })
    .from(roadmaps)
    .where(eq(roadmaps.id, roadmapId));
  return row;
}

export async function upsertRoadmap(db: Queryable, row: typeof roadmaps.$inferInsert): Promise<void> {
  const { id: _id, ...changes } = row;
  await db
    .insert(roadmaps)
    .values(row)
    .onConflictDoUpdate({ target: roadmaps.id, set: { ...changes, syncedAt: sql`now()` } });
}

/** Stages, choices and pages hold no user data: each sync replaces them whole. */
export async function replaceStructure(
  db: Queryable,
  roadmapId: string,
  rows: {
    stages: (typeof roadmapStages.$inferInsert)[];
    choices: (typeof roadmapChoices.$inferInsert)[];
    pages: (typeof roadmapPages.$inferInsert)[];
  },
): Promise<void> {
  await db.delete(roadmapStages).where(eq(roadmapStages.roadmapId, roadmapId));
  await db.delete(roadmapChoices).where(eq(roadmapChoices.roadmapId, roadmapId));
  await db.delete(roadmapPages).where(eq(roadmapPages.roadmapId, roadmapId));
  if (rows.stages.length > 0) await db.insert(roadmapStages).values(rows.stages);
  if (rows.choices.length > 0) await db.insert(roadmapChoices).values(rows.choices);
  if (rows.pages.length > 0) await db.insert(roadmapPages).values(rows.pages);
}

export type TopicState = Pick<TopicRow, 'id' | 'contentHash' | 'archivedAt' | 'movedTo'>;

export async function listTopicStates(db: Queryable, roadmapId: string): Promise<TopicState[]> {
  return db
    .select({
      id: topics.id,
      contentHash: topics.contentHash,
      archivedAt: topics.archivedAt,
      movedTo: topics.movedTo,
    })
    .from(topics)
    .where(eq(topics.roadmapId, roadmapId));
}

/** Inserts new topics and updates existing ones in place; a topic back in the content is live again. */
export async function upsertTopics(db: Queryable, rows: NewTopicRow[]): Promise<void> {
  if (rows.length === 0) return;
  const fromExcluded = (column: string) => sql.raw(`excluded.${column}`);
  await db
    .insert(topics)
    .values(rows)
    .onConflictDoUpdate({
      target: topics.id,
      set: {
        roadmapId: fromExcluded('roadmap_id'),
        stageId: fromExcluded('stage_id'),
        position: fromExcluded('position'),
        kind: fromExcluded('kind'),
        choiceId: fromExcluded('choice_id'),
        title: fromExcluded('title'),
        hours: fromExcluded('hours'),
        summary: fromExcluded('summary'),
        bodyMarkdown: fromExcluded('body_markdown'),
        bodyHtml: fromExcluded('body_html'),
        subtopics: fromExcluded('subtopics'),
        resources: fromExcluded('resources'),
        contentHash: fromExcluded('content_hash'),
        layoutX: fromExcluded('layout_x'),
        layoutY: fromExcluded('layout_y'),
        updatedAt: sql`case when ${topics.contentHash} = excluded.content_hash then ${topics.updatedAt} else now() end`,
        archivedAt: sql`null`,
        movedTo: sql`null`,
      },
    });
}

/** Marks topics that left the content as archived; they stay, because progress refers to them. */
export async function archiveTopics(db: Queryable, topicIds: readonly string[]): Promise<void> {
  if (topicIds.length === 0) return;
  await db
    .update(topics)
    .set({ archivedAt: sql`coalesce(${topics.archivedAt}, now())` })
    .where(inArray(topics.id, [...topicIds]));
}

export async function markTopicMoved(db: Queryable, from: string, to: string): Promise<void> {
  await db
    .update(topics)
    .set({ archivedAt: sql`coalesce(${topics.archivedAt}, now())`, movedTo: to })
    .where(eq(topics.id, from));
}

/** Prerequisite edges are derived from the live topics: replaced whole on each sync. */
export async function replaceEdges(
  db: Queryable,
  roadmapId: string,
  rows: (typeof topicEdges.$inferInsert)[],
): Promise<void> {
  await db
    .delete(topicEdges)
    .where(
      inArray(
        topicEdges.topicId,
        db.select({ id: topics.id }).from(topics).where(eq(topics.roadmapId, roadmapId)),
      ),
    );
  if (rows.length > 0) await db.insert(topicEdges).values(rows);
}

export async function insertContentVersion(
  db: Queryable,
  row: typeof contentVersions.$inferInsert,
): Promise<void> {
  await db.insert(contentVersions).values(row);
}

export async function listContentVersions(db: Queryable, roadmapId: string): Promise<ContentVersionRow[]> {
  return db
    .select()
    .from(contentVersions)
    .where(eq(contentVersions.roadmapId, roadmapId))
    .orderBy(asc(contentVersions.id));
}

/**
 * The most recently synced roadmap, read in one repeatable-read transaction so a sync running meanwhile
 * in another process cannot hand us half of each version.
 */
export async function readSyncedRoadmap(db: Db): Promise<SyncedRoadmapRows | undefined> {
  return db.transaction(
    async (tx) => {
      const [roadmap] = await tx.select().from(roadmaps).orderBy(desc(roadmaps.syncedAt)).limit(1);
      if (!roadmap) return undefined;
      const stages = await tx
        .select()
        .from(roadmapStages)
        .where(eq(roadmapStages.roadmapId, roadmap.id))
        .orderBy(asc(roadmapStages.position));
      const choices = await tx
        .select()
        .from(roadmapChoices)
        .where(eq(roadmapChoices.roadmapId, roadmap.id))
        .orderBy(asc(roadmapChoices.position));
      const topicRows = await tx
        .select()
        .from(topics)
        .where(eq(topics.roadmapId, roadmap.id))
        .orderBy(asc(topics.position), asc(topics.id));
      const edges = await tx
        .select({
          topicId: topicEdges.topicId,
          prerequisiteKind: topicEdges.prerequisiteKind,
          prerequisiteId: topicEdges.prerequisiteId,
          position: topicEdges.position,
        })
        .from(topicEdges)
        .innerJoin(topics, eq(topics.id, topicEdges.topicId))
        .where(eq(topics.roadmapId, roadmap.id))
        .orderBy(asc(topicEdges.topicId), asc(topicEdges.position));
      const pages = await tx
        .select()
        .from(roadmapPages)
        .where(eq(roadmapPages.roadmapId, roadmap.id))
        .orderBy(asc(roadmapPages.position));
      return { roadmap, stages, choices, topics: topicRows, edges, pages };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
