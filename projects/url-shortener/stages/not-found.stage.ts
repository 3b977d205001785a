import { defineCheck, defineStage, pass } from '@groundwork/grader';
import { expectJsonError } from './error-body';
import { TOPIC } from './topics';

const unknownCode404 = defineCheck({
  id: 'unknown-code-404',
  title: 'An unknown code answers 404 with a JSON error, for the redirect and for the link',
  topic: TOPIC.errorHandling,
  async run(ctx) {
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
  topics: [TOPIC.httpStatusCodes, TOPIC.errorHandling, TOPIC.apiDesign],
  checks: [unknownCode404],
});
