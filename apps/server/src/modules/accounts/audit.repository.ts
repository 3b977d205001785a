import { desc, lt } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { auditEvents } from '../../db/schema';

export type AuditEventType =
  | 'signup'
  | 'login.succeeded'
  | 'login.failed'
  | 'logout'
  | 'token.created'
  | 'token.revoked'
  | 'role.changed';

export type AuditEventRow = typeof auditEvents.$inferSelect;

export type AuditContext = { ip?: string | undefined; userAgent?: string | undefined };

export async function recordAuditEvent(
  db: Queryable,
  event: {
    type: AuditEventType;
    userId?: string | null;
    actorId?: string | null;
    data?: Record<string, unknown>;
  } & AuditContext,
): Promise<void> {
  await db.insert(auditEvents).values({
    type: event.type,
    userId: event.userId ?? null,
    actorId: event.actorId ?? null,
    ip: event.ip ?? null,
    userAgent: event.userAgent?.slice(0, 300) ?? null,
    data: event.data ?? {},
  });
}

export async function listAuditEvents(
  db: Queryable,
  page: { limit: number; before?: bigint | undefined },
): Promise<AuditEventRow[]> {
  return db
    .select()
    .from(auditEvents)
    .where(page.before === undefined ? undefined : lt(auditEvents.id, page.before))
    .orderBy(desc(auditEvents.id))
    .limit(page.limit);
}
