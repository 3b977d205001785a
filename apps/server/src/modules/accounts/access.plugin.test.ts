import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { accessPlugin, MissingAccessRuleError } from './access.plugin';
import type { AccountsService } from './accounts.service';
import { cookiePolicy } from './cookies';

// these tests only start the app: no request reaches the accounts service
const accounts = {} as AccountsService;

async function appWith(addRoutes: (app: FastifyInstance) => void): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(accessPlugin, {
    accounts,
    cookies: cookiePolicy(false),
    thirdPartyPublicPrefixes: ['/docs'],
    trustedOrigins: [],
  });
  addRoutes(app);
  await app.ready();
  return app;
}

describe('the access plugin at start', () => {
  it('refuses to start with a route that declares no access rule', async () => {
    await assert.rejects(
      appWith((app) => app.get('/api/forgotten', async () => ({}))),
      (error: Error) => error instanceof MissingAccessRuleError && /GET \/api\/forgotten/.test(error.message),
    );
  });

  it('refuses a route hidden from the OpenAPI document unless anyone may call it', async () => {
    await assert.rejects(
      appWith((app) =>
        app.get('/api/secret', { config: { access: 'user' }, schema: { hide: true } }, async () => ({})),
      ),
      (error: Error) =>
        error instanceof MissingAccessRuleError && /hidden from the OpenAPI/.test(error.message),
    );
  });

  it('lets hidden public routes through, and makes the docs UI (which cannot declare a rule) public', async () => {
    const app = await appWith((app) => {
      app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => ({}));
      app.get('/docs/json', { schema: { hide: true } }, async () => ({ ok: true }));
    });
    assert.equal((await app.inject({ method: 'GET', url: '/docs/json' })).statusCode, 200);
    await app.close();
  });
});
