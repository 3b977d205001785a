import {
  defineCheck,
  defineStage,
  describeStatus,
  expectContentType,
  expectJson,
  expectJsonField,
  expectStatus,
  fail,
  is,
  pass,
} from '@groundwork/grader';
import { describeJson, expectJsonError, isObject } from '../../kit/checks/problem-body';
import { isFailure, users } from './task-requests';
import { TOPIC } from './topics';

const signup201 = defineCheck({
  id: 'signup-201',
  title: 'POST /auth/signup answers 201 with the new account, and never its password or hash',
  topic: TOPIC.signupAndLoginFlows,
  async run(ctx) {
    const email = ctx.data.email();
    const password = ctx.data.password();
    const res = await ctx.http.post('/auth/signup', { json: { email, password } });
    const failure =
      expectStatus(res, 201, {
        hint: `POST /auth/signup should answer 201 Created when it creates an account, but it answered ${describeStatus(res.status)}.`,
      }) ??
      expectContentType(res, 'application/json', { topic: TOPIC.restApis }) ??
      expectJson(res, {
        id: is.where(
          'a non-empty string or an integer',
          (v) => (typeof v === 'string' && v !== '') || Number.isInteger(v),
        ),
        email: is.where(
          `the email sent, ${email}`,
          (v) => typeof v === 'string' && v.toLowerCase() === email,
        ),
      });
    if (failure) return failure;
    const hygiene = ctx.probes.responseHygiene({
      responses: [res],
      forbidden: [{ value: password, description: 'the password just sent' }],
    });
    return hygiene.status === 'fail' ? { ...hygiene, topic: TOPIC.passwordHashing } : pass();
  },
});

const signupDuplicate409 = defineCheck({
  id: 'signup-duplicate-409',
  title: 'Signing up again with an email in use answers 409 naming email',
  topic: TOPIC.httpStatusCodes,
  async run(ctx) {
    const email = ctx.data.email();
    const first = await ctx.http.post('/auth/signup', { json: { email, password: ctx.data.password() } });
    if (first.status < 200 || first.status > 299) {
      return fail({
        expected: 'a 2xx status for a new email',
        actual: `status ${describeStatus(first.status)}`,
        hint: `POST /auth/signup with a new email should create the account so that a second sign-up can be tested, but it answered ${describeStatus(first.status)}.`,
        exchange: first.exchange,
      });
    }
    const body = { email, password: ctx.data.password() };
    const again = await ctx.http.post('/auth/signup', { json: body });
    return (
      expectJsonError(again, {
        status: 409,
        field: 'email',
        request: `POST /auth/signup with ${describeJson({ email })} a second time`,
        rule: 'the email is in use',
        ...(again.status >= 500 ? { why: 'catch the unique violation and answer 409' } : {}),
      }) ?? pass()
    );
  },
});

const signupWeakPassword400 = defineCheck({
  id: 'signup-weak-password-400',
  title: 'Passwords shorter than 8 or longer than 128 characters answer 400 naming password',
  topic: TOPIC.passwordHashing,
  async run(ctx) {
    for (const password of ['Ab3$efg', `${'Ab3$'.repeat(32)}x`]) {
      const body = { email: ctx.data.email(), password };
      const failure = expectJsonError(await ctx.http.post('/auth/signup', { json: body }), {
        status: 400,
        field: 'password',
        request: `POST /auth/signup with a ${password.length}-character password`,
        rule: 'passwords are 8 to 128 characters',
        topic: TOPIC.inputValidation,
      });
      if (failure) return failure;
    }
    return pass();
  },
});

export const signUpStage = defineStage({
  id: 'sign-up',
  title: 'Sign up',
  difficulty: 'beginner',
  needs: ['health'],
  topics: [
    TOPIC.signupAndLoginFlows,
    TOPIC.passwordHashing,
    TOPIC.httpStatusCodes,
    TOPIC.inputValidation,
    TOPIC.restApis,
  ],
  checks: [signup201, signupDuplicate409, signupWeakPassword400],
});

const loginReturnsToken = defineCheck({
  id: 'login-returns-token',
  title: 'POST /auth/login answers a token that GET /me accepts as a bearer token',
  topic: TOPIC.tokenAuthentication,
  async run(ctx) {
    const user = await users.get(ctx, 'owner');
    if (isFailure(user)) return user;
    const me = await ctx.http.get('/me', { headers: user.headers });
    return (
      expectStatus(me, 200, {
        hint: `GET /me with Authorization: Bearer <the token POST /auth/login just gave> should answer 200 OK, but it answered ${describeStatus(me.status)}: look the token up exactly as you stored it.`,
      }) ??
      expectJsonField(
        me,
        'email',
        is.where(
          `the email of the account, ${user.email}`,
          (v) => typeof v === 'string' && v.toLowerCase() === user.email,
        ),
      ) ??
      pass()
    );
  },
});

const MESSAGE_KEYS = ['detail', 'message', 'error', 'title', 'code', 'type'] as const;

/** What must not differ between the two refusals: status and message fields. */
function refusalOf(status: number, body: unknown): string {
  const fields = isObject(body) ? MESSAGE_KEYS.map((key) => [key, body[key]]) : [['body', body]];
  return JSON.stringify([status, fields]);
}

const loginRejectsBadCredentials = defineCheck({
  id: 'login-rejects-bad-credentials',
  title: 'A wrong password and an unknown email both answer the same 401',
  topic: TOPIC.signupAndLoginFlows,
  async run(ctx) {
    const user = await users.get(ctx, 'owner');
    if (isFailure(user)) return user;
    const wrongPassword = await ctx.http.post('/auth/login', {
      json: { email: user.email, password: `${user.password}-wrong` },
    });
    const failure = expectJsonError(wrongPassword, {
      status: 401,
      request: 'POST /auth/login with a wrong password',
    });
    if (failure) return failure;
    const unknownEmail = await ctx.http.post('/auth/login', {
      json: { email: ctx.data.email(), password: user.password },
    });
    const unknownFailure = expectJsonError(unknownEmail, {
      status: 401,
      request: 'POST /auth/login with an unknown email',
    });
    if (unknownFailure) return unknownFailure;
    if (
      refusalOf(wrongPassword.status, wrongPassword.json()) ===
      refusalOf(unknownEmail.status, unknownEmail.json())
    ) {
      return pass();
    }
    return fail({
      expected: 'the same status and message for an unknown email as for a wrong password',
      actual: `${describeJson(unknownEmail.json())} for the unknown email, ${describeJson(wrongPassword.json())} for the wrong password`,
      hint: 'POST /auth/login answered an unknown email differently from a wrong password, which tells an attacker which emails have accounts: answer both with one message.',
      exchange: unknownEmail.exchange,
    });
  },
});

export const logInStage = defineStage({
  id: 'log-in',
  title: 'Log in',
  difficulty: 'beginner',
  needs: ['sign-up'],
  topics: [TOPIC.tokenAuthentication, TOPIC.signupAndLoginFlows],
  checks: [loginReturnsToken, loginRejectsBadCredentials],
});
