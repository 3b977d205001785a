import {
  defineCheck,
  defineStage,
  describeStatus,
  expectContentType,
  expectJson,
  expectJsonField,
  expectStatus,
  fail,
  is,
  pass,
} from '@groundwork/grader';
import {
  codeOf,
  isFailure,
  isSameUrl,
  LINK_STATE_KEY,
  linkFromResponse,
  postLink,
  resolveLocation,
  uniqueTargetUrl,
  urlUnderTarget,
} from './link-requests';
import { isRfc3339 } from './rfc3339';
import { TOPIC } from './topics';

const CODE_PATTERN = /^[A-Za-z0-9_-]+$/;

/** `shortUrl` is an absolute http(s) URL whose path ends in `/{code}`. */
function isShortUrlFor(value: unknown, code: string): boolean {
  if (typeof value !== 'string' || !URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.pathname.endsWith(`/${code}`);
}

const createReturns201 = defineCheck({
  id: 'create-returns-201',
  title: 'POST /links answers 201 Created with the new link as JSON',
  topic: TOPIC.httpStatusCodes,
  async run(ctx) {
    const url = uniqueTargetUrl(ctx, { withQuery: true });
    const res = await postLink(ctx, { url });
    const failure =
      expectStatus(res, 201, {
        hint: `POST /links should answer 201 Created when it creates a link, but it answered ${describeStatus(res.status)}.`,
      }) ??
      expectContentType(res, 'application/json', { topic: TOPIC.restApis }) ??
      expectJson(
        res,
        {
          code: is.matching(CODE_PATTERN, 'a non-empty code of A–Z a–z 0–9 - _ only'),
          url: is.where(`the URL sent, ${url}`, (value) => isSameUrl(value, url)),
          clicks: 0,
          createdAt: isRfc3339(),
        },
        { topic: TOPIC.restApis },
      );
    if (failure) return failure;
    const code = codeOf(res) ?? '';
    const shortUrlFailure = expectJsonField(
      res,
      'shortUrl',
      is.where(`an absolute http(s) URL ending in /${code}`, (value) => isShortUrlFor(value, code)),
      { topic: TOPIC.restApis },
    );
    if (shortUrlFailure) return shortUrlFailure;
    ctx.state.set(LINK_STATE_KEY, { code, url });
    return pass();
  },
});

const createSetsLocation = defineCheck({
  id: 'create-sets-location',
  title: 'POST /links sends a Location header pointing at /links/{code}, which answers the link',
  topic: TOPIC.httpHeaders,
  async run(ctx) {
    const url = uniqueTargetUrl(ctx);
    const res = await postLink(ctx, { url });
    // creation itself is create-returns-201's job: any 2xx with a code will do here
    const created = linkFromResponse(res, { url }, 'its Location header can be checked');
    if (isFailure(created)) return created;
    const { code } = created;
    const location = res.header('location');
    const expected = urlUnderTarget(ctx, `/links/${code}`);
    if (location === undefined) {
      return fail({
        expected: `a Location header pointing at /links/${code}`,
        actual: 'no Location header',
        hint: `POST /links should send a Location header pointing at the new link (/links/${code}), but it sent none.`,
        exchange: res.exchange,
      });
    }
    const resolved = resolveLocation(res);
    if (resolved !== expected) {
      return fail({
        expected: `Location resolving to ${expected}`,
        actual: `location: ${location}${resolved && resolved !== location ? ` (${resolved})` : ''}`,
        hint: `POST /links should send a Location header pointing at the new link, ${expected}, but it sent "${location}".`,
        exchange: res.exchange,
      });
    }
    const linked = await ctx.http.get(resolved);
    return (
      expectStatus(linked, 200, {
        hint: `GET ${location}, the Location of the new link, should answer 200 OK with the link, but it answered ${describeStatus(linked.status)}.`,
      }) ??
      expectContentType(linked, 'application/json', { topic: TOPIC.restApis }) ??
      expectJsonField(linked, 'code', code, { topic: TOPIC.restApis }) ??
      pass()
    );
  },
});

export const createLinkStage = defineStage({
  id: 'create-link',
  title: 'Create a short link',
  difficulty: 'beginner',
  topics: [TOPIC.restApis, TOPIC.httpStatusCodes, TOPIC.httpHeaders, TOPIC.crudOperations],
  checks: [createReturns201, createSetsLocation],
});
