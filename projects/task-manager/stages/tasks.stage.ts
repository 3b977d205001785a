import {
  defineCheck,
  defineStage,
  describeStatus,
  expectContentType,
  expectJson,
  expectStatus,
  fail,
  is,
  pass,
} from '@groundwork/grader';
import { expectJsonError } from '../../kit/checks/problem-body';
import {
  as,
  createTaskFor,
  describePost,
  idOf,
  isFailure,
  isSameId,
  newTitle,
  taskPath,
  updateTask,
  userFor,
} from './task-requests';
import { TOPIC } from './topics';

const isTaskId = is.where(
  'a non-empty string or an integer',
  (v) => (typeof v === 'string' && v !== '') || Number.isInteger(v),
);

const createTask201 = defineCheck({
  id: 'create-task-201',
  title: 'POST /tasks answers 201 with the task and a Location that GET answers',
  topic: TOPIC.crudOperations,
  async run(ctx) {
    const user = await userFor(ctx, 'owner');
    if (isFailure(user)) return user;
    const body = { title: newTitle(ctx), dueDate: '2030-01-31' };
    const res = await ctx.http.post('/tasks', { json: body, ...as(user) });
    const failure =
      expectStatus(res, 201, {
        hint: `${describePost(body)} should answer 201 Created, but it answered ${describeStatus(res.status)}.`,
        topic: TOPIC.httpStatusCodes,
      }) ??
      expectContentType(res, 'application/json', { topic: TOPIC.restApis }) ??
      expectJson(res, {
        id: isTaskId,
        title: body.title,
        status: 'todo',
        dueDate: body.dueDate,
        description: null,
      });
    if (failure) return failure;
    const id = idOf(res);
    const location = res.header('location');
    if (location === undefined || id === undefined) {
      return fail({
        expected: `a Location header pointing at /tasks/${String(id)}`,
        actual: 'no Location header',
        hint: `${describePost(body)} should send a Location header pointing at the new task (/tasks/${String(id)}), but it sent none.`,
        topic: TOPIC.restApis,
        exchange: res.exchange,
      });
    }
    const located = await ctx.http.get(new URL(location, res.url).href, as(user));
    return (
      expectStatus(located, 200, {
        hint: `GET ${location}, the Location of the new task, should answer 200 OK with it, but it answered ${describeStatus(located.status)}.`,
        topic: TOPIC.restApis,
      }) ??
      expectJson(located, {
        id: is.where(`the id ${String(id)}`, (v) => isSameId(v, id)),
        title: body.title,
      }) ??
      pass()
    );
  },
});

const updateTask200 = defineCheck({
  id: 'update-task-200',
  title: 'PATCH /tasks/{id} changes the fields sent and keeps the others',
  topic: TOPIC.crudOperations,
  async run(ctx) {
    const user = await userFor(ctx, 'owner');
    if (isFailure(user)) return user;
    const original = { title: newTitle(ctx), description: 'Written by the grader', dueDate: '2030-03-01' };
    const task = await createTaskFor(ctx, user, 'it can be updated', original);
    if (isFailure(task)) return task;
    const res = await updateTask(ctx, user, task.id, { status: 'in_progress' });
    const failure = expectStatus(res, 200, {
      hint: `PATCH ${taskPath(task.id)} with {"status":"in_progress"} (and If-Match from GET) should answer 200 OK with the task, but it answered ${describeStatus(res.status)}.`,
    });
    if (failure) return failure;
    const read = await ctx.http.get(taskPath(task.id), as(user));
    const expected = { ...original, status: 'in_progress' };
    return (
      expectJson(read, expected, {
        hint: `After PATCH ${taskPath(task.id)} with only {"status":"in_progress"}, GET should show the new status and every other field as before (${JSON.stringify(original)}), but it shows ${read.text().slice(0, 200)}: PATCH changes only the fields it is sent.`,
      }) ?? pass()
    );
  },
});

const deleteTask204 = defineCheck({
  id: 'delete-task-204',
  title: 'DELETE /tasks/{id} answers 204, and the task is gone',
  topic: TOPIC.crudOperations,
  async run(ctx) {
    const user = await userFor(ctx, 'owner');
    if (isFailure(user)) return user;
    const task = await createTaskFor(ctx, user, 'it can be deleted');
    if (isFailure(task)) return task;
    const deleted = await ctx.http.delete(taskPath(task.id), as(user));
    const failure = expectStatus(deleted, 204, {
      hint: `DELETE ${taskPath(task.id)} should answer 204 No Content, but it answered ${describeStatus(deleted.status)}.`,
      topic: TOPIC.httpStatusCodes,
    });
    if (failure) return failure;
    const read = await ctx.http.get(taskPath(task.id), as(user));
    return (
      expectStatus(read, 404, {
        hint: `After DELETE ${taskPath(task.id)} answered 204, GET ${taskPath(task.id)} should answer 404 Not Found, but it answered ${describeStatus(read.status)}: the task is still there.`,
      }) ?? pass()
    );
  },
});

const unknownTask404 = defineCheck({
  id: 'unknown-task-404',
  title: 'GET, PATCH and DELETE of a task that no longer exists answer 404',
  topic: TOPIC.httpStatusCodes,
  async run(ctx) {
    const user = await userFor(ctx, 'owner');
    if (isFailure(user)) return user;
    const task = await createTaskFor(ctx, user, 'its id can be used once it is gone');
    if (isFailure(task)) return task;
    const deleted = await ctx.http.delete(taskPath(task.id), as(user));
    if (deleted.status < 200 || deleted.status > 299) {
      return fail({
        expected: 'a 2xx status',
        actual: `status ${describeStatus(deleted.status)}`,
        hint: `DELETE ${taskPath(task.id)} should delete the task so its id can be tested as unknown, but it answered ${describeStatus(deleted.status)}.`,
        exchange: deleted.exchange,
      });
    }
    const path = taskPath(task.id);
    const attempts = [
      { request: `GET ${path}`, send: () => ctx.http.get(path, as(user)) },
      {
        request: `PATCH ${path}`,
        send: () => ctx.http.patch(path, { json: { title: 'x' }, ...as(user, { 'if-match': '*' }) }),
      },
      { request: `DELETE ${path}`, send: () => ctx.http.delete(path, as(user)) },
    ];
    for (const { request, send } of attempts) {
      const res = await send();
      const failure = expectJsonError(res, {
        status: 404,
        request: `${request} for a deleted task`,
        ...(res.status >= 500 ? { why: 'look the task up and answer 404 when no row comes back' } : {}),
      });
      if (failure) return failure;
    }
    return pass();
  },
});

export const tasksStage = defineStage({
  id: 'tasks',
  title: 'Tasks: create, read, update, delete',
  difficulty: 'beginner',
  needs: ['log-in'],
  topics: [TOPIC.crudOperations, TOPIC.restApis, TOPIC.httpStatusCodes],
  checks: [createTask201, updateTask200, deleteTask204, unknownTask404],
});
