import {
  type CheckContext,
  defineCheck,
  defineStage,
  describeStatus,
  expectStatus,
  fail,
  pass,
} from '@groundwork/grader';
import { describeJson, expectJsonError } from '../../kit/checks/problem-body';
import { newUsername, sessionOf } from './chat-client';
import { TOPIC } from './topics';

const registerReturns201 = defineCheck({
  id: 'register-201',
  title: 'POST /auth/register answers 201 with the user and a token, and no password',
  topic: TOPIC.signupAndLoginFlows,
  async run(ctx) {
    const body = { username: newUsername(ctx), password: ctx.data.password() };
    const res = await ctx.http.post('/auth/register', { json: body });
    const failure = expectStatus(res, 201, {
      hint: `POST /auth/register should answer 201 Created for a new account, but it answered ${describeStatus(res.status)}.`,
      topic: TOPIC.httpStatusCodes,
    });
    if (failure) return failure;
    const session = sessionOf(res);
    if (!session || session.username.toLowerCase() !== body.username) {
      return fail({
        expected: `{"user": {"id", "username": "${body.username}"}, "token": "…"}`,
        actual: describeJson(res.json()),
        hint: 'POST /auth/register should answer the new user (id and username) and a token the client can use at once.',
        exchange: res.exchange,
      });
    }
    if (res.text().includes(body.password) || /"password(?:_?hash)?"\s*:/i.test(res.text())) {
      return fail({
        expected: 'no password and no password hash in the answer',
        actual: describeJson(res.json()),
        hint: 'POST /auth/register sent back the password or its hash: never send either to a client.',
        topic: TOPIC.passwordHashing,
        exchange: res.exchange,
      });
    }
    return pass();
  },
});

const registerDuplicate409 = defineCheck({
  id: 'register-duplicate-409',
  title: 'Registering a taken username (in any letter case) answers 409',
  topic: TOPIC.httpStatusCodes,
  async run(ctx) {
    const username = newUsername(ctx);
    const first = await ctx.http.post('/auth/register', {
      json: { username, password: ctx.data.password() },
    });
    if (first.status < 200 || first.status > 299) {
      return fail({
        expected: 'a 2xx status for a new username',
        actual: describeStatus(first.status),
        hint: `POST /auth/register should accept the new username ${username}, but it answered ${describeStatus(first.status)}.`,
        exchange: first.exchange,
      });
    }
    const again = { username: username.toUpperCase(), password: ctx.data.password() };
    const res = await ctx.http.post('/auth/register', { json: again });
    return (
      expectJsonError(res, {
        status: 409,
        request: `POST /auth/register with ${describeJson(again)}, after ${username} registered`,
        why: 'usernames are compared without letter case, and this one is taken',
      }) ?? pass()
    );
  },
});

/** Registers a new account to log in with; a failure when registering did not answer 2xx. */
async function registerToLogIn(ctx: CheckContext) {
  const credentials = { username: newUsername(ctx), password: ctx.data.password() };
  const registered = await ctx.http.post('/auth/register', { json: credentials });
  if (registered.status >= 200 && registered.status <= 299) return { credentials };
  return {
    failure: fail({
      expected: 'a 2xx status for a new account',
      actual: describeStatus(registered.status),
      hint: `POST /auth/register should create the account to log in with, but it answered ${describeStatus(registered.status)}.`,
      topic: TOPIC.signupAndLoginFlows,
      exchange: registered.exchange,
    }),
  };
}

const loginReturnsToken = defineCheck({
  id: 'login-returns-token',
  title: 'POST /auth/login answers 200 with a token that authenticates requests',
  topic: TOPIC.tokenAuthentication,
  async run(ctx) {
    const account = await registerToLogIn(ctx);
    if (account.failure) return account.failure;
    const { credentials } = account;
    const res = await ctx.http.post('/auth/login', { json: credentials });
    const failure = expectStatus(res, 200, {
      hint: `POST /auth/login with the right password should answer 200 OK, but it answered ${describeStatus(res.status)}.`,
    });
    if (failure) return failure;
    const session = sessionOf(res);
    if (!session) {
      return fail({
        expected: '{"user": {"id", "username"}, "token": "…"}',
        actual: describeJson(res.json()),
        hint: 'POST /auth/login should answer the user and a token.',
        exchange: res.exchange,
      });
    }
    // the token must work: creating a room needs one
    const use = await ctx.http.post('/rooms', {
      json: { name: `Groundwork ${ctx.data.slug()}` },
      headers: { authorization: `Bearer ${session.token}` },
    });
    if (use.status >= 200 && use.status <= 299) return pass();
    return fail({
      expected: 'the token from log-in to be accepted: a 2xx status from POST /rooms',
      actual: describeStatus(use.status),
      hint: `The token POST /auth/login returned should authenticate requests, but POST /rooms with it answered ${describeStatus(use.status)}.`,
      exchange: use.exchange,
    });
  },
});

const loginRejectsBadPassword = defineCheck({
  id: 'login-rejects-bad-password',
  title: 'A wrong password answers 401 and no token',
  topic: TOPIC.signupAndLoginFlows,
  async run(ctx) {
    const account = await registerToLogIn(ctx);
    if (account.failure) return account.failure;
    const { credentials } = account;
    const wrong = { username: credentials.username, password: `${credentials.password}x` };
    const res = await ctx.http.post('/auth/login', { json: wrong });
    const failure = expectJsonError(res, {
      status: 401,
      request: 'POST /auth/login with a wrong password',
    });
    if (failure) return failure;
    return sessionOf(res)
      ? fail({
          expected: 'no token for a wrong password',
          actual: describeJson(res.json()),
          hint: 'POST /auth/login answered 401 but still sent a token: a wrong password must get none.',
          exchange: res.exchange,
        })
      : pass();
  },
});

export const accountsStage = defineStage({
  id: 'accounts',
  title: 'Accounts',
  difficulty: 'beginner',
  topics: [
    TOPIC.signupAndLoginFlows,
    TOPIC.httpStatusCodes,
    TOPIC.tokenAuthentication,
    TOPIC.passwordHashing,
  ],
  checks: [registerReturns201, registerDuplicate409, loginReturnsToken, loginRejectsBadPassword],
});
