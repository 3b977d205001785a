import {
  defineCheck,
  defineStage,
  describeStatus,
  expectMatchesSchema,
  expectStatus,
  pass,
} from '@groundwork/grader';
import {
  as,
  type CreatedArticle,
  createArticle,
  describeJson,
  failWith,
  isFailure,
  isObject,
  isSuccess,
  MULTIPLE_ARTICLES_SCHEMA,
  newTag,
  readPath,
  registerUser,
  setupFailure,
  slugsOf,
} from './conduit';
import { TOPIC } from './topics';

type Ctx = Parameters<typeof registerUser>[0];

/** `count` articles by a new author, created one after another (oldest first). */
async function articlesByNewAuthor(ctx: Ctx, count: number, tagList: string[] = []) {
  const author = await registerUser(ctx);
  if (isFailure(author)) return author;
  const articles: CreatedArticle[] = [];
  for (let i = 0; i < count; i++) {
    const created = await createArticle(ctx, author, { tagList });
    if (isFailure(created)) return created;
    articles.push(created);
  }
  return { author, articles };
}

/** The listing has exactly these slugs (in any order) and says so in articlesCount. */
async function expectExactly(
  ctx: Ctx,
  path: string,
  wanted: readonly string[],
  filter: string,
  headers = {},
) {
  const res = await ctx.http.get(path, { headers });
  const failure =
    expectStatus(res, 200, {
      hint: `GET ${path} should answer 200 OK, but it answered ${describeStatus(res.status)}.`,
    }) ?? expectMatchesSchema(res, MULTIPLE_ARTICLES_SCHEMA, { topic: TOPIC.json });
  if (failure) return failure;
  const slugs = slugsOf(res);
  const count = readPath(res.json(), ['articlesCount']);
  const isExact =
    slugs.length === wanted.length && wanted.every((slug) => slugs.includes(slug)) && count === wanted.length;
  if (isExact) return pass();
  return failWith(
    res,
    `exactly ${wanted.length} articles (${describeJson(wanted)}) and "articlesCount": ${wanted.length}`,
    `${slugs.length} articles ${describeJson(slugs)} and "articlesCount": ${describeJson(count)}`,
    `GET ${path} should list exactly the ${wanted.length} articles ${filter}, and count them, but it listed ${slugs.length} and counted ${describeJson(count)}.`,
    TOPIC.apiDesign,
  );
}

const listNoBody = defineCheck({
  id: 'list-no-body',
  title: 'GET /articles answers {articles, articlesCount}, and list items carry no body',
  topic: TOPIC.apiDesign,
  async run(ctx) {
    const tag = newTag(ctx);
    const made = await articlesByNewAuthor(ctx, 1, [tag]);
    if (isFailure(made)) return made;
    const res = await ctx.http.get(`/articles?tag=${tag}`);
    const failure =
      expectStatus(res, 200, {
        hint: `GET /articles?tag=${tag} should answer 200 OK, but it answered ${describeStatus(res.status)}.`,
      }) ?? expectMatchesSchema(res, MULTIPLE_ARTICLES_SCHEMA, { topic: TOPIC.json });
    if (failure) return failure;
    const items = readPath(res.json(), ['articles']) as unknown[];
    const withBody = items.find((item) => isObject(item) && 'body' in item);
    if (items.length > 0 && withBody === undefined) return pass();
    return failWith(
      res,
      'list items without a "body" field',
      items.length === 0 ? 'no items' : 'an item with "body"',
      items.length === 0
        ? `GET /articles?tag=${tag} should list the article just tagged ${tag}, but it listed none.`
        : 'GET /articles sent each article with its body, but list items carry no body in RealWorld 2.0: leave it out of lists.',
    );
  },
});

const filterTag = defineCheck({
  id: 'filter-tag',
  title: 'GET /articles?tag= lists only the articles with that tag',
  topic: TOPIC.apiDesign,
  async run(ctx) {
    const tag = newTag(ctx);
    const tagged = await articlesByNewAuthor(ctx, 2, [tag]);
    if (isFailure(tagged)) return tagged;
    const other = await createArticle(ctx, tagged.author, { tagList: [newTag(ctx)] });
    if (isFailure(other)) return other;
    return expectExactly(
      ctx,
      `/articles?tag=${tag}`,
      tagged.articles.map((a) => a.slug),
      `tagged ${tag}`,
    );
  },
});

