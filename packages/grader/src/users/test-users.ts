import { randomBytes } from 'node:crypto';
import type { CheckContext } from '../authoring/context';
import { describeStatus, readPath } from '../authoring/expect';
import { type Failure, fail } from '../authoring/verdict';
import type { HttpResponse } from '../http/types';

/** What the grader sends to create and log in a user: unique per run, plus a nonce when the email was taken. */
export interface TestCredentials {
  email: string;
  password: string;
  name: string;
}

/** How a project's API signs users up and logs them in, as its spec describes it. */
export interface TestUsersSpec {
  signUp: {
    path: string;
    /** The JSON body for these credentials. */
    body(credentials: TestCredentials): Record<string, unknown>;
  };
  logIn: {
    path: string;
    body(credentials: TestCredentials): Record<string, unknown>;
    /** Where the token may be in the log-in body, tried in order: `['token', 'accessToken']`. */
    tokenPaths: readonly string[];
  };
  /** Where the user's id may be in the sign-up body (default `['id', 'user.id']`); ids may be strings or numbers. */
  idPaths?: readonly string[];
  /** The roadmap topic a failed sign-up or log-in points to. */
  topic?: string;
}

/** A user the grader created through the learner's API, with its token kept as an opaque bearer string. */
export interface TestUser extends TestCredentials {
  label: string;
  /** The id the sign-up body gave, when it gave one. */
  id: string | number | undefined;
  token: string;
  /** `{ authorization: 'Bearer …' }`, ready to spread into a request's headers. */
  headers: Readonly<Record<string, string>>;
}

export interface TestUsers {
  /** The user called `label` this run: created (signed up and logged in) on first use, then kept in `ctx.state`. */
  get(ctx: CheckContext, label: string): Promise<TestUser | Failure>;
  /** A new user every call, not kept. */
  create(ctx: CheckContext, label: string): Promise<TestUser | Failure>;
  /** Logs an existing user in again; the new token or a failure. */
  logIn(ctx: CheckContext, credentials: TestCredentials): Promise<string | Failure>;
  /** True when a value is a Failure rather than a user. */
  isFailure(value: unknown): value is Failure;
}

const STATE_PREFIX = 'grader.test-users.';
const DEFAULT_ID_PATHS = ['id', 'user.id', 'data.id'];

/**
 * Test users for projects with accounts: each is signed up and logged in through the learner's own API
 * (any 2xx is accepted, since these are setup steps), named uniquely for the run, and retried once with a
 * random nonce when the email is already taken (a retried run on the same server).
 * @example
 *   const users = defineTestUsers({
 *     signUp: { path: '/auth/signup', body: ({ email, password }) => ({ email, password }) },
 *     logIn: { path: '/auth/login', body: ({ email, password }) => ({ email, password }), tokenPaths: ['token'] },
 *   });
 *   const alice = await users.get(ctx, 'alice');
 *   if (users.isFailure(alice)) return alice;
 *   await ctx.http.get('/tasks', { headers: alice.headers });
 */
export function defineTestUsers(spec: TestUsersSpec): TestUsers {
  const topic = spec.topic === undefined ? {} : { topic: spec.topic };
  const setupFailure = (res: HttpResponse, what: string, expected: string): Failure =>
    fail({
      expected,
      actual: `status ${describeStatus(res.status)}`,
      hint: `The grader needs ${what} to test this, but ${res.method} ${new URL(res.url).pathname} answered ${describeStatus(res.status)}.`,
      exchange: res.exchange,
      ...topic,
    });

  async function logIn(ctx: CheckContext, credentials: TestCredentials): Promise<string | Failure> {
    const res = await ctx.http.post(spec.logIn.path, { json: spec.logIn.body(credentials) });
    const body = res.json();
    const token = spec.logIn.tokenPaths
      .map((path) => readPath(body, path))
      .find((value): value is string => typeof value === 'string' && value !== '');
    if (isSuccess(res) && token !== undefined) return token;
    if (!isSuccess(res)) return setupFailure(res, `to log a new user in`, 'a 2xx status with a token');
    return fail({
      expected: `a token in ${spec.logIn.tokenPaths.join(' or ')}`,
      actual: 'no token in the body',
      hint: `The grader needs a log-in token to test this, but ${res.method} ${spec.logIn.path} answered ${describeStatus(res.status)} without a non-empty string in ${spec.logIn.tokenPaths.map((path) => `"${path}"`).join(' or ')}.`,
      exchange: res.exchange,
      ...topic,
    });
  }

  async function create(ctx: CheckContext, label: string): Promise<TestUser | Failure> {
    let credentials: TestCredentials = {
      email: ctx.data.email(),
      password: ctx.data.password(),
      name: ctx.data.name(),
    };
    let signedUp = await ctx.http.post(spec.signUp.path, { json: spec.signUp.body(credentials) });
    if (signedUp.status === 409) {
      // the same seed ran before against this server: the email is taken, so make it unique for real
      const nonce = randomBytes(4).toString('hex');
      credentials = { ...credentials, email: credentials.email.replace('@', `.${nonce}@`) };
      signedUp = await ctx.http.post(spec.signUp.path, { json: spec.signUp.body(credentials) });
    }
    if (!isSuccess(signedUp)) return setupFailure(signedUp, 'to sign a new user up', 'a 2xx status');
    const token = await logIn(ctx, credentials);
    if (typeof token !== 'string') return token;
    const body = signedUp.json();
    const id = (spec.idPaths ?? DEFAULT_ID_PATHS)
      .map((path) => readPath(body, path))
      .find((value): value is string | number => typeof value === 'string' || typeof value === 'number');
    return { ...credentials, label, id, token, headers: { authorization: `Bearer ${token}` } };
  }

  return {
    async get(ctx, label) {
      const key = `${STATE_PREFIX}${label}`;
      const saved = ctx.state.get<TestUser>(key);
      if (saved !== undefined) return saved;
      const user = await create(ctx, label);
      if (!isFailureValue(user)) ctx.state.set(key, user);
      return user;
    },
    create,
    logIn,
    isFailure: isFailureValue,
  };
}

function isSuccess(res: HttpResponse): boolean {
  return res.status >= 200 && res.status <= 299;
}

function isFailureValue(value: unknown): value is Failure {
  return typeof value === 'object' && value !== null && (value as { status?: unknown }).status === 'fail';
}
