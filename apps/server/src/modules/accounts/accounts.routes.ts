import { LoginInput, SessionInfo, SignupInput, User } from '@groundwork/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext, problems } from '../../platform/route-helpers';
import { requirePrincipal } from './access.plugin';
import type { AccountsService } from './accounts.service';
import { type CookiePolicy, clearSessionCookies, setSessionCookies } from './cookies';
import { toUserDto } from './principal';

export type AccountsRoutesOptions = {
  accounts: AccountsService;
  cookies: CookiePolicy;
  rateLimit: { max: number; timeWindow: number };
};

export const accountsRoutes: FastifyPluginAsyncZod<AccountsRoutesOptions> = async (app, options) => {
  const { accounts, cookies } = options;
  const rateLimited = { rateLimit: options.rateLimit };

  app.post(
    '/api/auth/signup',
    {
      config: { access: 'public', ...rateLimited },
      schema: {
        tags: ['auth'],
        operationId: 'signup',
        summary: 'Create an account and sign in',
        description: 'The first account on a fresh instance becomes its admin.',
        body: SignupInput,
        response: { 201: SessionInfo, ...problems(400, 403, 409, 415, 429) },
      },
    },
    async (request, reply) => {
      const { user, session } = await accounts.signup(request.body, auditContext(request));
      setSessionCookies(reply, cookies, session);
      // the body carries the CSRF token: no cache may keep it
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({ user: toUserDto(user), csrfToken: session.csrfToken });
    },
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', ...rateLimited },
      schema: {
        tags: ['auth'],
        operationId: 'login',
        summary: 'Sign in with email and password',
        body: LoginInput,
        response: { 200: SessionInfo, ...problems(400, 401, 403, 415, 429) },
      },
    },
    async (request, reply) => {
      const { user, session } = await accounts.login(request.body, auditContext(request));
      setSessionCookies(reply, cookies, session);
      reply.header('cache-control', 'no-store');
      return { user: toUserDto(user), csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'user' },
      schema: {
        tags: ['auth'],
        operationId: 'logout',
        summary: 'Sign out: the session ends on the server at once',
        response: { 204: z.undefined(), ...problems(401, 403) },
      },
    },
    async (request, reply) => {
      await accounts.logout(requirePrincipal(request), auditContext(request));
      clearSessionCookies(reply, cookies);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/me',
    {
      config: { access: 'user' },
      schema: {
        tags: ['auth'],
        operationId: 'getCurrentUser',
        summary: 'The signed-in user',
        response: { 200: User, ...problems(401) },
      },
    },
    async (request) => toUserDto(requirePrincipal(request).user),
  );
};
