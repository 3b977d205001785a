import {
  type CheckContext,
  defineCheck,
  defineStage,
  describeStatus,
  type Failure,
  pass,
} from '@groundwork/grader';
import {
  as,
  type CreatedArticle,
  commentedArticle,
  createArticles,
  describeJson,
  failWith,
  isFailure,
  registerUser,
  slugsOf,
} from './conduit';
import { TOPIC } from './topics';

// RealWorld has no health route: GET /tags is the cheapest route every server has
const HEALTH_PATH = '/tags';
const PAGE_ARTICLES = 105;
const SETUP_CONNECTIONS = 16;
const PAGE_KEY = 'blog-api.resilience.page';

const survivesFailedDeletes = defineCheck({
  id: 'survives-failed-deletes',
  title: `DELETEs that end in 404 or 403 leave the server healthy (GET ${HEALTH_PATH} after each)`,
  topic: TOPIC.errorHandling,
  async run(ctx) {
    const setup = await commentedArticle(ctx);
    if (isFailure(setup)) return setup;
    const { owner, other, article } = setup;
    const commentId = String(setup.commentId);
    const attempts = [
      {
        what: 'a DELETE of an article that does not exist',
        send: () => ctx.http.delete(`/articles/${article.slug}-missing`, as(owner)),
      },
      {
        what: "another user's DELETE of an article",
        send: () => ctx.http.delete(`/articles/${article.slug}`, as(other)),
      },
      {
        what: 'a DELETE of a comment that does not exist',
        send: () => ctx.http.delete(`/articles/${article.slug}/comments/999999999`, as(owner)),
      },
      {
        what: "another user's DELETE of a comment",
        send: () => ctx.http.delete(`/articles/${article.slug}/comments/${commentId}`, as(other)),
      },
    ];
    for (const attempt of attempts) {
      const refused = await attempt.send();
      const health = await ctx.http.get(HEALTH_PATH);
      if (health.status === 200) continue;
      return failWith(
        health,
        `200 from GET ${HEALTH_PATH} after ${attempt.what}`,
        `status ${describeStatus(health.status)}`,
        `After ${attempt.what} (answered ${describeStatus(refused.status)}), GET ${HEALTH_PATH} answered ${describeStatus(health.status)}: an error path must release what it took and leave the server serving.`,
      );
    }
    return pass();
  },
});

/** A new author with 105 articles (oldest first), made once per run for both page checks. */
async function pagedAuthor(
  ctx: CheckContext,
): Promise<{ username: string; articles: CreatedArticle[] } | Failure> {
  const saved = ctx.state.get<{ username: string; articles: CreatedArticle[] }>(PAGE_KEY);
  if (saved !== undefined) return saved;
  const author = await registerUser(ctx);
  if (isFailure(author)) return author;
  // the five that must come last are made one at a time before the rest: within a batch of parallel
  // requests the server, not the order they were sent in, decides which is older
  const older = await createArticles(ctx, author, PAGE_ARTICLES - 100, { connections: 1 });
  if (isFailure(older)) return older;
  const newer = await createArticles(ctx, author, 100, { connections: SETUP_CONNECTIONS });
  if (isFailure(newer)) return newer;
  const made = { username: author.username, articles: [...older, ...newer] };
  ctx.state.set(PAGE_KEY, made);
  return made;
}

const largePage = defineCheck({
  id: 'large-page',
  title: 'limit=100 answers 100 articles when that many match',
  topic: TOPIC.apiDesign,
  async run(ctx) {
    const made = await pagedAuthor(ctx);
    if (isFailure(made)) return made;
    const path = `/articles?author=${made.username}&limit=100`;
    const res = await ctx.http.get(path);
    const slugs = slugsOf(res);
    const known = new Set(made.articles.map((article) => article.slug));
    const isRight =
      res.status === 200 &&
      slugs.length === 100 &&
      new Set(slugs).size === 100 &&
      slugs.every((s) => known.has(s));
    if (isRight) return pass();
    return failWith(
      res,
      `200 with 100 distinct articles by ${made.username}`,
      `status ${describeStatus(res.status)} with ${slugs.length} articles (${new Set(slugs).size} distinct)`,
      `${made.username} wrote ${PAGE_ARTICLES} articles, so GET ${path} should answer 100 of them, but it answered ${describeStatus(res.status)} with ${slugs.length}: honour the limit the client asks for.`,
    );
  },
});

const deepOffset = defineCheck({
  id: 'deep-offset',
  title: 'Offsets near and past the end answer the last articles, then an empty page',
  topic: TOPIC.apiDesign,
  async run(ctx) {
    const made = await pagedAuthor(ctx);
    if (isFailure(made)) return made;
    const oldest = made.articles.slice(0, PAGE_ARTICLES - 100).map((article) => article.slug);
    for (const [offset, wanted] of [
      [100, oldest.length],
      [10_000, 0],
    ] as const) {
      const path = `/articles?author=${made.username}&limit=100&offset=${offset}`;
      const res = await ctx.http.get(path);
      const slugs = slugsOf(res);
      const isRight =
        res.status === 200 && slugs.length === wanted && slugs.every((slug) => oldest.includes(slug));
      if (isRight) continue;
      return failWith(
        res,
        `200 with ${wanted} articles`,
        `status ${describeStatus(res.status)} with ${describeJson(slugs.length)} articles`,
        `${made.username} wrote ${PAGE_ARTICLES} articles, so GET ${path} should answer 200 with ${wanted === 0 ? 'an empty list' : `the ${wanted} oldest`}, but it answered ${describeStatus(res.status)} with ${slugs.length}.`,
      );
    }
    return pass();
  },
});

export const resilienceStage = defineStage({
  id: 'resilience',
  title: 'Resilience (beyond RealWorld)',
  difficulty: 'intermediate',
  // its lists filter by author and page by offset, and its 403s are the authorization stage's
  needs: ['authorization'],
  topics: [TOPIC.errorHandling, TOPIC.apiDesign],
  timeoutMs: 60_000,
  checks: [survivesFailedDeletes, largePage, deepOffset],
});
