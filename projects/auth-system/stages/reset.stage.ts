import {
  type CheckContext,
  defineCheck,
  defineStage,
  describeStatus,
  fail,
  type HttpResponse,
  pass,
} from '@groundwork/grader';
import {
  createAccount,
  getMe,
  isFailure,
  isSuccess,
  logIn,
  newDevice,
  refresh,
  setupFailure,
  sleep,
  stillWorks,
  TEST_EXPIRY_HEADER,
  tokenFromOutbox,
} from './auth-requests';
import { TOPIC } from './topics';

const SHORT_TTL_SECONDS = 1;
const EXPIRY_WAIT_MS = 1_300;

const forgot = (ctx: CheckContext, email: string, headers: Record<string, string> = {}) =>
  ctx.http.post('/auth/password/forgot', { json: { email }, headers });

function refusedLink(res: HttpResponse, what: string, why: string) {
  if (res.status >= 400 && res.status < 500) return undefined;
  return fail({
    expected: `400 for ${what}`,
    actual: `status ${describeStatus(res.status)}`,
    hint: `POST /auth/password/reset with ${what} answered ${describeStatus(res.status)}, but it should be refused with 400: ${why}.`,
    exchange: res.exchange,
  });
}

const answerOf = (res: HttpResponse) => JSON.stringify([res.status, res.json() ?? res.text()]);

const resetNoEnumeration = defineCheck({
  id: 'reset-no-enumeration',
  title: 'POST /auth/password/forgot answers the same for an unknown email as for a known one',
  topic: TOPIC.signupAndLoginFlows,
  async run(ctx) {
    const account = await createAccount(ctx);
    if (isFailure(account)) return account;
    const known = await forgot(ctx, account.email);
    if (!isSuccess(known)) return setupFailure(known, 'to ask for a reset link');
    const unknown = await forgot(ctx, ctx.data.email());
    if (answerOf(known) === answerOf(unknown)) return pass();
    return fail({
      expected: `${describeStatus(known.status)} ${known.text().slice(0, 120)}`,
      actual: `${describeStatus(unknown.status)} ${unknown.text().slice(0, 120)}`,
      hint: `POST /auth/password/forgot answered an unknown email with ${describeStatus(unknown.status)} and a known one with ${describeStatus(known.status)} (or another body), which tells anyone which emails have accounts: answer both the same.`,
      exchange: unknown.exchange,
    });
  },
});

const resetSingleUse = defineCheck({
  id: 'reset-single-use',
  title: 'A reset link sets a new password once, and is refused the second time',
  topic: TOPIC.signupAndLoginFlows,
  async run(ctx) {
    const account = await createAccount(ctx);
    if (isFailure(account)) return account;
    const asked = await forgot(ctx, account.email);
    if (!isSuccess(asked)) return setupFailure(asked, 'to ask for a reset link');
    const token = await tokenFromOutbox(ctx, account.email, 'password-reset');
    if (isFailure(token)) return token;
    const password = ctx.data.password();
    const reset = await ctx.http.post('/auth/password/reset', { json: { token, password } });
    if (!isSuccess(reset)) return setupFailure(reset, 'a reset link to set a new password');
    const newLogin = await logIn(ctx, { email: account.email, password });
    if (isFailure(newLogin)) return newLogin;
    const again = await ctx.http.post('/auth/password/reset', {
      json: { token, password: ctx.data.password() },
    });
    return (
      refusedLink(
        again,
        'a reset link already used',
        'a reset link works once, or whoever finds it later owns the account',
      ) ?? pass()
    );
  },
});

const resetExpires = defineCheck({
  id: 'reset-expires',
  title: 'A reset link stops working once it expires',
  topic: TOPIC.signupAndLoginFlows,
  async run(ctx) {
    const account = await createAccount(ctx);
    if (isFailure(account)) return account;
    const asked = await forgot(ctx, account.email, { [TEST_EXPIRY_HEADER]: String(SHORT_TTL_SECONDS) });
    if (!isSuccess(asked)) return setupFailure(asked, 'to ask for a reset link');
    const token = await tokenFromOutbox(ctx, account.email, 'password-reset');
    if (isFailure(token)) return token;
    await sleep(ctx, EXPIRY_WAIT_MS);
    const late = await ctx.http.post('/auth/password/reset', {
      json: { token, password: ctx.data.password() },
    });
    return (
      refusedLink(
        late,
        `a link that expired ${(EXPIRY_WAIT_MS / 1000 - SHORT_TTL_SECONDS).toFixed(1)} s ago (${TEST_EXPIRY_HEADER}: ${SHORT_TTL_SECONDS})`,
        'store an expiry with each link and compare it with the clock',
      ) ?? pass()
    );
  },
});

const resetRevokesSessions = defineCheck({
  id: 'reset-revokes-sessions',
  title: 'After a password reset, every session of the account is refused',
  topic: TOPIC.sessionAuthentication,
  async run(ctx) {
    const device = await newDevice(ctx);
    if (isFailure(device)) return device;
    const asked = await forgot(ctx, device.email);
    if (!isSuccess(asked)) return setupFailure(asked, 'to ask for a reset link');
    const token = await tokenFromOutbox(ctx, device.email, 'password-reset');
    if (isFailure(token)) return token;
    const reset = await ctx.http.post('/auth/password/reset', {
      json: { token, password: ctx.data.password() },
    });
    if (!isSuccess(reset)) return setupFailure(reset, 'a reset link to set a new password');
    const why = 'after a password reset, since whoever knew the old password may hold it';
    const refreshed = await refresh(ctx, device.refreshToken);
    if (refreshed.status !== 401)
      return stillWorks(refreshed, 'a refresh token from before the reset', why, TOPIC.sessionAuthentication);
    const me = await getMe(ctx, device.accessToken);
    return me.status === 401
      ? pass()
      : stillWorks(me, 'an access token from before the reset', why, TOPIC.sessionAuthentication);
  },
});

export const passwordResetStage = defineStage({
  id: 'password-reset',
  title: 'Password reset',
  difficulty: 'intermediate',
  needs: ['log-in'],
  topics: [TOPIC.signupAndLoginFlows, TOPIC.sessionAuthentication],
  checks: [resetNoEnumeration, resetSingleUse, resetExpires, resetRevokesSessions],
});
