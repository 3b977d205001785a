import { defineCheck, defineStage, describeStatus, fail, type HttpResponse, pass } from '@groundwork/grader';
import { isObject } from '../../kit/checks/problem-body';
import {
  as,
  createTaskFor,
  idOf,
  isFailure,
  isSameId,
  newTitle,
  taskPath,
  userFor,
  users,
} from './task-requests';
import { TOPIC } from './topics';

/** GET /tasks with this Authorization header, or none. */
function listWith(
  ctx: Parameters<typeof userFor>[0],
  authorization: string | undefined,
): Promise<HttpResponse> {
  return ctx.http.get('/tasks', authorization === undefined ? {} : { headers: { authorization } });
}

const missingToken401 = defineCheck({
  id: 'missing-token-401',
  title: 'Task routes without an Authorization header answer 401',
  topic: TOPIC.authenticationVsAuthorization,
  async run(ctx) {
    const user = await userFor(ctx, 'owner');
    if (isFailure(user)) return user;
    const task = await createTaskFor(ctx, user, 'a real task can be asked for without a token');
    if (isFailure(task)) return task;
    const listed = await ctx.probes.brokenAuthentication({
      token: user.token,
      kinds: ['missing'],
      send: (authorization) => listWith(ctx, authorization),
    });
    if (listed.status !== 'pass') return listed;
    for (const res of [
      await ctx.http.get(taskPath(task.id)),
      await ctx.http.post('/tasks', { json: { title: newTitle(ctx) } }),
    ]) {
      if (res.status === 401) continue;
      return fail({
        expected: '401 Unauthorized without a token',
        actual: `status ${describeStatus(res.status)}`,
        hint: `${res.method} ${new URL(res.url).pathname} without an Authorization header answered ${describeStatus(res.status)}, but every task route should answer 401 until the caller signs in.`,
        exchange: res.exchange,
      });
    }
    return pass();
  },
});

const invalidToken401 = defineCheck({
  id: 'invalid-token-401',
  title: 'Malformed, tampered or forged tokens answer 401',
  topic: TOPIC.tokenAuthentication,
  async run(ctx) {
    const user = await userFor(ctx, 'owner');
    if (isFailure(user)) return user;
    return ctx.probes.brokenAuthentication({
      token: user.token,
      kinds: ['malformed', 'tampered', 'forged'],
      send: (authorization) => listWith(ctx, authorization),
    });
  },
});

export const authenticationStage = defineStage({
  id: 'authentication',
  title: 'Authentication',
  difficulty: 'intermediate',
  needs: ['tasks'],
  topics: [TOPIC.authenticationVsAuthorization, TOPIC.tokenAuthentication, TOPIC.apiSecurity],
  checks: [missingToken401, invalidToken401],
});

const crossUserTaskAccess = defineCheck({
  id: 'cross-user-task-access',
  title: "Another user's task answers 404 or 403 to GET, PATCH and DELETE, and stays as it was",
  topic: TOPIC.authenticationVsAuthorization,
  async run(ctx) {
    const owner = await userFor(ctx, 'owner');
    if (isFailure(owner)) return owner;
    const other = await userFor(ctx, 'other');
    if (isFailure(other)) return other;
    const title = newTitle(ctx);
    const task = await createTaskFor(ctx, owner, "another user's access can be tested", { title });
    if (isFailure(task)) return task;
    const path = taskPath(task.id);
    return ctx.probes.objectAuthorisation({
      description: `the task at ${path}`,
      asOwner: () => ctx.http.get(path, as(owner)),
      attempts: [
        { action: 'read', send: () => ctx.http.get(path, as(other)) },
        {
          action: 'update',
          send: () =>
            ctx.http.patch(path, { json: { title: 'taken over' }, ...as(other, { 'if-match': '*' }) }),
        },
        { action: 'delete', send: () => ctx.http.delete(path, as(other)) },
      ],
      isUnchanged: (read) => {
        const body = read.json();
        return isObject(body) && body.title === title;
      },
    });
  },
});

const crossUserListing = defineCheck({
  id: 'cross-user-listing',
  title: "GET /tasks lists only the caller's own tasks",
  topic: TOPIC.authenticationVsAuthorization,
  async run(ctx) {
    const owner = await userFor(ctx, 'owner');
    if (isFailure(owner)) return owner;
    const stranger = await users.create(ctx, 'stranger');
    if (isFailure(stranger)) return stranger;
    const task = await createTaskFor(ctx, owner, "another user's listing can be checked for it");
    if (isFailure(task)) return task;
    const res = await ctx.http.get('/tasks?limit=100', as(stranger));
    const body = res.json();
    const items = isObject(body) && Array.isArray(body.items) ? body.items : [];
    const leaked = items.find((item) => isObject(item) && isSameId(item.id, task.id));
    if (res.status === 200 && leaked === undefined && items.length === 0) return pass();
    return fail({
      expected: 'an empty list for a user who has no tasks',
      actual: `status ${describeStatus(res.status)} with ${items.length} items${leaked ? `, among them task ${String(idOf(task.res))} of another user` : ''}`,
      hint: `GET /tasks for a new user who created nothing should answer 200 with no items, but it answered ${describeStatus(res.status)} with ${items.length}: filter every query by the signed-in user.`,
      exchange: res.exchange,
    });
  },
});

export const isolationStage = defineStage({
  id: 'isolation',
  title: 'Isolation between users',
  difficulty: 'intermediate',
  needs: ['authentication'],
  topics: [TOPIC.authenticationVsAuthorization, TOPIC.apiSecurity, TOPIC.owaspTopTen],
  checks: [crossUserTaskAccess, crossUserListing],
});
