import { ApiToken, CreatedToken, CreateTokenInput } from '@groundwork/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext, problems } from '../../platform/route-helpers';
import { requirePrincipal } from './access.plugin';
import type { TokensService } from './tokens.service';

export const tokensRoutes: FastifyPluginAsyncZod<{ tokens: TokensService }> = async (app, { tokens }) => {
  app.get(
    '/api/tokens',
    {
      config: { access: 'user' },
      schema: {
        tags: ['tokens'],
        operationId: 'listTokens',
        summary: 'Your personal access tokens (never their secrets)',
        response: { 200: z.object({ items: z.array(ApiToken) }), ...problems(401) },
      },
    },
    async (request) => ({ items: await tokens.list(requirePrincipal(request).user.id) }),
  );

  app.post(
    '/api/tokens',
    {
      config: { access: 'user' },
      schema: {
        tags: ['tokens'],
        operationId: 'createToken',
        summary: 'Create a personal access token for the CLI and scripts',
        description: 'The response carries the secret once; send it as `Authorization: Bearer <secret>`.',
        body: CreateTokenInput,
        response: { 201: CreatedToken, ...problems(400, 401, 403, 415) },
      },
    },
    async (request, reply) => {
      const created = await tokens.create(
        requirePrincipal(request).user.id,
        request.body,
        auditContext(request),
      );
      return reply.status(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.delete(
    '/api/tokens/:tokenId',
    {
      config: { access: 'user' },
      schema: {
        tags: ['tokens'],
        operationId: 'revokeToken',
        summary: 'Revoke one of your tokens; it stops working at once',
        params: z.strictObject({ tokenId: z.uuid() }),
        response: { 204: z.undefined(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await tokens.revoke(requirePrincipal(request).user.id, request.params.tokenId, auditContext(request));
      return reply.status(204).send();
    },
  );
};
