import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { sessions, users } from '../../db/schema';
import type { UserRow } from './users.repository';

export type SessionWithUser = {
  idHash: string;
  csrfToken: string;
  expiresAt: Date;
  user: UserRow;
};

export async function insertSession(
  db: Queryable,
  values: {
    idHash: string;
    userId: string;
    csrfToken: string;
    expiresAt: Date;
    userAgent?: string;
    ip?: string;
  },
): Promise<void> {
  await db.insert(sessions).values(values);
}

export async function findLiveSession(db: Queryable, idHash: string): Promise<SessionWithUser | undefined> {
  const [row] = await db
    .select({
      idHash: sessions.idHash,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      user: users,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, sql`now()`)))
    .limit(1);
  return row;
}

export async function extendSession(db: Queryable, idHash: string, expiresAt: Date): Promise<void> {
  await db.update(sessions).set({ expiresAt }).where(eq(sessions.idHash, idHash));
}

export async function deleteSession(db: Queryable, idHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

export async function deleteExpiredSessions(db: Queryable): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(lt(sessions.expiresAt, sql`now()`))
    .returning({ idHash: sessions.idHash });
  return rows.length;
}
