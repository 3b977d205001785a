import {
  defineCheck,
  defineStage,
  describeStatus,
  expectContentType,
  expectJsonField,
  expectRedirect,
  expectStatus,
  pass,
} from '@groundwork/grader';
import { describeJson, expectJsonError, isObject } from '../../kit/checks/problem-body';
import {
  ALLOWED_REDIRECTS,
  createLinkFor,
  describePost,
  isFailure,
  postLink,
  SUCCESS_STATUSES,
  uniqueTargetUrl,
} from './link-requests';
import { expectRejected } from './rejection';
import { TOPIC } from './topics';

// a rerun with the same --seed against the same database asks for the same alias again
const SAME_SEED_NOTE =
  ' (if you re-ran with the same --seed against the same database, the alias is taken from that run)';

function describeCode(body: unknown): string {
  return isObject(body) && body.code !== undefined ? describeJson(body.code) : 'missing';
}

const aliasCreate = defineCheck({
  id: 'alias-create',
  title: 'POST /links with a new alias creates the link under that code',
  topic: TOPIC.restApis,
  async run(ctx) {
    const alias = ctx.data.slug();
    const url = uniqueTargetUrl(ctx);
    const body = { url, alias };
    const res = await postLink(ctx, body);
    const failure =
      expectStatus(res, SUCCESS_STATUSES, {
        topic: TOPIC.httpStatusCodes,
        hint: `${describePost(body)} should answer 201 Created, but it answered ${describeStatus(res.status)}${res.status === 409 ? SAME_SEED_NOTE : ''}.`,
      }) ??
      expectContentType(res, 'application/json') ??
      expectJsonField(res, 'code', alias, {
        hint: `${describePost(body)} should create the link with the alias as its code, "${alias}", but the code is ${describeCode(res.json())}.`,
      });
    if (failure) return failure;
    const followed = await ctx.http.get(`/${alias}`);
    return (
      expectRedirect(
        followed,
        { statuses: ALLOWED_REDIRECTS, location: url },
        { topic: TOPIC.httpStatusCodes },
      ) ?? pass()
    );
  },
});

const aliasConflict409 = defineCheck({
  id: 'alias-conflict-409',
  title: 'A taken alias answers 409 naming alias, and the existing link is left as it was',
  topic: TOPIC.httpStatusCodes,
  async run(ctx) {
    const alias = ctx.data.slug();
    const first = await createLinkFor(ctx, `a second link can ask for its alias "${alias}"`, {
      url: uniqueTargetUrl(ctx),
      alias,
    });
    if (isFailure(first)) return first;
    const second = { url: uniqueTargetUrl(ctx), alias };
    const conflict = await postLink(ctx, second);
    const failure = expectJsonError(conflict, {
      status: 409,
      field: 'alias',
      request: `${describePost(second)}, an alias another link already has,`,
      ...(conflict.status === 201 ? { why: 'an alias belongs to the link that took it first' } : {}),
      ...(conflict.status === 201 ? { topic: TOPIC.transactionsAndAcid } : {}),
    });
    if (failure) return failure;
    const followed = await ctx.http.get(`/${alias}`);
    return (
      expectRedirect(
        followed,
        { statuses: ALLOWED_REDIRECTS, location: first.url },
        {
          topic: TOPIC.transactionsAndAcid,
          hint: `After the refused second link, GET /${alias} should still redirect to the first link's URL, ${first.url}, but it sent ${followed.header('location') ?? `no Location (status ${describeStatus(followed.status)})`}.`,
        },
      ) ?? pass()
    );
  },
});

const aliasInvalid400 = defineCheck({
  id: 'alias-invalid-400',
  title: 'Aliases that are too short, too long or hold other characters answer 400 naming alias',
  topic: TOPIC.inputValidation,
  run: (ctx) =>
    expectRejected(
      ctx,
      ['ab', 'x'.repeat(33), 'has space', 'a/b', 'dot.ted'].map((alias) => ({
        body: { url: uniqueTargetUrl(ctx), alias },
        field: 'alias',
        rule: 'an alias is 3 to 32 characters of A–Z a–z 0–9 - _',
      })),
    ),
});

const aliasReserved400 = defineCheck({
  id: 'alias-reserved-400',
  title: 'Reserved words (health, links) answer 400 naming alias',
  topic: TOPIC.inputValidation,
  run: (ctx) =>
    expectRejected(
      ctx,
      ['health', 'links'].map((alias) => ({
        body: { url: uniqueTargetUrl(ctx), alias },
        field: 'alias',
        rule: `"${alias}" is a reserved word, and /${alias} is one of your own routes`,
      })),
    ),
});

export const customAliasStage = defineStage({
  id: 'custom-alias',
  title: 'Custom aliases',
  difficulty: 'intermediate',
  needs: ['create-link', 'redirect', 'validation'],
  topics: [
    TOPIC.inputValidation,
    TOPIC.httpStatusCodes,
    TOPIC.transactionsAndAcid,
    TOPIC.databaseIndexes,
    TOPIC.restApis,
  ],
  checks: [aliasCreate, aliasConflict409, aliasInvalid400, aliasReserved400],
});
