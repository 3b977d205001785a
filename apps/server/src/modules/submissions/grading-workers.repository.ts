import { and, eq, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { gradingWorkers, submissions } from '../../db/schema';

// every time is the database's, so workers on machines whose clocks disagree still agree on who is late
const silentFor = (seconds: number) => sql`now() - make_interval(secs => ${seconds})`;

/** Records a worker process as alive and returns its id. */
export async function registerWorker(db: Queryable): Promise<string> {
  const [row] = await db.insert(gradingWorkers).values({}).returning({ id: gradingWorkers.id });
  if (!row) throw new Error('insert into grading_workers returned nothing');
  return row.id;
}

/** A worker's heartbeat; recreates its row if a sweep forgot it while the process was paused. */
export async function touchWorker(db: Queryable, id: string): Promise<void> {
  await db
    .insert(gradingWorkers)
    .values({ id })
    .onConflictDoUpdate({ target: gradingWorkers.id, set: { heartbeatAt: sql`now()` } });
}

/** A worker that stops cleanly has handed its runs back already, and leaves. */
export async function removeWorker(db: Queryable, id: string): Promise<void> {
  await db.delete(gradingWorkers).where(eq(gradingWorkers.id, id));
}

export type OrphanedAttempt = { id: string; attempt: number; workerId: string };

/** Running attempts whose worker has not said it is alive for `timeoutSeconds` (or is gone). */
export async function listOrphanedAttempts(
  db: Queryable,
  timeoutSeconds: number,
  limit: number,
): Promise<OrphanedAttempt[]> {
  const rows = await db
    .select({ id: submissions.id, attempt: submissions.attempt, workerId: submissions.workerId })
    .from(submissions)
    .where(
      and(
        eq(submissions.status, 'running'),
        sql`${submissions.workerId} is not null`,
        sql`not exists (select 1 from ${gradingWorkers} where ${gradingWorkers.id} = ${submissions.workerId}
          and ${gradingWorkers.heartbeatAt} > ${silentFor(timeoutSeconds)})`,
      ),
    )
    .limit(limit);
  return rows.flatMap((row) => (row.workerId === null ? [] : [{ ...row, workerId: row.workerId }]));
}

/**
 * Puts an orphaned attempt back in the queue. Guarded by the attempt and its worker, so of two sweepers
 * only one gets the row back, and the presumed-dead worker can no longer finish that attempt.
 */
export async function releaseOrphanedAttempt(db: Queryable, orphan: OrphanedAttempt): Promise<boolean> {
  const released = await db
    .update(submissions)
    .set({ status: 'queued', workerId: null })
    .where(
      and(
        eq(submissions.id, orphan.id),
        eq(submissions.attempt, orphan.attempt),
        eq(submissions.workerId, orphan.workerId),
        eq(submissions.status, 'running'),
      ),
    )
    .returning({ id: submissions.id });
  return released.length > 0;
}

/** Forgets workers silent for `timeoutSeconds` once no running attempt names them. */
export async function forgetDeadWorkers(db: Queryable, timeoutSeconds: number): Promise<void> {
  await db.delete(gradingWorkers).where(
    and(
      lt(gradingWorkers.heartbeatAt, silentFor(timeoutSeconds)),
      sql`not exists (select 1 from ${submissions} where ${submissions.workerId} = ${gradingWorkers.id}
          and ${submissions.status} = 'running')`,
    ),
  );
}
