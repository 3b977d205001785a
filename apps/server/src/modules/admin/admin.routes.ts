import { AuditEvent, ChangeRoleInput, PageQuery, pageOf, User } from '@groundwork/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext, problems } from '../../platform/route-helpers';
import { requirePrincipal } from '../accounts/access.plugin';
import type { AuditEventRow } from '../accounts/audit.repository';
import { toUserDto } from '../accounts/principal';
import type { AdminService } from './admin.service';

function toAuditEventDto(row: AuditEventRow): AuditEvent {
  return {
    id: row.id.toString(),
    type: row.type,
    userId: row.userId,
    actorId: row.actorId,
    ip: row.ip,
    data: row.data,
    createdAt: row.createdAt.toISOString(),
  };
}

export const adminRoutes: FastifyPluginAsyncZod<{ admin: AdminService }> = async (app, { admin }) => {
  app.get(
    '/api/admin/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        operationId: 'listUsers',
        summary: 'Every account on this instance, newest first',
        querystring: PageQuery,
        response: { 200: pageOf(User), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const page = await admin.listUsers(request.query);
      return { items: page.items.map(toUserDto), nextCursor: page.nextCursor };
    },
  );

  app.patch(
    '/api/admin/users/:userId',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        operationId: 'changeUserRole',
        summary: "Change a user's role",
        params: z.strictObject({ userId: z.uuid() }),
        body: ChangeRoleInput,
        response: { 200: User, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = requirePrincipal(request).user;
      const updated = await admin.changeRole(
        actor.id,
        request.params.userId,
        request.body.role,
        auditContext(request),
      );
      return toUserDto(updated);
    },
  );

  app.get(
    '/api/admin/audit-events',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        operationId: 'listAuditEvents',
        summary: 'Security events: sign-ups, log-ins, tokens, role changes; newest first',
        querystring: PageQuery,
        response: { 200: pageOf(AuditEvent), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const page = await admin.listAuditEvents(request.query);
      return { items: page.items.map(toAuditEventDto), nextCursor: page.nextCursor };
    },
  );
};
