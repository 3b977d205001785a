// The roadmap content, synced from content/ at start (modules/roadmap/content-sync.service.ts). Topics are
// never deleted: progress refers to them, so a removed topic is archived and a renamed one points onwards.
import type { RoadmapDrawing, TopicResource } from '@groundwork/contracts';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

export const topicKind = pgEnum('topic_kind', ['core', 'alternative', 'optional']);
export const prerequisiteKind = pgEnum('prerequisite_kind', ['topic', 'choice']);

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const roadmaps = pgTable('roadmaps', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  summary: text('summary').notNull(),
  /** The content's own hash (roadmap.yaml, every topic and page); a sync with the same hashes does nothing. */
  contentHash: text('content_hash').notNull(),
  /** The generated drawing can change without the content (a new layout engine), so it has its own hash. */
  layoutHash: text('layout_hash').notNull(),
  /** Stage bands, choice boxes and arrows; each topic's box position is on its own row. */
  layout: jsonb('layout').$type<RoadmapDrawing>().notNull(),
  /** The content's moved map (old id -> new id), kept for redirects even after the old topic is gone. */
  moved: jsonb('moved').$type<Record<string, string>>().notNull(),
  syncedAt: at('synced_at').notNull().defaultNow(),
});

export const roadmapStages = pgTable(
  'roadmap_stages',
  {
    roadmapId: text('roadmap_id')
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    requiredHours: integer('required_hours').notNull(),
    optionalHours: integer('optional_hours').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roadmapId, t.id] })],
);

export const roadmapChoices = pgTable(
  'roadmap_choices',
  {
    roadmapId: text('roadmap_id')
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    position: integer('position').notNull(),
    stageId: text('stage_id').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roadmapId, t.id] })],
);

export const topics = pgTable(
  'topics',
  {
    /** The stable slug from the content; progress and project stages refer to it. */
    id: text('id').primaryKey(),
    roadmapId: text('roadmap_id')
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
    // no foreign key: an archived topic keeps the stage it was removed from, which may be gone too
    stageId: text('stage_id').notNull(),
    /** Reading order across the whole roadmap (stage by stage). */
    position: integer('position').notNull(),
    kind: topicKind('kind').notNull(),
    choiceId: text('choice_id'),
    title: text('title').notNull(),
    hours: integer('hours').notNull(),
    summary: text('summary').notNull(),
    bodyMarkdown: text('body_markdown').notNull(),
    bodyHtml: text('body_html').notNull(),
    subtopics: jsonb('subtopics').$type<string[]>().notNull(),
    resources: jsonb('resources').$type<TopicResource[]>().notNull(),
    contentHash: text('content_hash').notNull(),
    layoutX: integer('layout_x').notNull(),
    layoutY: integer('layout_y').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    /** Set when the topic left the content; cleared if it comes back. */
    archivedAt: at('archived_at'),
    /** Set when the content renamed the topic through its moved map: where the topic lives now. */
    movedTo: text('moved_to'),
  },
  (t) => [index('topics_roadmap_position_idx').on(t.roadmapId, t.position)],
);

export const topicEdges = pgTable(
  'topic_edges',
  {
    topicId: text('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    prerequisiteKind: prerequisiteKind('prerequisite_kind').notNull(),
    /** A topic id, or a choice id that any one of its alternatives satisfies. */
    prerequisiteId: text('prerequisite_id').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.prerequisiteKind, t.prerequisiteId] })],
);

export const roadmapPages = pgTable(
  'roadmap_pages',
  {
    roadmapId: text('roadmap_id')
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    bodyHtml: text('body_html').notNull(),
    contentHash: text('content_hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roadmapId, t.id] })],
);

/** One row per sync that changed something: what changed, for operators and for debugging a deploy. */
export const contentVersions = pgTable(
  'content_versions',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    roadmapId: text('roadmap_id')
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
    contentHash: text('content_hash').notNull(),
    layoutHash: text('layout_hash').notNull(),
    topicsAdded: integer('topics_added').notNull(),
    topicsUpdated: integer('topics_updated').notNull(),
    topicsArchived: integer('topics_archived').notNull(),
    topicsMoved: integer('topics_moved').notNull(),
    syncedAt: at('synced_at').notNull().defaultNow(),
  },
  (t) => [index('content_versions_roadmap_idx').on(t.roadmapId, t.syncedAt)],
);
