import { defineCheck, defineStage, describeStatus, fail, pass } from '@groundwork/grader';
import { expectJsonError, isObject } from '../../kit/checks/problem-body';
import { as, createTaskFor, isFailure, newTitle, taskPath, userFor } from './task-requests';
import { TOPIC } from './topics';

const etagOnRead = defineCheck({
  id: 'etag-on-read',
  title: 'GET /tasks/{id} sends an ETag, and a new one after each update',
  topic: TOPIC.httpCaching,
  async run(ctx) {
    const user = await userFor(ctx, 'owner');
    if (isFailure(user)) return user;
    const task = await createTaskFor(ctx, user, 'its ETag can be read');
    if (isFailure(task)) return task;
    const path = taskPath(task.id);
    const read = await ctx.http.get(path, as(user));
    const etag = read.header('etag');
    if (read.status !== 200 || etag === undefined) {
      return fail({
        expected: '200 with an ETag header',
        actual: `status ${describeStatus(read.status)}${etag === undefined ? ' without an ETag' : ''}`,
        hint: `GET ${path} should answer 200 with an ETag header naming this version of the task, but it answered ${describeStatus(read.status)}${etag === undefined ? ' without one' : ''}.`,
        exchange: read.exchange,
      });
    }
    const updated = await ctx.http.patch(path, {
      json: { title: newTitle(ctx) },
      ...as(user, { 'if-match': etag }),
    });
    if (updated.status !== 200) {
      return fail({
        expected: '200 for an update with the current ETag',
        actual: `status ${describeStatus(updated.status)}`,
        hint: `PATCH ${path} with If-Match: ${etag} (the ETag GET just sent) should answer 200, but it answered ${describeStatus(updated.status)}.`,
        exchange: updated.exchange,
      });
    }
    const reread = await ctx.http.get(path, as(user));
    if (reread.header('etag') !== undefined && reread.header('etag') !== etag) return pass();
    return fail({
      expected: `an ETag other than ${etag} after the update`,
      actual: `etag: ${reread.header('etag') ?? 'none'}`,
      hint: `After an update, GET ${path} should send a new ETag, but it sent ${reread.header('etag') ?? 'none'}: build the ETag from something every update changes (a version number).`,
      exchange: reread.exchange,
    });
  },
});

const staleUpdate412 = defineCheck({
  id: 'stale-update-412',
  title: 'An update with an ETag that is no longer current answers 412 and changes nothing',
  topic: TOPIC.transactionsAndAcid,
  async run(ctx) {
    const user = await userFor(ctx, 'owner');
    if (isFailure(user)) return user;
    const task = await createTaskFor(ctx, user, 'two updates can race for it');
    if (isFailure(task)) return task;
    const path = taskPath(task.id);
    const etag = (await ctx.http.get(path, as(user))).header('etag') ?? '*';
    const winner = newTitle(ctx);
    const first = await ctx.http.patch(path, { json: { title: winner }, ...as(user, { 'if-match': etag }) });
    if (first.status < 200 || first.status > 299) {
      return fail({
        expected: 'a 2xx status for the first update',
        actual: `status ${describeStatus(first.status)}`,
        hint: `PATCH ${path} with the current ETag should succeed, but it answered ${describeStatus(first.status)}.`,
        exchange: first.exchange,
      });
    }
    const stale = await ctx.http.patch(path, {
      json: { title: 'stale write' },
      ...as(user, { 'if-match': etag }),
    });
    const failure = expectJsonError(stale, {
      status: 412,
      request: `PATCH ${path} with If-Match: ${etag}, an ETag another update already replaced,`,
      why: 'compare If-Match with the current version in the UPDATE itself (… WHERE id = $1 AND version = $2)',
    });
    if (failure) return failure;
    const read = await ctx.http.get(path, as(user));
    const body = read.json();
    if (isObject(body) && body.title === winner) return pass();
    return fail({
      expected: `title "${winner}" (the first update's)`,
      actual: `title ${JSON.stringify(isObject(body) ? body.title : undefined)}`,
      hint: `After the stale PATCH ${path} was refused with 412, the task should keep the first update's title, but it does not.`,
      exchange: read.exchange,
    });
  },
});

const missingIfMatch428 = defineCheck({
  id: 'missing-if-match-428',
  title: 'An update without If-Match answers 428 and changes nothing',
  topic: TOPIC.httpStatusCodes,
  async run(ctx) {
    const user = await userFor(ctx, 'owner');
    if (isFailure(user)) return user;
    const title = newTitle(ctx);
    const task = await createTaskFor(ctx, user, 'it can be updated without If-Match', { title });
    if (isFailure(task)) return task;
    const path = taskPath(task.id);
    const res = await ctx.http.patch(path, { json: { title: 'blind write' }, ...as(user) });
    const failure = expectJsonError(res, {
      status: 428,
      request: `PATCH ${path} without If-Match`,
      rule: 'the contract requires If-Match on every update',
    });
    if (failure) return failure;
    const body = (await ctx.http.get(path, as(user))).json();
    if (isObject(body) && body.title === title) return pass();
    return fail({
      expected: `title "${title}" unchanged`,
      actual: `title ${JSON.stringify(isObject(body) ? body.title : undefined)}`,
      hint: `PATCH ${path} without If-Match answered 428 but changed the task anyway: refuse before writing.`,
    });
  },
});

export const concurrencyStage = defineStage({
  id: 'concurrency',
  title: 'Optimistic concurrency',
  difficulty: 'intermediate',
  needs: ['tasks'],
  topics: [TOPIC.httpCaching, TOPIC.transactionsAndAcid, TOPIC.httpStatusCodes, TOPIC.threadsAndConcurrency],
  checks: [etagOnRead, staleUpdate412, missingIfMatch428],
});
