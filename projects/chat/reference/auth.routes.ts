import type { FastifyPluginAsync } from 'fastify';
import type { FaultId } from '../faults';
import type { AuthService } from './auth.service';
import type { RoomHub } from './room-hub';
import { parseLogIn, parseRegister } from './validation';

export interface AuthRoutesOptions {
  auth: AuthService;
  hub: RoomHub;
  fault?: FaultId | undefined;
}

export const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = async (app, { auth, hub, fault }) => {
  app.post('/auth/register', async (request, reply) => {
    const session = await auth.register(parseRegister(request.body, fault));
    return reply.code(fault === 'register-returns-200' ? 200 : 201).send(session);
  });

  app.post('/auth/login', async (request) => auth.logIn(parseLogIn(request.body)));

  app.post('/auth/logout', async (request, reply) => {
    const caller = await auth.authenticate(request.headers.authorization);
    await auth.logOut(caller);
    if (fault !== 'logout-keeps-sockets') hub.closeConnectionsOf(caller.tokenHash);
    return reply.code(204).send();
  });
};
