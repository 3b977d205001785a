import type { GradingEvent } from '@groundwork/contracts';
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { submissionEvents } from '../../db/schema';
import { withoutNul } from '../../platform/storable';

export type StoredEvent = { attempt: number; seq: number; event: GradingEvent };

/** Appends events of one attempt; an event stored before (a retried write) is left as it was. */
export async function appendEvents(
  db: Queryable,
  submissionId: string,
  attempt: number,
  events: readonly GradingEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await db
    .insert(submissionEvents)
    // an event quotes what the learner's server sent, which may hold NUL, which PostgreSQL refuses
    .values(events.map((event) => ({ submissionId, attempt, seq: event.seq, event: withoutNul(event) })))
    .onConflictDoNothing();
}

/** The events of one attempt after `afterSeq`, in order: the replay a late subscriber gets. */
export async function listEventsAfter(
  db: Queryable,
  submissionId: string,
  attempt: number,
  afterSeq: number,
): Promise<StoredEvent[]> {
  return db
    .select({ attempt: submissionEvents.attempt, seq: submissionEvents.seq, event: submissionEvents.event })
    .from(submissionEvents)
    .where(
      and(
        eq(submissionEvents.submissionId, submissionId),
        eq(submissionEvents.attempt, attempt),
        gt(submissionEvents.seq, afterSeq),
      ),
    )
    .orderBy(asc(submissionEvents.seq));
}
