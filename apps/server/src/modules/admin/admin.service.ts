import type { Role } from '@groundwork/contracts';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/database';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import { AppError } from '../../platform/errors/app-error';
import { type AuditContext, listAuditEvents, recordAuditEvent } from '../accounts/audit.repository';
import type { PrincipalCache } from '../accounts/principal-cache';
import { countAdmins, findUserById, listUsers, updateUserRole } from '../accounts/users.repository';

// the same lock as the first sign-up: role changes and "who is admin" decisions take turns
const ADMIN_LOCK_KEY = 7_424_002;

export function createAdminService(deps: { db: Db; cache: PrincipalCache }) {
  const { db, cache } = deps;
  return {
    async listUsers(page: { limit: number; cursor?: string | undefined }) {
      const after = page.cursor
        ? decodeCursor(page.cursor, 'cursor', { id: z.uuid(), withTime: true })
        : undefined;
      const rows = await listUsers(db, {
        limit: page.limit + 1,
        after: after?.t ? { createdAt: after.t, id: after.id } : undefined,
      });
      const items = rows.slice(0, page.limit);
      const last = items.at(-1);
      const hasMore = rows.length > page.limit;
      return {
        items,
        nextCursor: hasMore && last ? encodeCursor({ t: last.createdAt.toISOString(), id: last.id }) : null,
      };
    },

    /** Changes a user's role; refuses to leave the instance without an admin. */
    async changeRole(actorId: string, userId: string, role: Role, context: AuditContext) {
      const updated = await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${ADMIN_LOCK_KEY})`);
        const user = await findUserById(tx, userId);
        if (!user) throw new AppError('not_found', 'There is no user with this id.');
        if (user.role === role) return user;
        if (user.role === 'admin' && (await countAdmins(tx)) <= 1) throw new AppError('last_admin');
        const updated = await updateUserRole(tx, userId, role);
        if (!updated) throw new AppError('not_found', 'There is no user with this id.');
        await recordAuditEvent(tx, {
          type: 'role.changed',
          userId,
          actorId,
          data: { from: user.role, to: role },
          ...context,
        });
        return updated;
      });
      // the new role applies to the user's very next request, in every process
      await cache.invalidate({ kind: 'user', userId });
      return updated;
    },

    async listAuditEvents(page: { limit: number; cursor?: string | undefined }) {
      const before = page.cursor
        ? decodeCursor(page.cursor, 'cursor', { id: z.string().regex(/^\d{1,19}$/), withTime: false })
        : undefined;
      const rows = await listAuditEvents(db, {
        limit: page.limit + 1,
        before: before ? BigInt(before.id) : undefined,
      });
      const items = rows.slice(0, page.limit);
      const last = items.at(-1);
      return {
        items,
        nextCursor: rows.length > page.limit && last ? encodeCursor({ id: last.id.toString() }) : null,
      };
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
