import {
  type CheckContext,
  defineTestUsers,
  describeStatus,
  type Failure,
  fail,
  type HttpResponse,
  type TestUser,
} from '@groundwork/grader';
import { describeJson, isObject } from '../../kit/checks/problem-body';
import { TOPIC } from './topics';

/** The grader's users, signed up and logged in through the learner's API as spec.md describes it. */
export const users = defineTestUsers({
  signUp: { path: '/auth/signup', body: ({ email, password, name }) => ({ email, password, name }) },
  logIn: {
    path: '/auth/login',
    body: ({ email, password }) => ({ email, password }),
    tokenPaths: ['token', 'accessToken', 'access_token'],
  },
  topic: TOPIC.signupAndLoginFlows,
});

/** A task id as the contract allows it: a non-empty string or an integer. */
export type TaskId = string | number;

export interface CreatedTask {
  id: TaskId;
  res: HttpResponse;
}

export function isFailure(value: unknown): value is Failure {
  return isObject(value) && value.status === 'fail';
}

/** `{ authorization: 'Bearer …' }` plus any other headers. */
export function as(
  user: TestUser,
  headers: Readonly<Record<string, string>> = {},
): { headers: Record<string, string> } {
  return { headers: { ...user.headers, ...headers } };
}

/** The user called `label`, created on first use; a failure when sign-up or log-in did not work. */
export function userFor(ctx: CheckContext, label: string): Promise<TestUser | Failure> {
  return users.get(ctx, label);
}

/** The id of the task in a body, when it is a non-empty string or an integer. */
export function idOf(res: HttpResponse): TaskId | undefined {
  const body = res.json();
  if (!isObject(body)) return undefined;
  const { id } = body;
  return (typeof id === 'string' && id !== '') || Number.isInteger(id) ? (id as TaskId) : undefined;
}

export function taskPath(id: TaskId): string {
  return `/tasks/${encodeURIComponent(String(id))}`;
}

/** `POST /tasks with {"title":"…"}`: a request as hints name it. */
export function describePost(body: unknown): string {
  return `POST /tasks with ${describeJson(body)}`;
}

/** A unique task title. */
export function newTitle(ctx: CheckContext): string {
  return `Groundwork task ${ctx.data.slug()}`;
}

/**
 * Creates a task a check needs (setup: any 2xx with an id in the body, or in Location, will do; the tasks
 * stage grades creation itself).
 */
export async function createTaskFor(
  ctx: CheckContext,
  user: TestUser,
  purpose: string,
  body: Readonly<Record<string, unknown>> = { title: newTitle(ctx) },
): Promise<CreatedTask | Failure> {
  const res = await ctx.http.post('/tasks', { json: body, ...as(user) });
  const id = idOf(res) ?? idFromLocation(res);
  if (res.status >= 200 && res.status <= 299 && id !== undefined) return { id, res };
  return fail({
    expected: 'a 2xx status with the new task and its id',
    actual: `status ${describeStatus(res.status)}${id === undefined ? ' without an id' : ''}`,
    hint: `${describePost(body)} should create a task so that ${purpose}, but it answered ${describeStatus(res.status)}${id === undefined ? ' with no id' : ''}.`,
    topic: TOPIC.crudOperations,
    exchange: res.exchange,
  });
}

function idFromLocation(res: HttpResponse): string | undefined {
  const location = res.header('location');
  if (location === undefined || !URL.canParse(location, res.url)) return undefined;
  const last = new URL(location, res.url).pathname.split('/').filter(Boolean).at(-1);
  return last === undefined ? undefined : decodeURIComponent(last);
}

/** Two ids name the same task: the contract allows 42 and "42" alike. */
export function isSameId(actual: unknown, expected: TaskId): boolean {
  return (typeof actual === 'string' || typeof actual === 'number') && String(actual) === String(expected);
}

/** The ETag of a read, or `*` (any version) when the server sends none, for If-Match on an update. */
export function ifMatchFor(read: HttpResponse): string {
  return read.header('etag') ?? '*';
}

/** Reads a task and updates it the way the contract asks (If-Match from the read). */
export async function updateTask(
  ctx: CheckContext,
  user: TestUser,
  id: TaskId,
  change: Readonly<Record<string, unknown>>,
): Promise<HttpResponse> {
  const read = await ctx.http.get(taskPath(id), as(user));
  return ctx.http.patch(taskPath(id), { json: change, ...as(user, { 'if-match': ifMatchFor(read) }) });
}
