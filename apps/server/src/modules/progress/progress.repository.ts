import type { ProgressStatus } from '@groundwork/contracts';
import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { progressEvents, topicProgress } from '../../db/schema';
import { utcDay } from '../../db/utc-day';

export type ProgressRow = typeof topicProgress.$inferSelect;
export type ProgressEventSource = (typeof progressEvents.$inferInsert)['source'];

/** What a learner states about a topic; verification is the grader's and is never written here. */
export type ProgressStatement = {
  topicId: string;
  status: ProgressStatus;
  note: string | null;
  updatedAt: Date;
  archivedAt: Date | null;
};

export type ProgressChange = {
  topicId: string;
  fromStatus: ProgressStatus;
  toStatus: ProgressStatus;
  source: ProgressEventSource;
};

/** Status changes summed per UTC day, oldest first. */
export type DailyProgressCounts = {
  day: string;
  markedDone: number;
  doneDelta: number;
  learningDelta: number;
};

/**
 * One learner's progress. Every query below is scoped to the user id given here — the one place that
 * rule lives — so nothing reached through it can touch another learner's rows.
 * @example const rows = await progressOf(db, principal.user.id).list();
 */
export function progressOf(db: Queryable, userId: string) {
  const isMine = eq(topicProgress.userId, userId);

  return {
    async list(): Promise<ProgressRow[]> {
      return db.select().from(topicProgress).where(isMine).orderBy(asc(topicProgress.topicId));
    },

    /** One row, locked until the transaction ends, so two writes to it take turns. */
    async findForUpdate(topicId: string): Promise<ProgressRow | undefined> {
      const [row] = await db
        .select()
        .from(topicProgress)
        .where(and(isMine, eq(topicProgress.topicId, topicId)))
        .for('update');
      return row;
    },

    /** Writes statements (one per topic), leaving any verification as it is. */
    async save(statements: readonly ProgressStatement[]): Promise<ProgressRow[]> {
      if (statements.length === 0) return [];
      return db
        .insert(topicProgress)
        .values(statements.map((statement) => ({ userId, ...statement })))
        .onConflictDoUpdate({
          target: [topicProgress.userId, topicProgress.topicId],
          set: {
            status: sql`excluded.status`,
            note: sql`excluded.note`,
            updatedAt: sql`excluded.updated_at`,
            archivedAt: sql`excluded.archived_at`,
          },
        })
        .returning();
    },

    /**
     * Records that graded project stages proved these topics (the grader's call, never the learner's): a
     * topic without a row gets one with no statement of its own; the first verification is kept.
     */
    async markVerified(topicIds: readonly string[], at: Date): Promise<void> {
      if (topicIds.length === 0) return;
      await db
        .insert(topicProgress)
        .values(topicIds.map((topicId) => ({ userId, topicId, verifiedAt: at })))
        .onConflictDoUpdate({
          target: [topicProgress.userId, topicProgress.topicId],
          set: { verifiedAt: sql`coalesce(${topicProgress.verifiedAt}, excluded.verified_at)` },
        });
    },

    /**
     * Clears everything the learner stated. Rows the grader verified stay, reduced to their verification
     * (no status, note or time of their own), so an import can restore the rest.
     */
    async clearStatements(): Promise<void> {
      await db.delete(topicProgress).where(and(isMine, isNull(topicProgress.verifiedAt)));
      await db
        .update(topicProgress)
        .set({ status: 'todo', note: null, updatedAt: null })
        .where(and(isMine, isNotNull(topicProgress.verifiedAt)));
    },

    async recordChanges(changes: readonly ProgressChange[]): Promise<void> {
      if (changes.length === 0) return;
      await db.insert(progressEvents).values(changes.map((change) => ({ userId, ...change })));
    },

    async countDailyChanges(): Promise<DailyProgressCounts[]> {
      const day = utcDay(progressEvents.at);
      const rows = await db
        .select({
          day,
          markedDone: sql<number>`count(*) filter (where ${progressEvents.toStatus} = 'done' and ${progressEvents.fromStatus} <> 'done')::int`,
          doneDelta: sql<number>`(count(*) filter (where ${progressEvents.toStatus} = 'done') - count(*) filter (where ${progressEvents.fromStatus} = 'done'))::int`,
          learningDelta: sql<number>`(count(*) filter (where ${progressEvents.toStatus} = 'learning') - count(*) filter (where ${progressEvents.fromStatus} = 'learning'))::int`,
        })
        .from(progressEvents)
        .where(eq(progressEvents.userId, userId))
        .groupBy(day)
        .orderBy(day);
      return rows;
    },

    /**
     * The UTC days on which the learner changed a topic's status themselves, in no particular order.
     * Imports, resets and the grader's writes are not the learner's activity.
     */
    async listActiveDays(): Promise<string[]> {
      const rows = await db
        .selectDistinct({ day: utcDay(progressEvents.at) })
        .from(progressEvents)
        .where(and(eq(progressEvents.userId, userId), eq(progressEvents.source, 'user')));
      return rows.map((row) => row.day);
    },
  };
}

export type UserProgress = ReturnType<typeof progressOf>;
