import { defineCheck, defineStage, pass } from '@groundwork/grader';
import { createArticle, isFailure, userFor } from './conduit';
import { TOPIC } from './topics';

const sqliFilters = defineCheck({
  id: 'sqli-filters',
  title: 'SQL in the tag, author and favorited filters is data, never run',
  topic: TOPIC.sqlInjection,
  async run(ctx) {
    for (const param of ['tag', 'author', 'favorited']) {
      const verdict = await ctx.probes.sqlInjection({
        description: `the ${param} filter of GET /articles`,
        control: () => ctx.http.get('/articles'),
        send: (input) => ctx.http.get(`/articles?${new URLSearchParams({ [param]: input })}`),
      });
      if (verdict.status !== 'pass') return verdict;
    }
    return pass();
  },
});

const sqliSlug = defineCheck({
  id: 'sqli-slug',
  title: 'SQL in an article slug is data, never run',
  topic: TOPIC.sqlInjection,
  run: (ctx) =>
    ctx.probes.sqlInjection({
      description: 'the slug in GET /articles/{slug}',
      control: () => ctx.http.get('/articles'),
      send: (input) => ctx.http.get(`/articles/${encodeURIComponent(input)}`),
    }),
});

const storedHtmlJson = defineCheck({
  id: 'stored-html-json',
  title: 'HTML stored in an article body comes back as JSON data, never as a live HTML page',
  topic: TOPIC.crossSiteScripting,
  async run(ctx) {
    const user = await userFor(ctx, 'author');
    if (isFailure(user)) return user;
    let slug = '';
    return ctx.probes.storedXss({
      store: async (marker) => {
        const created = await createArticle(ctx, user, { body: `<p>Hello</p>${marker}` });
        if (!isFailure(created)) slug = created.slug;
      },
      fetch: () => ctx.http.get(`/articles/${slug}`),
    });
  },
});

export const injectionStage = defineStage({
  id: 'injection',
  title: 'Injection (beyond RealWorld)',
  difficulty: 'intermediate',
  needs: ['articles'],
  topics: [TOPIC.sqlInjection, TOPIC.crossSiteScripting, TOPIC.owaspTopTen],
  checks: [sqliFilters, sqliSlug, storedHtmlJson],
});
