import { defineCheck, defineStage, describeStatus, fail, pass } from '@groundwork/grader';
import { expectJsonError } from '../../kit/checks/problem-body';
import { createLinkFor, isFailure } from './link-requests';
import { TOPIC } from './topics';

const unknownCode404 = defineCheck({
  id: 'unknown-code-404',
  title: 'An unknown code answers 404 with a JSON error, for the redirect and for the link',
  topic: TOPIC.errorHandling,
  async run(ctx) {
    // a server that answers 404 to everything must not pass: a code that exists has to be found first
    const known = await createLinkFor(ctx, 'the grader can tell a known code from an unknown one');
    if (isFailure(known)) return known;
    const found = await ctx.http.get(`/links/${known.code}`);
    if (found.status !== 200) {
      return fail({
        expected: `GET /links/${known.code}, a code that exists, to answer 200`,
        actual: `status ${describeStatus(found.status)}`,
        hint: `GET /links/${known.code} should answer 200 OK for the link just created, but it answered ${describeStatus(found.status)}, so an unknown code's 404 says nothing.`,
        topic: TOPIC.restApis,
        exchange: found.exchange,
      });
    }
    // well-formed, and 36^12 possibilities make a clash with a real code practically impossible
    const code = ctx.data.string(12);
    for (const path of [`/${code}`, `/links/${code}`]) {
      const res = await ctx.http.get(path);
      const failure = expectJsonError(res, {
        status: 404,
        request: `GET ${path}, a code no link has,`,
      });
      if (failure) return failure;
    }
    return pass();
  },
});

export const notFoundStage = defineStage({
  id: 'not-found',
  title: 'Unknown codes',
  difficulty: 'beginner',
  needs: ['create-link'],
  topics: [TOPIC.httpStatusCodes, TOPIC.errorHandling, TOPIC.apiDesign, TOPIC.restApis],
  checks: [unknownCode404],
});
