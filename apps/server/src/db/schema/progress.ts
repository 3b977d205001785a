// Each learner's progress: reached only through modules/progress/progress.repository.ts, which scopes
// every query to one user.
import { bigint, index, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { topics } from './roadmap';

export const progressStatus = pgEnum('progress_status', ['todo', 'learning', 'done', 'skipped']);
export const progressSource = pgEnum('progress_source', [
  'user',
  'import',
  'reset',
  'rename',
  'archive',
  'grader',
]);

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const topicProgress = pgTable(
  'topic_progress',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    topicId: text('topic_id')
      .notNull()
      .references(() => topics.id),
    // what the learner says (status, note, updated_at) and what the grader proved (verified_at) live
    // side by side: a reset or an import changes the first and never the second
    status: progressStatus('status').notNull().default('todo'),
    note: text('note'),
    /** When the learner last set status or note; null on a row that only carries a verification. */
    updatedAt: at('updated_at'),
    verifiedAt: at('verified_at'),
    /** Set while the topic is archived (removed from the content). */
    archivedAt: at('archived_at'),
  },
  (t) => [primaryKey({ columns: [t.userId, t.topicId] }), index('topic_progress_topic_idx').on(t.topicId)],
);

/** Append-only history of status changes, for charts, export and audit. */
export const progressEvents = pgTable(
  'progress_events',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // no foreign key: history keeps the id a topic had when the event happened
    topicId: text('topic_id').notNull(),
    fromStatus: progressStatus('from_status').notNull(),
    toStatus: progressStatus('to_status').notNull(),
    source: progressSource('source').notNull(),
    /** For a rename: the topic's id before it. */
    previousTopicId: text('previous_topic_id'),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [index('progress_events_user_at_idx').on(t.userId, t.at)],
);
