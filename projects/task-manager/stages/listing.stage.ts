import {
  type CheckContext,
  defineCheck,
  defineStage,
  expectContentType,
  expectJsonField,
  expectStatus,
  type Failure,
  fail,
  type HttpResponse,
  is,
  pass,
  type TestUser,
} from '@groundwork/grader';
import { isObject } from '../../kit/checks/problem-body';
import { as, createTaskFor, isFailure, newTitle, type TaskId, users } from './task-requests';
import { TOPIC } from './topics';

// the grader's page cap: enough for its own tasks, few enough to end quickly
const MAX_PAGES = 30;

interface Page {
  res: HttpResponse;
  ids: string[];
  next: string | undefined;
}

/** A fresh user, so the listing holds exactly what the check creates. */
async function freshUser(ctx: CheckContext): Promise<TestUser | Failure> {
  return users.create(ctx, 'lister');
}

/** Creates tasks one after the other; their ids, oldest first. */
async function createTasks(
  ctx: CheckContext,
  user: TestUser,
  bodies: readonly Record<string, unknown>[],
): Promise<string[] | Failure> {
  const ids: string[] = [];
  for (const body of bodies) {
    const task = await createTaskFor(ctx, user, 'the listing has tasks to list', body);
    if (isFailure(task)) return task;
    ids.push(String(task.id));
  }
  return ids;
}

function withQuery(query: Readonly<Record<string, string>>): string {
  return `/tasks?${new URLSearchParams(query)}`;
}

/** Reads one page: ids as strings, and where the next page is (`nextCursor`, else `next`). */
async function fetchPage(
  ctx: CheckContext,
  user: TestUser,
  path: string,
  query: Record<string, string>,
): Promise<Page | Failure> {
  const res = await ctx.http.get(path, as(user));
  const failure =
    expectStatus(res, 200, { topic: TOPIC.apiDesign }) ??
    expectContentType(res, 'application/json', { topic: TOPIC.apiDesign }) ??
    expectJsonField(res, 'items', is.arrayOf({ id: is.anything() }), { topic: TOPIC.apiDesign });
  if (failure) return failure;
  const body = res.json() as Record<string, unknown>;
  const ids = (body.items as Array<{ id: TaskId }>).map((item) => String(item.id));
  let next: string | undefined;
  if (typeof body.nextCursor === 'string' && body.nextCursor !== '') {
    next = withQuery({ ...query, cursor: body.nextCursor });
  } else if (
    !Object.hasOwn(body, 'nextCursor') &&
    typeof body.next === 'string' &&
    URL.canParse(body.next, res.url)
  ) {
    next = new URL(body.next, res.url).href;
  }
  return { res, ids, next };
}

function isPage(value: Page | Failure): value is Page {
  return isObject(value) && 'ids' in value;
}

/** Every id of every page, walking from `query`. */
async function walk(
  ctx: CheckContext,
  user: TestUser,
  query: Record<string, string>,
): Promise<Page[] | Failure> {
  const pages: Page[] = [];
  let path: string | undefined = withQuery(query);
  while (path !== undefined && pages.length < MAX_PAGES) {
    const page = await fetchPage(ctx, user, path, query);
    if (!isPage(page)) return page;
    pages.push(page);
    path = page.next;
  }
  return pages;
}

/** Fails unless the listing for `query` is exactly `expected`, in that order. */
async function expectListing(
  ctx: CheckContext,
  user: TestUser,
  query: Record<string, string>,
  expected: readonly string[],
  what: string,
  topic: string = TOPIC.apiDesign,
): Promise<Failure | undefined> {
  const pages = await walk(ctx, user, query);
  if (!Array.isArray(pages)) return pages;
  const ids = pages.flatMap((page) => page.ids);
  if (ids.join() === expected.join()) return undefined;
  const request = `GET ${withQuery(query)}`;
  return fail({
    expected: `ids ${expected.join(', ') || 'none'}`,
    actual: `ids ${ids.join(', ') || 'none'}`,
    hint: `${request} should list ${what} (${expected.join(', ') || 'none'}), but it listed ${ids.join(', ') || 'none'}.`,
    topic,
    ...(pages[0] ? { exchange: pages[0].res.exchange } : {}),
  });
}

const listOwnTasks = defineCheck({
  id: 'list-own-tasks',
  title: "GET /tasks lists the caller's tasks, newest first",
  topic: TOPIC.apiDesign,
  async run(ctx) {
    const user = await freshUser(ctx);
    if (isFailure(user)) return user;
    const ids = await createTasks(ctx, user, [
      { title: newTitle(ctx) },
      { title: newTitle(ctx) },
      { title: newTitle(ctx) },
    ]);
    if (isFailure(ids)) return ids;
    return (
      (await expectListing(
        ctx,
        user,
        {},
        [...ids].reverse(),
        'the three tasks just created, newest first',
      )) ?? pass()
    );
  },
});

const filterStatus = defineCheck({
  id: 'filter-status',
  title: 'GET /tasks?status=done lists only done tasks',
  topic: TOPIC.apiDesign,
  async run(ctx) {
    const user = await freshUser(ctx);
    if (isFailure(user)) return user;
    const statuses = ['todo', 'done', 'in_progress', 'done'];
    const ids = await createTasks(
      ctx,
      user,
      statuses.map((status) => ({ title: newTitle(ctx), status })),
    );
    if (isFailure(ids)) return ids;
    const done = ids.filter((_, index) => statuses[index] === 'done').reverse();
    return (
      (await expectListing(ctx, user, { status: 'done' }, done, 'only the two done tasks, newest first')) ??
      pass()
    );
  },
});

