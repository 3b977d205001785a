import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { FaultId } from '../faults';
import { type AccountService, toPublicUser } from './account.service';
import { problems } from './errors';
import { readBearer } from './request-auth';
import type { Principal, SessionService } from './session.service';
import type { TotpService } from './totp.service';
import { CodeBody, parseBody, RoleBody } from './validation';

export interface AccountRoutesOptions {
  accounts: AccountService;
  sessions: SessionService;
  totp: TotpService;
  fault?: FaultId | undefined;
}

/** What a signed-in user does with their account, and what only admins may do. */
export const accountRoutes: FastifyPluginAsync<AccountRoutesOptions> = async (app, options) => {
  const { accounts, sessions, totp, fault } = options;
  const signedIn = (request: FastifyRequest): Promise<Principal> =>
    sessions.authenticate(readBearer(request, fault));
  const admin = async (request: FastifyRequest): Promise<Principal> => {
    const principal = await signedIn(request);
    // the role is read from the database on every request, never trusted from the token alone
    if (principal.user.role !== 'admin' && fault !== 'admin-route-open-to-users') throw problems.forbidden();
    return principal;
  };

  app.get('/me', async (request) => {
    const { user } = await signedIn(request);
    if (fault === 'me-returns-password-hash') return { ...toPublicUser(user), ...user };
    return toPublicUser(user);
  });

  app.post('/auth/totp/enroll', async (request) => totp.enroll((await signedIn(request)).user));

  app.post('/auth/totp/confirm', async (request) => {
    const { user } = await signedIn(request);
    return totp.confirm(user, parseBody(CodeBody, request.body).code);
  });

  app.get('/auth/sessions', async (request) => {
    const list = await sessions.listSessions(await signedIn(request));
    return {
      sessions: list.map((session) => ({
        id: session.id,
        userAgent: session.userAgent,
        createdAt: session.createdAt.toISOString(),
        lastUsedAt: session.lastUsedAt.toISOString(),
        current: session.current,
      })),
    };
  });

  app.delete<{ Params: { id: string } }>('/auth/sessions/:id', async (request, reply) => {
    const principal = await signedIn(request);
    const id = request.params.id;
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw problems.sessionNotFound();
    await sessions.revokeSession(principal, id);
    return reply.code(204).send();
  });

  app.get('/admin/users', async (request) => {
    await admin(request);
    return { users: await accounts.listUsers() };
  });

  app.patch<{ Params: { id: string } }>('/admin/users/:id', async (request) => {
    await admin(request);
    const id = Number(request.params.id);
    if (!Number.isSafeInteger(id)) throw problems.userNotFound();
    return accounts.setRole(id, parseBody(RoleBody, request.body).role);
  });
};
