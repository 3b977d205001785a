import {
  defineCheck,
  defineStage,
  describeStatus,
  expectRedirect,
  expectStatus,
  pass,
} from '@groundwork/grader';
import { ALLOWED_REDIRECTS, ensureLink, isFailure, resolveLocation } from './link-requests';
import { TOPIC } from './topics';

const PURPOSE = 'its redirect can be followed';

const redirectStatus = defineCheck({
  id: 'redirect-status',
  title: 'GET /{code} answers a redirect (301, 302, 307 or 308)',
  topic: TOPIC.httpStatusCodes,
  async run(ctx) {
    const link = await ensureLink(ctx, PURPOSE);
    if (isFailure(link)) return link;
    const res = await ctx.http.get(`/${link.code}`);
    return (
      expectStatus(res, ALLOWED_REDIRECTS, {
        hint: `GET /${link.code} should answer a redirect (301, 302, 307 or 308) to the link's URL, but it answered ${describeStatus(res.status)}.`,
      }) ?? pass()
    );
  },
});

const redirectLocation = defineCheck({
  id: 'redirect-location',
  title: 'The redirect’s Location is the URL that was shortened, query string included',
  topic: TOPIC.httpHeaders,
  async run(ctx) {
    const link = await ensureLink(ctx, PURPOSE);
    if (isFailure(link)) return link;
    const res = await ctx.http.get(`/${link.code}`);
    const failure = expectRedirect(res, { statuses: ALLOWED_REDIRECTS, location: link.url });
    if (!failure) return pass();
    const resolved = resolveLocation(res);
    const expected = new URL(link.url);
    if (resolved !== undefined && new URL(resolved).search === '' && expected.search !== '') {
      return {
        ...failure,
        hint: `GET /${link.code} should redirect to ${link.url}, but its Location dropped the query string (${expected.search}), which is part of the address.`,
      };
    }
    return failure;
  },
});

export const redirectStage = defineStage({
  id: 'redirect',
  title: 'Redirect',
  difficulty: 'beginner',
  needs: ['create-link'],
  topics: [TOPIC.httpStatusCodes, TOPIC.httpHeaders],
  checks: [redirectStatus, redirectLocation],
});
