import {
  type CheckContext,
  describeStatus,
  type Failure,
  fail,
  type HttpResponse,
  readPath,
  sleep as sleepFor,
} from '@groundwork/grader';
import { TOPIC } from './topics';

// spec.md, "Test mode": the header that asks for a token living only this many seconds
export const TEST_EXPIRY_HEADER = 'x-test-expires-in';
export const REFRESH_COOKIE = 'refresh_token';

export interface Account {
  email: string;
  password: string;
}

/** A signed-in device: its access token (sent as a bearer) and its refresh token (sent as the cookie). */
export interface Device extends Account {
  accessToken: string;
  refreshToken: string;
  bearer: Readonly<Record<string, string>>;
  login: HttpResponse;
}

export const isFailure = (value: unknown): value is Failure =>
  typeof value === 'object' && value !== null && (value as { status?: unknown }).status === 'fail';
export const isSuccess = (res: HttpResponse): boolean => res.status >= 200 && res.status <= 299;
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const withCookie = (refreshToken: string) => ({ cookie: `${REFRESH_COOKIE}=${refreshToken}` });

/** A setup step that did not answer 2xx: the stage cannot test what it names. */
export function setupFailure(
  res: HttpResponse,
  what: string,
  topic: string = TOPIC.signupAndLoginFlows,
): Failure {
  return fail({
    expected: 'a 2xx status',
    actual: `status ${describeStatus(res.status)}`,
    hint: `The grader needs ${what} to test this, but ${res.method} ${new URL(res.url).pathname} answered ${describeStatus(res.status)}.`,
    exchange: res.exchange,
    topic,
  });
}

/** A cookie of a response's Set-Cookie header(s): its value and lower-cased attributes. */
export function readSetCookie(
  res: HttpResponse,
  name: string,
): { value: string; attributes: Map<string, string> } | undefined {
  // the client joins repeated headers with ", "; a cookie starts where a comma is followed by name=
  for (const part of (res.header('set-cookie') ?? '').split(/,\s*(?=[^;,=\s]+=)/)) {
    const [pair = '', ...rest] = part.split(';');
    const eq = pair.indexOf('=');
    if (pair.slice(0, eq).trim() !== name) continue;
    const attributes = new Map<string, string>();
    for (const attribute of rest) {
      const [key = '', ...value] = attribute.split('=');
      attributes.set(key.trim().toLowerCase(), value.join('=').trim());
    }
    return { value: pair.slice(eq + 1).trim(), attributes };
  }
  return undefined;
}

export function signUp(ctx: CheckContext, account: Account, headers: Record<string, string> = {}) {
  return ctx.http.post('/auth/signup', {
    json: { email: account.email, password: account.password },
    headers,
  });
}

/** The token of the newest email of `kind` to `email` in the test outbox, or a failure. */
export async function tokenFromOutbox(
  ctx: CheckContext,
  email: string,
  kind: 'verify-email' | 'password-reset',
): Promise<string | Failure> {
  const res = await ctx.http.get('/test/outbox', { query: { to: email } });
  if (!isSuccess(res)) return setupFailure(res, 'the test outbox (AUTH_TEST_MODE=1)');
  const emails = readPath(res.json(), 'emails');
  const found = (Array.isArray(emails) ? emails : [])
    .filter((one): one is { kind: unknown; link: unknown } => typeof one === 'object' && one !== null)
    .filter((one) => one.kind === kind && typeof one.link === 'string')
    .at(-1);
  const token = found === undefined ? undefined : tokenOfLink(String(found.link));
  if (token !== undefined) return token;
  return fail({
    expected: `a "${kind}" email to ${email} whose link has ?token=`,
    actual: found === undefined ? `no "${kind}" email in the outbox` : `the link ${String(found.link)}`,
    hint: `GET /test/outbox?to=${email} should list the "${kind}" email just sent, with a link carrying ?token=, but it does not.`,
    exchange: res.exchange,
    topic: TOPIC.signupAndLoginFlows,
  });
}

function tokenOfLink(link: string): string | undefined {
  try {
    return new URL(link).searchParams.get('token') ?? undefined;
  } catch {
    return undefined;
  }
}

/** A new, verified account (signed up, link followed), or a failure. */
export async function createAccount(ctx: CheckContext): Promise<Account | Failure> {
  const account = { email: ctx.data.email(), password: ctx.data.password() };
  const signedUp = await signUp(ctx, account);
  if (!isSuccess(signedUp)) return setupFailure(signedUp, 'to sign a new user up');
  const token = await tokenFromOutbox(ctx, account.email, 'verify-email');
  if (isFailure(token)) return token;
  const verified = await ctx.http.post('/auth/verify-email', { json: { token } });
  return isSuccess(verified) ? account : setupFailure(verified, 'to verify a new email');
}

/** Logs an account in: a device with both tokens, or a failure. */
export async function logIn(
  ctx: CheckContext,
  account: Account,
  options: { extra?: Record<string, unknown>; headers?: Record<string, string> } = {},
): Promise<Device | Failure> {
  const login = await ctx.http.post('/auth/login', {
    json: { email: account.email, password: account.password, ...options.extra },
    headers: options.headers ?? {},
  });
  if (!isSuccess(login)) return setupFailure(login, 'to log a user in');
  const accessToken = readPath(login.json(), 'accessToken');
  const refreshToken = readSetCookie(login, REFRESH_COOKIE)?.value;
  if (typeof accessToken !== 'string' || accessToken === '' || !refreshToken) {
    return fail({
      expected: 'an accessToken in the body and a refresh_token cookie',
      actual: `${typeof accessToken === 'string' ? 'an accessToken' : 'no accessToken'} and ${refreshToken ? 'a cookie' : 'no refresh_token cookie'}`,
      hint: 'POST /auth/login should answer "accessToken" in its JSON body and set the refresh_token cookie, but one of them is missing.',
      exchange: login.exchange,
      topic: TOPIC.tokenAuthentication,
    });
  }
  return { ...account, accessToken, refreshToken, bearer: bearer(accessToken), login };
}

/** A new verified account, signed in once. */
export async function newDevice(ctx: CheckContext): Promise<Device | Failure> {
  const account = await createAccount(ctx);
  return isFailure(account) ? account : logIn(ctx, account);
}

export const refresh = (ctx: CheckContext, refreshToken: string) =>
  ctx.http.post('/auth/refresh', { headers: withCookie(refreshToken) });

export const getMe = (ctx: CheckContext, accessToken: string) =>
  ctx.http.get('/me', { headers: bearer(accessToken) });

/** A failure saying a credential that should be dead still works. */
export function stillWorks(res: HttpResponse, what: string, why: string, topic: string): Failure {
  return fail({
    expected: `401 for ${what}`,
    actual: `status ${describeStatus(res.status)}`,
    hint: `${res.method} ${new URL(res.url).pathname} with ${what} answered ${describeStatus(res.status)}, but it should be refused with 401 ${why}.`,
    exchange: res.exchange,
    topic,
  });
}

/** Waits `ms`, or less if the stage is cancelled (the runner then reports the deadline). */
export function sleep(ctx: CheckContext, ms: number): Promise<void> {
  return sleepFor(ms, ctx.signal).catch(() => undefined);
}
