/**
 * The only progress queries that span users: content maintenance during a sync, when a renamed or removed
 * topic concerns every learner who marked it. Everything a learner does goes through progress.repository.ts,
 * scoped to their user id.
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database';

// the learner's later statement wins a merge; a row without one (only a verification) always loses
const SOURCE_IS_NEWER = sql.raw(
  "coalesce(src.updated_at, '-infinity'::timestamptz) > coalesce(dst.updated_at, '-infinity'::timestamptz)",
);

/**
 * Moves every learner's progress from a renamed topic to its new id, recording a `rename` event each.
 * A learner with progress on both ids keeps one merged row: the status and note of the later statement
 * (the other note when that one has none), the later verification.
 */
export async function moveTopicProgress(db: Queryable, from: string, to: string): Promise<void> {
  await db.execute(sql`
    insert into progress_events (user_id, topic_id, from_status, to_status, source, previous_topic_id)
    select src.user_id, ${to}, dst.status,
           case when ${SOURCE_IS_NEWER} then src.status else dst.status end, 'rename'::progress_source, ${from}
      from topic_progress src
      join topic_progress dst on dst.user_id = src.user_id and dst.topic_id = ${to}
     where src.topic_id = ${from}
    union all
    -- the old id's row disappears into the merge: its status leaves the learner's counts
    select src.user_id, ${from}, src.status, 'todo'::progress_status, 'rename'::progress_source, null
      from topic_progress src
      join topic_progress dst on dst.user_id = src.user_id and dst.topic_id = ${to}
     where src.topic_id = ${from}`);
  await db.execute(sql`
    update topic_progress dst
       set status = case when ${SOURCE_IS_NEWER} then src.status else dst.status end,
           note = case when ${SOURCE_IS_NEWER} then coalesce(src.note, dst.note) else coalesce(dst.note, src.note) end,
           updated_at = greatest(dst.updated_at, src.updated_at),
           verified_at = greatest(dst.verified_at, src.verified_at),
           archived_at = null
      from topic_progress src
     where src.user_id = dst.user_id and src.topic_id = ${from} and dst.topic_id = ${to}`);
  await db.execute(sql`
    delete from topic_progress src
     where src.topic_id = ${from}
       and exists (select 1 from topic_progress dst where dst.user_id = src.user_id and dst.topic_id = ${to})`);

  await db.execute(sql`
    insert into progress_events (user_id, topic_id, from_status, to_status, source, previous_topic_id)
    select user_id, ${to}, status, status, 'rename', ${from} from topic_progress where topic_id = ${from}`);
  await db.execute(sql`
    update topic_progress set topic_id = ${to}, archived_at = null where topic_id = ${from}`);
}

/** Flags every learner's progress on removed topics as archived, recording an `archive` event each. */
export async function archiveTopicProgress(db: Queryable, topicIds: readonly string[]): Promise<void> {
  if (topicIds.length === 0) return;
  const ids = sql.join(
    topicIds.map((id) => sql`${id}`),
    sql`, `,
  );
  await db.execute(sql`
    insert into progress_events (user_id, topic_id, from_status, to_status, source)
    select user_id, topic_id, status, status, 'archive'
      from topic_progress where topic_id in (${ids}) and archived_at is null`);
  await db.execute(sql`
    update topic_progress set archived_at = now() where topic_id in (${ids}) and archived_at is null`);
}

/** A topic back in the content brings its learners' archived progress back with it. */
export async function restoreTopicProgress(db: Queryable, topicIds: readonly string[]): Promise<void> {
  if (topicIds.length === 0) return;
  const ids = sql.join(
    topicIds.map((id) => sql`${id}`),
    sql`, `,
  );
  await db.execute(sql`update topic_progress set archived_at = null where topic_id in (${ids})`);
}