const filterAuthor = defineCheck({
  id: 'filter-author',
  title: 'GET /articles?author= lists only that author’s articles',
  topic: TOPIC.apiDesign,
  async run(ctx) {
    const made = await articlesByNewAuthor(ctx, 2);
    if (isFailure(made)) return made;
    const path = `/articles?author=${made.author.username}`;
    return expectExactly(
      ctx,
      path,
      made.articles.map((a) => a.slug),
      `written by ${made.author.username}`,
    );
  },
});

const filterFavorited = defineCheck({
  id: 'filter-favorited',
  title: 'GET /articles?favorited= lists only the articles that user favourited',
  topic: TOPIC.joinsAndRelationships,
  async run(ctx) {
    const made = await articlesByNewAuthor(ctx, 3);
    if (isFailure(made)) return made;
    const fan = await registerUser(ctx);
    if (isFailure(fan)) return fan;
    const liked = made.articles.slice(0, 2);
    for (const article of liked) {
      const res = await ctx.http.post(`/articles/${article.slug}/favorite`, as(fan));
      if (!isSuccess(res)) return setupFailure(res, 'to favourite an article');
    }
    const path = `/articles?favorited=${fan.username}`;
    return expectExactly(
      ctx,
      path,
      liked.map((a) => a.slug),
      `${fan.username} favourited`,
    );
  },
});

const limitOffset = defineCheck({
  id: 'limit-offset',
  title: 'limit and offset page through a list, most recent first',
  topic: TOPIC.apiDesign,
  async run(ctx) {
    const made = await articlesByNewAuthor(ctx, 3);
    if (isFailure(made)) return made;
    const [oldest, middle, newest] = made.articles.map((a) => a.slug);
    const base = `/articles?author=${made.author.username}`;
    for (const [query, wanted] of [
      ['&limit=2', [newest, middle]],
      ['&limit=2&offset=2', [oldest]],
    ] as const) {
      const res = await ctx.http.get(`${base}${query}`);
      const slugs = slugsOf(res);
      if (res.status === 200 && JSON.stringify(slugs) === JSON.stringify(wanted)) continue;
      return failWith(
        res,
        `200 with ${describeJson(wanted)}, most recent first`,
        `status ${describeStatus(res.status)} with ${describeJson(slugs)}`,
        `GET ${base}${query} over 3 articles created one after another should answer ${describeJson(wanted)} (most recent first), but it answered ${describeStatus(res.status)} with ${describeJson(slugs)}.`,
      );
    }
    return pass();
  },
});

const feed = defineCheck({
  id: 'feed',
  title: 'GET /articles/feed lists the articles of followed authors, most recent first',
  topic: TOPIC.joinsAndRelationships,
  async run(ctx) {
    const author = await registerUser(ctx);
    if (isFailure(author)) return author;
    const reader = await registerUser(ctx);
    if (isFailure(reader)) return reader;
    const followed = await ctx.http.post(`/profiles/${author.username}/follow`, as(reader));
    if (!isSuccess(followed)) return setupFailure(followed, 'to follow an author');
    const slugs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const created = await createArticle(ctx, author);
      if (isFailure(created)) return created;
      slugs.unshift(created.slug);
    }
    const res = await ctx.http.get('/articles/feed', as(reader));
    const failure =
      expectStatus(res, 200, {
        hint: `GET /articles/feed with a token should answer 200 OK, but it answered ${describeStatus(res.status)}.`,
      }) ?? expectMatchesSchema(res, MULTIPLE_ARTICLES_SCHEMA, { topic: TOPIC.json });
    if (failure) return failure;
    const listed = slugsOf(res).filter((slug) => slugs.includes(slug));
    if (JSON.stringify(listed) === JSON.stringify(slugs)) return pass();
    return failWith(
      res,
      `the followed author's articles ${describeJson(slugs)}, most recent first`,
      `${describeJson(listed)}`,
      `After following ${author.username}, who then wrote 2 articles, GET /articles/feed should list them most recent first, ${describeJson(slugs)}, but it listed ${describeJson(listed)}.`,
    );
  },
});

export const listingStage = defineStage({
  id: 'listing',
  title: 'Lists, filters and the feed',
  difficulty: 'intermediate',
  needs: ['articles', 'favorites', 'profiles'],
  topics: [TOPIC.apiDesign, TOPIC.joinsAndRelationships, TOPIC.json],
  checks: [listNoBody, filterTag, filterAuthor, filterFavorited, limitOffset, feed],
});
