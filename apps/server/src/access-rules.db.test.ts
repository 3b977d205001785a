/**
 * Walks every operation in the OpenAPI document and checks its declared access rule (`x-access`)
 * against anonymous, learner, mentor and admin callers — and, where the route names a resource, against
 * another user's resource. A route without a case below fails this test: no route ships untested.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { REPO_CONTENT_DIR } from './test/content-fixture';
import { emptyReport } from './test/grading-fixture';
import { type Caller, createTestApp, signUp, signUpAs, type TestApp } from './test/test-app';

type Role = 'learner' | 'mentor' | 'admin';
type Context = { caller: Caller | undefined; admin: Caller; t: TestApp };
type RouteCase = {
  /** A valid request for this caller; built fresh for every call. */
  request(context: Context): InjectOptions | Promise<InjectOptions>;
  /** What a permitted caller gets. */
  okStatus: number;
  /**
   * The same request aimed at a resource owned by someone else, and what a permitted caller (an admin
   * unless `as` says otherwise) must get.
   */
  foreign?: {
    request(context: Context & { caller: Caller }): Promise<InjectOptions>;
    status: number;
    as?: Role;
  };
};

/** A finished, self-reported submission owned by `owner`. */
async function uploadSubmission(t: TestApp, owner: Caller): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/submissions/upload',
    headers: owner.writeHeaders,
    payload: { report: emptyReport() },
  });
  return response.json().id;
}

/** A queued submission owned by `owner` (no worker runs in this file, so it stays queued). */
async function queueSubmission(t: TestApp, owner: Caller): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/submissions',
    headers: owner.writeHeaders,
    payload: { project: 'url-shortener', url: 'http://127.0.0.1:9' },
  });
  return response.json().id;
}

async function createToken(t: TestApp, owner: Caller): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/tokens',
    headers: owner.writeHeaders,
    payload: { name: 'fixture' },
  });
  return response.json().token.id;
}