const filterDueRange = defineCheck({
  id: 'filter-due-range',
  title: 'dueFrom and dueTo keep the tasks due between them, both days included',
  topic: TOPIC.apiDesign,
  async run(ctx) {
    const user = await freshUser(ctx);
    if (isFailure(user)) return user;
    const dates = ['2030-04-30', '2030-05-01', '2030-05-15', '2030-05-31', '2030-06-01', null];
    const ids = await createTasks(
      ctx,
      user,
      dates.map((dueDate) => ({ title: newTitle(ctx), dueDate })),
    );
    if (isFailure(ids)) return ids;
    const inMay = ids.slice(1, 4).reverse();
    return (
      (await expectListing(
        ctx,
        user,
        { dueFrom: '2030-05-01', dueTo: '2030-05-31' },
        inMay,
        'the three tasks due from 2030-05-01 to 2030-05-31, both days included, newest first',
      )) ?? pass()
    );
  },
});

const sortDueDate = defineCheck({
  id: 'sort-due-date',
  title: 'sort=dueDate lists the earliest due first, sort=-dueDate the latest',
  topic: TOPIC.apiDesign,
  async run(ctx) {
    const user = await freshUser(ctx);
    if (isFailure(user)) return user;
    const dates = ['2030-07-15', '2030-07-01', '2030-07-31', '2030-07-10'];
    const ids = await createTasks(
      ctx,
      user,
      dates.map((dueDate) => ({ title: newTitle(ctx), dueDate })),
    );
    if (isFailure(ids)) return ids;
    const ascending = ids
      .map((id, index) => ({ id, due: dates[index] ?? '' }))
      .sort((a, b) => a.due.localeCompare(b.due));
    const up = ascending.map((task) => task.id);
    return (
      (await expectListing(
        ctx,
        user,
        { sort: 'dueDate', limit: '2' },
        up,
        'the tasks by due date, earliest first',
      )) ??
      (await expectListing(
        ctx,
        user,
        { sort: '-dueDate', limit: '2' },
        [...up].reverse(),
        'the tasks by due date, latest first',
      )) ??
      pass()
    );
  },
});

const WALKED_TASKS = 7;
const WALK_LIMIT = 2;

const cursorStableWalk = defineCheck({
  id: 'cursor-stable-walk',
  title: 'Walking the pages visits every task once, even while tasks are created between page reads',
  topic: TOPIC.apiDesign,
  async run(ctx) {
    const user = await freshUser(ctx);
    if (isFailure(user)) return user;
    const ids = await createTasks(
      ctx,
      user,
      Array.from({ length: WALKED_TASKS }, () => ({ title: newTitle(ctx) })),
    );
    if (isFailure(ids)) return ids;
    const query = { limit: String(WALK_LIMIT) };
    const seen = new Map<string, number>();
    let path: string | undefined = withQuery(query);
    let pageNumber = 0;
    while (path !== undefined && pageNumber < MAX_PAGES) {
      const page = await fetchPage(ctx, user, path, query);
      if (!isPage(page)) return page;
      pageNumber++;
      if (page.ids.length > WALK_LIMIT) {
        return fail({
          expected: `at most ${WALK_LIMIT} tasks per page`,
          actual: `${page.ids.length} on page ${pageNumber}`,
          hint: `Page ${pageNumber} of GET ${withQuery(query)} held ${page.ids.length} tasks, more than its limit of ${WALK_LIMIT}.`,
          exchange: page.res.exchange,
        });
      }
      for (const id of page.ids) {
        const earlier = seen.get(id);
        if (earlier !== undefined) {
          return fail({
            expected: 'every task exactly once',
            actual: `task ${id} on page ${earlier} and again on page ${pageNumber}`,
            hint: `Walking GET ${withQuery(query)} while a task was created between page reads returned task ${id} twice (pages ${earlier} and ${pageNumber}): an offset shifts when rows are added, so continue after the last task seen (a keyset cursor) instead.`,
            exchange: page.res.exchange,
          });
        }
        seen.set(id, pageNumber);
      }
      // a new task between two page reads: a stable cursor is not disturbed by it
      const created = await createTaskFor(ctx, user, 'pages are read while tasks are added');
      if (isFailure(created)) return created;
      path = page.next;
    }
    const missing = ids.filter((id) => !seen.has(id));
    if (missing.length === 0) return pass();
    return fail({
      expected: `all ${WALKED_TASKS} tasks created before the walk`,
      actual: `missing ${missing.join(', ')}`,
      hint: `Walking GET ${withQuery(query)} page by page never showed tasks ${missing.join(', ')}, which existed before the walk began.`,
    });
  },
});

export const listingStage = defineStage({
  id: 'listing',
  title: 'Filtering, sorting and pagination',
  difficulty: 'intermediate',
  // the checks count on a new user's list holding only what they created
  needs: ['isolation'],
  topics: [TOPIC.apiDesign, TOPIC.databaseIndexes, TOPIC.queryOptimization],
  checks: [listOwnTasks, filterStatus, filterDueRange, sortDueDate, cursorStableWalk],
});
