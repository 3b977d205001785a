import type { FastifyPluginAsync } from 'fastify';
import type { FaultId } from '../faults';
import type { AuthService } from './auth.service';
import type { User } from './users.repository';
import { parseLogIn, parseSignUp } from './validation';

export interface AuthRoutesOptions {
  auth: AuthService;
  fault?: FaultId | undefined;
}

export const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = async (app, { auth, fault }) => {
  app.post('/auth/signup', async (request, reply) => {
    const user = await auth.signUp(parseSignUp(request.body, fault));
    reply.code(fault === 'signup-returns-200' ? 200 : 201).header('location', '/me');
    return user;
  });

  app.post('/auth/login', async (request) => {
    const { email, password } = parseLogIn(request.body);
    const { token, expiresIn } = await auth.logIn(email, password);
    return { token, tokenType: 'Bearer', expiresIn };
  });

  app.get('/me', async (request) => {
    const user: User = await auth.authenticate(request.headers.authorization);
    if (fault === 'me-returns-password-hash')
      return { ...auth.toPublicUser(user), passwordHash: user.passwordHash };
    return auth.toPublicUser(user);
  });
};