const CASES: Record<string, RouteCase> = {
  getLiveness: { request: () => ({ method: 'GET', url: '/healthz' }), okStatus: 200 },
  getReadiness: { request: () => ({ method: 'GET', url: '/readyz' }), okStatus: 200 },
  getMetrics: { request: () => ({ method: 'GET', url: '/metrics' }), okStatus: 200 },
  listProblemTypes: { request: () => ({ method: 'GET', url: '/problems' }), okStatus: 200 },
  getProblemType: { request: () => ({ method: 'GET', url: '/problems/not_found' }), okStatus: 200 },
  signup: {
    request: () => ({
      method: 'POST',
      url: '/api/auth/signup',
      payload: {
        email: `walk-${Math.random().toString(36).slice(2)}@example.com`,
        password: 'long enough password',
        name: 'W',
      },
    }),
    okStatus: 201,
  },
  login: {
    request: ({ admin }) => ({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: admin.user.email, password: 'a long enough password' },
    }),
    okStatus: 200,
  },
  logout: { request: () => ({ method: 'POST', url: '/api/auth/logout' }), okStatus: 204 },
  getCurrentUser: { request: () => ({ method: 'GET', url: '/api/me' }), okStatus: 200 },
  listTokens: { request: () => ({ method: 'GET', url: '/api/tokens' }), okStatus: 200 },
  createToken: {
    request: () => ({ method: 'POST', url: '/api/tokens', payload: { name: 'walk' } }),
    okStatus: 201,
  },
  revokeToken: {
    request: async ({ caller, admin, t }) => ({
      method: 'DELETE',
      url: `/api/tokens/${await createToken(t, caller ?? admin)}`,
    }),
    okStatus: 204,
    foreign: {
      request: async ({ t }) => ({
        method: 'DELETE',
        url: `/api/tokens/${await createToken(t, await signUp(t.app))}`,
      }),
      status: 404,
    },
  },
  listUsers: { request: () => ({ method: 'GET', url: '/api/admin/users' }), okStatus: 200 },
  changeUserRole: {
    request: async ({ t }) => ({
      method: 'PATCH',
      url: `/api/admin/users/${(await signUp(t.app)).user.id}`,
      payload: { role: 'mentor' },
    }),
    okStatus: 200,
  },
  listAuditEvents: { request: () => ({ method: 'GET', url: '/api/admin/audit-events' }), okStatus: 200 },
  getRoadmap: { request: () => ({ method: 'GET', url: '/api/roadmap' }), okStatus: 200 },
  getTopic: { request: () => ({ method: 'GET', url: '/api/roadmap/topics/http' }), okStatus: 200 },
  listPages: { request: () => ({ method: 'GET', url: '/api/pages' }), okStatus: 200 },
  getPage: { request: () => ({ method: 'GET', url: '/api/pages/faq' }), okStatus: 200 },
  // progress routes name no one else's resource: each reads and writes the caller's own progress only
  getMyProgress: { request: () => ({ method: 'GET', url: '/api/progress' }), okStatus: 200 },
  setTopicProgress: {
    request: () => ({ method: 'PUT', url: '/api/progress/topics/http', payload: { status: 'learning' } }),
    okStatus: 200,
  },
  getProgressTimeline: { request: () => ({ method: 'GET', url: '/api/progress/timeline' }), okStatus: 200 },
  getProgressActivity: { request: () => ({ method: 'GET', url: '/api/progress/activity' }), okStatus: 200 },
  exportProgress: { request: () => ({ method: 'GET', url: '/api/progress/export' }), okStatus: 200 },
  importProgress: {
    request: () => ({
      method: 'POST',
      url: '/api/progress/import',
      payload: {
        schemaVersion: 1,
        entries: [{ topicId: 'http', status: 'done', note: null, updatedAt: new Date().toISOString() }],
      },
    }),
    okStatus: 200,
  },
  resetProgress: { request: () => ({ method: 'POST', url: '/api/progress/reset' }), okStatus: 204 },
  listProjects: { request: () => ({ method: 'GET', url: '/api/projects' }), okStatus: 200 },
  getProject: { request: () => ({ method: 'GET', url: '/api/projects/url-shortener' }), okStatus: 200 },
  getProjectContract: {
    request: () => ({ method: 'GET', url: '/api/projects/url-shortener/contract' }),
    okStatus: 200,
  },
  getProjectMessagesContract: {
    request: () => ({ method: 'GET', url: '/api/projects/chat/messages-contract' }),
    okStatus: 200,
  },
  createSubmission: {
    request: () => ({
      method: 'POST',
      url: '/api/submissions',
      payload: { project: 'url-shortener', url: 'http://127.0.0.1:9' },
    }),
    okStatus: 202,
  },
  uploadSubmission: {
    request: () => ({ method: 'POST', url: '/api/submissions/upload', payload: { report: emptyReport() } }),
    okStatus: 201,
  },
  listSubmissions: { request: () => ({ method: 'GET', url: '/api/submissions' }), okStatus: 200 },
  getSubmission: {
    request: async ({ caller, admin, t }) => ({
      method: 'GET',
      url: `/api/submissions/${await uploadSubmission(t, caller ?? admin)}`,
    }),
    okStatus: 200,
    foreign: {
      request: async ({ t }) => ({
        method: 'GET',
        url: `/api/submissions/${await uploadSubmission(t, await signUp(t.app))}`,
      }),
      status: 404,
      as: 'learner',
    },
  },
  cancelSubmission: {
    request: async ({ caller, admin, t }) => ({
      method: 'POST',
      url: `/api/submissions/${await queueSubmission(t, caller ?? admin)}/cancel`,
    }),
    okStatus: 200,
    foreign: {
      request: async ({ t }) => ({
        method: 'POST',
        url: `/api/submissions/${await queueSubmission(t, await signUp(t.app))}/cancel`,
      }),
      status: 404,
      as: 'learner',
    },
  },
  // a plain request is answered 426 once the rule and the submission's owner have been checked
  streamSubmission: {
    request: async ({ caller, admin, t }) => ({
      method: 'GET',
      url: `/api/submissions/${await uploadSubmission(t, caller ?? admin)}/stream`,
    }),
    okStatus: 426,
    foreign: {
      request: async ({ t }) => ({
        method: 'GET',
        url: `/api/submissions/${await uploadSubmission(t, await signUp(t.app))}/stream`,
      }),
      status: 404,
      as: 'learner',
    },
  },
};

