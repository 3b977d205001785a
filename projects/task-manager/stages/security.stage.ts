import { defineCheck, defineStage, type HttpResponse, pass } from '@groundwork/grader';
import { as, createTaskFor, idOf, isFailure, newTitle, taskPath, userFor, users } from './task-requests';
import { TOPIC } from './topics';

// the spec's promise: a 429 by the 11th failed log-in; a few more for servers that count differently
const MAX_FAILED_LOG_INS = 15;
const MAX_BRUTE_FORCE_MS = 20_000;

const massAssignment = defineCheck({
  id: 'mass-assignment',
  title: 'ownerId, userId, id and role in a task body are ignored or refused',
  topic: TOPIC.apiSecurity,
  async run(ctx) {
    const attacker = await userFor(ctx, 'owner');
    if (isFailure(attacker)) return attacker;
    const victim = await userFor(ctx, 'other');
    if (isFailure(victim)) return victim;
    const title = newTitle(ctx);
    const victimId = victim.id ?? 1;
    let created: HttpResponse | undefined;
    const verdict = await ctx.probes.massAssignment({
      fields: { ownerId: victimId, userId: victimId, owner: victimId, role: 'admin' },
      send: async (extra) => {
        created = await ctx.http.post('/tasks', { json: { title, ...extra }, ...as(attacker) });
        return created;
      },
      readBack: async (sent) => {
        const id = idOf(sent);
        return ctx.http.get(id === undefined ? '/tasks' : taskPath(id), as(attacker));
      },
    });
    if (verdict.status !== 'pass' || created === undefined || created.status >= 300) return verdict;
    // the body's owner fields must not move the task into the victim's account
    const id = idOf(created);
    if (id === undefined) return verdict;
    return ctx.probes.objectAuthorisation({
      description: `the task ${String(id)}, created with "ownerId": ${JSON.stringify(victimId)} in its body`,
      asOwner: () => ctx.http.get(taskPath(id), as(attacker)),
      attempts: [{ action: 'read', send: () => ctx.http.get(taskPath(id), as(victim)) }],
    });
  },
});

const loginRateLimit = defineCheck({
  id: 'login-rate-limit',
  title: 'Repeated failed log-ins for one account end in 429 with Retry-After',
  topic: TOPIC.rateLimiting,
  async run(ctx) {
    const target = await users.create(ctx, 'brute-force-target');
    if (isFailure(target)) return target;
    return ctx.probes.loginBruteForce({
      maxAttempts: MAX_FAILED_LOG_INS,
      maxDurationMs: MAX_BRUTE_FORCE_MS,
      attempt: (n) =>
        ctx.http.post('/auth/login', {
          json: { email: target.email, password: `wrong-${n}-${target.password}` },
        }),
    });
  },
});

const responseHygiene = defineCheck({
  id: 'response-hygiene',
  title: "No response carries a password, a hash, or another user's token",
  topic: TOPIC.apiSecurity,
  async run(ctx) {
    const user = await userFor(ctx, 'owner');
    if (isFailure(user)) return user;
    const other = await userFor(ctx, 'other');
    if (isFailure(other)) return other;
    const task = await createTaskFor(ctx, user, 'its responses can be checked');
    if (isFailure(task)) return task;
    const responses = [
      task.res,
      await ctx.http.get('/me', as(user)),
      await ctx.http.get(taskPath(task.id), as(user)),
      await ctx.http.get('/tasks', as(user)),
      await ctx.http.post('/auth/login', { json: { email: user.email, password: user.password } }),
    ];
    const verdict = ctx.probes.responseHygiene({
      responses,
      forbidden: [
        { value: user.password, description: 'the password' },
        { value: other.token, description: "another user's token" },
      ],
    });
    return verdict.status === 'fail' ? { ...verdict, topic: TOPIC.passwordHashing } : verdict;
  },
});

const sqliQueryParams = defineCheck({
  id: 'sqli-query-params',
  title: 'status, sort and dueFrom that carry SQL are refused (400), never run',
  topic: TOPIC.sqlInjection,
  async run(ctx) {
    const user = await userFor(ctx, 'owner');
    if (isFailure(user)) return user;
    for (const param of ['status', 'sort', 'dueFrom']) {
      const verdict = await ctx.probes.sqlInjection({
        description: `the ${param} query parameter of GET /tasks`,
        send: (input) => ctx.http.get(`/tasks?${new URLSearchParams({ [param]: input })}`, as(user)),
      });
      if (verdict.status !== 'pass') return verdict;
    }
    return pass();
  },
});

export const securityStage = defineStage({
  id: 'security',
  title: 'Security',
  difficulty: 'intermediate',
  needs: ['isolation'],
  topics: [
    TOPIC.apiSecurity,
    TOPIC.rateLimiting,
    TOPIC.passwordHashing,
    TOPIC.sqlInjection,
    TOPIC.owaspTopTen,
  ],
  checks: [massAssignment, loginRateLimit, responseHygiene, sqliQueryParams],
});
