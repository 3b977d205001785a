import {
  type CheckContext,
  defineCheck,
  defineStage,
  describeStatus,
  expectContentType,
  expectJson,
  expectStatus,
  type Failure,
  fail,
  type HttpResponse,
  pass,
} from '@groundwork/grader';
import { describeJson, isObject } from '../../kit/checks/problem-body';
import { createLinkFor, isFailure, isRedirect } from './link-requests';
import { isRfc3339, parseRfc3339 } from './rfc3339';
import { TOPIC } from './topics';

const SEQUENTIAL_CLICKS = 3;
const CONCURRENT_CLICKS = 50;

/** `GET /links/{code}`: 200 with the link as JSON, or a failure. */
async function readStats(ctx: CheckContext, code: string): Promise<HttpResponse | Failure> {
  const res = await ctx.http.get(`/links/${code}`);
  return (
    expectStatus(res, 200, {
      topic: TOPIC.restApis,
      hint: `GET /links/${code} should answer 200 OK with the link and its statistics, but it answered ${describeStatus(res.status)}.`,
    }) ??
    expectContentType(res, 'application/json', { topic: TOPIC.restApis }) ??
    res
  );
}

/** A redirect that did not redirect, as a failure. */
function notRedirected(res: HttpResponse, code: string, when: string): Failure {
  return fail({
    expected: 'a redirect (301, 302, 307 or 308)',
    actual: `status ${describeStatus(res.status)}`,
    hint: `${when}, GET /${code} should answer a redirect, but it answered ${describeStatus(res.status)}.`,
    topic: TOPIC.httpStatusCodes,
    exchange: res.exchange,
  });
}

const statsAfterClicks = defineCheck({
  id: 'stats-after-clicks',
  title: 'GET /links/{code} counts each redirect and records when the last one happened',
  topic: TOPIC.sqlBasics,
  async run(ctx) {
    const link = await createLinkFor(ctx, 'its clicks can be counted');
    if (isFailure(link)) return link;
    const before = await readStats(ctx, link.code);
    if (isFailure(before)) return before;
    const freshFailure = expectJson(before, { clicks: 0, lastClickedAt: null, createdAt: isRfc3339() });
    if (freshFailure) return freshFailure;
    for (let click = 1; click <= SEQUENTIAL_CLICKS; click++) {
      const res = await ctx.http.get(`/${link.code}`);
      if (!isRedirect(res)) return notRedirected(res, link.code, `On click ${click} of ${SEQUENTIAL_CLICKS}`);
    }
    const after = await readStats(ctx, link.code);
    if (isFailure(after)) return after;
    const body = after.json();
    const clicks = isObject(body) ? body.clicks : undefined;
    if (clicks !== SEQUENTIAL_CLICKS) {
      return fail({
        expected: `clicks: ${SEQUENTIAL_CLICKS}`,
        actual: `clicks: ${describeJson(clicks)}`,
        hint: `After ${SEQUENTIAL_CLICKS} redirects one after the other, GET /links/${link.code} should show clicks: ${SEQUENTIAL_CLICKS}, but it shows ${describeJson(clicks)}.`,
        exchange: after.exchange,
      });
    }
    const createdAt = isObject(body) ? parseRfc3339(body.createdAt) : undefined;
    const lastClickedRaw = isObject(body) ? body.lastClickedAt : undefined;
    const lastClickedAt = parseRfc3339(lastClickedRaw);
    if (lastClickedAt === undefined || createdAt === undefined || lastClickedAt < createdAt) {
      return fail({
        expected: 'lastClickedAt: the time of the latest redirect, no earlier than createdAt',
        actual: `lastClickedAt: ${describeJson(lastClickedRaw)}, createdAt: ${describeJson(isObject(body) ? body.createdAt : undefined)}`,
        hint: `After ${SEQUENTIAL_CLICKS} redirects, GET /links/${link.code} should show lastClickedAt as the RFC 3339 time of the latest one (no earlier than createdAt), but it is ${describeJson(lastClickedRaw)}.`,
        exchange: after.exchange,
      });
    }
    return pass();
  },
});

const statsConcurrentClicks = defineCheck({
  id: 'stats-concurrent-clicks',
  title: `${CONCURRENT_CLICKS} simultaneous redirects all redirect and count exactly ${CONCURRENT_CLICKS} clicks`,
  topic: TOPIC.threadsAndConcurrency,
  async run(ctx) {
    const link = await createLinkFor(ctx, 'concurrent clicks can be counted');
    if (isFailure(link)) return link;
    const wide = ctx.http.withConnections(CONCURRENT_CLICKS);
    const answers = await Promise.all(
      Array.from({ length: CONCURRENT_CLICKS }, () => wide.get(`/${link.code}`)),
    );
    const refused = answers.find((res) => !isRedirect(res));
    if (refused) {
      return notRedirected(refused, link.code, `With ${CONCURRENT_CLICKS} redirects arriving at once`);
    }
    const after = await readStats(ctx, link.code);
    if (isFailure(after)) return after;
    const body = after.json();
    const clicks = isObject(body) ? body.clicks : undefined;
    if (clicks === CONCURRENT_CLICKS) return pass();
    const lost = typeof clicks === 'number' && clicks < CONCURRENT_CLICKS;
    return fail({
      expected: `clicks: ${CONCURRENT_CLICKS}`,
      actual: `clicks: ${describeJson(clicks)}`,
      hint: lost
        ? `After ${CONCURRENT_CLICKS} simultaneous redirects, clicks should be exactly ${CONCURRENT_CLICKS}, but it is ${clicks}: concurrent clicks overwrote each other, so let the database add 1 in one atomic statement.`
        : `After ${CONCURRENT_CLICKS} simultaneous redirects, clicks should be exactly ${CONCURRENT_CLICKS}, but it is ${describeJson(clicks)}.`,
      exchange: after.exchange,
    });
  },
});

export const clickStatsStage = defineStage({
  id: 'click-stats',
  title: 'Click statistics',
  difficulty: 'intermediate',
  needs: ['create-link', 'redirect'],
  topics: [TOPIC.threadsAndConcurrency, TOPIC.transactionsAndAcid, TOPIC.sqlBasics, TOPIC.httpStatusCodes],
  checks: [statsAfterClicks, statsConcurrentClicks],
});