const PERMITTED: Record<string, readonly (Role | 'anonymous')[]> = {
  public: ['anonymous', 'learner', 'mentor', 'admin'],
  optional: ['anonymous', 'learner', 'mentor', 'admin'],
  user: ['learner', 'mentor', 'admin'],
  mentor: ['mentor', 'admin'],
  admin: ['admin'],
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let t: TestApp;
let admin: Caller;
type Operation = { operationId: string; method: string; access: string };
let operations: Operation[] = [];

before(async () => {
  t = await createTestApp({}, { contentDir: REPO_CONTENT_DIR });
  admin = await signUp(t.app, { email: 'walk-admin@example.com' });
  const document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  operations = Object.values(
    document.paths as Record<string, Record<string, { operationId: string; 'x-access': string }>>,
  ).flatMap((item) =>
    Object.entries(item).map(([method, op]) => ({
      operationId: op.operationId,
      method: method.toUpperCase(),
      access: op['x-access'],
    })),
  );
});
after(() => t.close());

function withAuth(options: InjectOptions, caller: Caller | undefined, method: string): InjectOptions {
  if (!caller) return options;
  const auth = UNSAFE.has(method) ? caller.writeHeaders : caller.headers;
  return { ...options, headers: { ...(options.headers as Record<string, string>), ...auth } };
}

async function callerFor(role: Role | 'anonymous'): Promise<Caller | undefined> {
  return role === 'anonymous' ? undefined : signUpAs(t.app, admin, role);
}

describe('every route declares an access rule, and it holds', () => {
  it('has a case for every operation in the OpenAPI document, and no stale cases', () => {
    const ids = operations.map((op) => op.operationId);
    assert.ok(ids.length >= 15);
    assert.deepEqual(
      ids.filter((id) => !CASES[id]),
      [],
      'operations without an access case',
    );
    assert.deepEqual(
      Object.keys(CASES).filter((id) => !ids.includes(id)),
      [],
      'cases for routes that no longer exist',
    );
    for (const op of operations) assert.ok(op.access in PERMITTED, `${op.operationId} declares a known rule`);
  });

  it('answers each caller as the rule says: permitted → works, anonymous → 401, wrong role → 403', async () => {
    for (const op of operations) {
      const routeCase = CASES[op.operationId];
      assert.ok(routeCase);
      for (const role of ['anonymous', 'learner', 'mentor', 'admin'] as const) {
        const caller = await callerFor(role);
        const request = withAuth(await routeCase.request({ caller, admin, t }), caller, op.method);
        const response = await t.app.inject(request);
        const permitted = PERMITTED[op.access]?.includes(role);
        const expected: number = permitted ? routeCase.okStatus : role === 'anonymous' ? 401 : 403;
        assert.equal(
          response.statusCode,
          expected,
          `${op.operationId} as ${role}: ${response.body.slice(0, 200)}`,
        );
      }
    }
  });

  it('treats a personal access token like the session of the same user', async () => {
    for (const op of operations.filter((candidate) => candidate.access !== 'public')) {
      const routeCase = CASES[op.operationId];
      assert.ok(routeCase);
      const learner = await signUp(t.app);
      const { secret } = (
        await t.app.inject({
          method: 'POST',
          url: '/api/tokens',
          headers: learner.writeHeaders,
          payload: { name: 'walk' },
        })
      ).json();
      const request = await routeCase.request({ caller: learner, admin, t });
      const response = await t.app.inject({ ...request, headers: { authorization: `Bearer ${secret}` } });
      const expected = PERMITTED[op.access]?.includes('learner') ? routeCase.okStatus : 403;
      assert.equal(response.statusCode, expected, `${op.operationId} with a learner's token`);
    }
  });

  it("refuses another user's resource on every route that names one", async () => {
    for (const op of operations) {
      const foreign = CASES[op.operationId]?.foreign;
      if (!foreign) continue;
      const caller = await signUpAs(t.app, admin, foreign.as ?? 'admin');
      const request = withAuth(await foreign.request({ caller, admin, t }), caller, op.method);
      assert.equal(
        (await t.app.inject(request)).statusCode,
        foreign.status,
        `${op.operationId} on a foreign resource`,
      );
    }
    assert.ok(
      Object.values(CASES).some((routeCase) => routeCase.foreign),
      'at least one route names a resource',
    );
  });

  it('refuses every cookie-authenticated write that lacks the CSRF token', async () => {
    const writes = operations.filter((op) => op.access !== 'public' && UNSAFE.has(op.method));
    assert.ok(writes.length >= 4);
    for (const op of writes) {
      const caller = await signUpAs(t.app, admin, 'admin');
      const request = await (CASES[op.operationId] as RouteCase).request({ caller, admin, t });
      const response = await t.app.inject({ ...request, headers: caller.headers });
      assert.equal(response.statusCode, 403, op.operationId);
      assert.equal(response.json().code, 'csrf_token_invalid');
    }
  });
});
