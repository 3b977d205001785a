import type { FastifyPluginAsync } from 'fastify';
import type { FaultId } from '../faults';
import type { AuthService } from './auth.service';
import { parseLogIn, parsePromote, parseRegister } from './validation';

export interface AuthRoutesOptions {
  auth: AuthService;
  isTestMode: boolean;
  fault?: FaultId | undefined;
}

export const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = async (app, { auth, isTestMode, fault }) => {
  app.post('/auth/register', async (request, reply) => {
    const { user, token } = await auth.register(parseRegister(request.body));
    reply.code(201);
    if (fault === 'register-no-token') return { user };
    return { user, token };
  });

  app.post('/auth/login', async (request) => {
    const { email, password } = parseLogIn(request.body);
    const { user, token } = await auth.logIn(email, password);
    if (fault === 'login-no-token') return { user };
    return { user, token };
  });

  // how the grader makes an admin; a real shop makes its first admin from the command line
  if (isTestMode) {
    app.post('/test/promote', async (request, reply) => {
      await auth.promote(parsePromote(request.body).email);
      return reply.code(204).send();
    });
  }
};
