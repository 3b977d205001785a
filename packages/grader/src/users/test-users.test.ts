import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { CheckContext } from '../authoring/context';
import { createRunState } from '../authoring/run-state';
import { createDataFactory } from '../data/data-factory';
import { createHttpClient } from '../http/client';
import { readRequestBody, sendJson, startHttpServer } from '../testing/loopback-server';
import { defineTestUsers } from './test-users';

/** A fixture API with accounts: /signup, /login (token in `session.token`), /me. */
describe('test users', () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  const accounts = new Map<string, { id: number; password: string }>();
  const tokens = new Map<string, string>();
  const signUps: string[] = [];

  before(async () => {
    accounts.set('taken@example.com', { id: 0, password: 'x' });
    server = await startHttpServer(async (req, res) => {
      const body =
        req.method === 'POST' ? (JSON.parse(await readRequestBody(req)) as Record<string, string>) : {};
      if (req.url === '/signup') {
        signUps.push(String(body.email));
        if (accounts.has(String(body.email))) return sendJson(res, 409, { error: 'taken' });
        const id = accounts.size + 100;
        accounts.set(String(body.email), { id, password: String(body.password) });
        return sendJson(res, 201, { id, email: body.email });
      }
      if (req.url === '/login') {
        const account = accounts.get(String(body.email));
        if (account?.password !== body.password) return sendJson(res, 401, { error: 'no' });
        const token = randomBytes(16).toString('hex');
        tokens.set(token, String(body.email));
        return sendJson(res, 200, { session: { token } });
      }
      const email = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
      return email ? sendJson(res, 200, { email }) : sendJson(res, 401, { error: 'who?' });
    });
  });
  after(() => server.close());

  function context(seed: string, state = createRunState()): CheckContext {
    return {
      http: createHttpClient({ baseUrl: server.url }),
      data: createDataFactory(seed),
      state,
    } as unknown as CheckContext;
  }

  const users = defineTestUsers({
    signUp: { path: '/signup', body: ({ email, password }) => ({ email, password }) },
    logIn: {
      path: '/login',
      body: ({ email, password }) => ({ email, password }),
      tokenPaths: ['token', 'session.token'],
    },
  });

  it('signs a user up and logs it in through the API, keeping id and token for later checks', async () => {
    const ctx = context('users:1');
    const alice = await users.get(ctx, 'alice');
    assert.ok(!users.isFailure(alice));
    assert.equal(typeof alice.id, 'number');
    const me = await ctx.http.get('/me', { headers: alice.headers });
    assert.deepEqual(me.json(), { email: alice.email });
    assert.equal(await users.get(ctx, 'alice'), alice, 'the same user on the next call');
    const bob = await users.get(ctx, 'bob');
    assert.ok(!users.isFailure(bob));
    assert.notEqual(bob.email, alice.email);
  });

  it('makes the email unique again when a rerun with the same seed finds it taken', async () => {
    const first = await users.create(context('users:rerun'), 'carol');
    const again = await users.create(context('users:rerun'), 'carol');
    assert.ok(!users.isFailure(first) && !users.isFailure(again));
    assert.notEqual(again.email, first.email);
  });

  it('says what went wrong when the log-in gives no token where the project said', async () => {
    const strict = defineTestUsers({
      signUp: { path: '/signup', body: ({ email, password }) => ({ email, password }) },
      logIn: {
        path: '/login',
        body: ({ email, password }) => ({ email, password }),
        tokenPaths: ['accessToken'],
      },
    });
    const failure = await strict.create(context('users:2'), 'dave');
    assert.ok(strict.isFailure(failure));
    assert.match(failure.hint ?? '', /without a non-empty string in "accessToken"/);
  });
});
