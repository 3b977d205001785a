import { setTimeout as sleep } from 'node:timers/promises';
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
import { describeJson, expectJsonError, isObject } from '../../kit/checks/problem-body';
import { codeOf, describePost, postLink, SUCCESS_STATUSES, uniqueTargetUrl } from './link-requests';
import { expectRejected } from './rejection';
import { isRfc3339, parseRfc3339 } from './rfc3339';
import { TOPIC } from './topics';

const TTL_SECONDS = 1;
// "about one second": room for a server whose app and database clocks differ a little
const MIN_LIFETIME_MS = 500;
const MAX_LIFETIME_MS = 3_000;
// the spec promises learners the grader looks two seconds after creating the link
const WAIT_AFTER_CREATE_MS = 2_000;
const WAIT_PAST_EXPIRY_MS = 1_000;

const expiredLink410 = defineCheck({
  id: 'expired-link-410',
  title: 'A link past its expiry answers 410 Gone, for the redirect and for the link',
  topic: TOPIC.httpStatusCodes,
  async run(ctx) {
    const body = { url: uniqueTargetUrl(ctx), ttlSeconds: TTL_SECONDS };
    const res = await postLink(ctx, body);
    const createFailure =
      expectStatus(res, SUCCESS_STATUSES, {
        topic: TOPIC.inputValidation,
        hint: `${describePost(body)} should create a link that expires in a second (201 Created), but it answered ${describeStatus(res.status)}.`,
      }) ??
      expectContentType(res, 'application/json', { topic: TOPIC.restApis }) ??
      expectJson(res, { code: is.nonEmptyString(), createdAt: isRfc3339(), expiresAt: isRfc3339() });
    if (createFailure) return createFailure;
    // the server's own clock decides: compare its two timestamps, never the grader's clock with them
    const json = res.json();
    const createdAt = isObject(json) ? parseRfc3339(json.createdAt) : undefined;
    const expiresAt = isObject(json) ? parseRfc3339(json.expiresAt) : undefined;
    const lifetimeMs = (expiresAt ?? 0) - (createdAt ?? 0);
    if (lifetimeMs < MIN_LIFETIME_MS || lifetimeMs > MAX_LIFETIME_MS) {
      return fail({
        expected: `expiresAt about ${TTL_SECONDS} second after createdAt`,
        actual: `createdAt ${describeJson(isObject(json) ? json.createdAt : undefined)}, expiresAt ${describeJson(isObject(json) ? json.expiresAt : undefined)}`,
        hint: `${describePost(body)} should give the link an expiresAt ${TTL_SECONDS} second after its createdAt, but they are ${(lifetimeMs / 1000).toFixed(3)} s apart.`,
        topic: TOPIC.inputValidation,
        exchange: res.exchange,
      });
    }
    await sleep(Math.max(WAIT_AFTER_CREATE_MS, lifetimeMs + WAIT_PAST_EXPIRY_MS), undefined, {
      signal: ctx.signal,
    });
    const code = codeOf(res) ?? '';
    for (const path of [`/${code}`, `/links/${code}`]) {
      const expired = await ctx.http.get(path);
      const failure = expectJsonError(expired, {
        status: 410,
        request: `GET ${path}, for a link that expired at ${describeJson(isObject(json) ? json.expiresAt : undefined)},`,
      });
      if (failure) return failure;
    }
    return pass();
  },
});

const expiryValidation400 = defineCheck({
  id: 'expiry-validation-400',
  title: 'An expiresAt in the past or not a date, and a ttlSeconds of 0, answer 400 naming the field',
  topic: TOPIC.inputValidation,
  run: (ctx) =>
    expectRejected(ctx, [
      {
        body: { url: uniqueTargetUrl(ctx), expiresAt: '2001-01-01T00:00:00Z' },
        field: 'expiresAt',
        rule: 'a link cannot be born expired',
      },
      {
        body: { url: uniqueTargetUrl(ctx), expiresAt: 'tomorrow' },
        field: 'expiresAt',
        rule: 'expiresAt must be an RFC 3339 date-time',
      },
      {
        body: { url: uniqueTargetUrl(ctx), ttlSeconds: 0 },
        field: 'ttlSeconds',
        rule: 'ttlSeconds must be a whole number from 1',
      },
    ]),
});

export const expiryStage = defineStage({
  id: 'expiry',
  title: 'Expiry',
  difficulty: 'intermediate',
  needs: ['create-link', 'validation'],
  topics: [TOPIC.httpStatusCodes, TOPIC.inputValidation],
  checks: [expiredLink410, expiryValidation400],
});
