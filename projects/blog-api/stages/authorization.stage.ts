import { defineCheck, defineStage, describeStatus, expectJson, pass } from '@groundwork/grader';
import {
  as,
  commentedArticle,
  createArticle,
  describeJson,
  failWith,
  favoritedArticle,
  isFailure,
  isObject,
  isSuccess,
  readPath,
  registerUser,
  setupFailure,
  slugsOf,
  userFor,
} from './conduit';
import { TOPIC } from './topics';

// the contract's answer when the caller is signed in but not the owner
const FORBIDDEN = [403];

const othersArticle403 = defineCheck({
  id: 'others-article-403',
  title: "Another user's PUT and DELETE of an article answer 403, and the article stays as it was",
  topic: TOPIC.authenticationVsAuthorization,
  async run(ctx) {
    const owner = await userFor(ctx, 'author');
    if (isFailure(owner)) return owner;
    const other = await userFor(ctx, 'reader');
    if (isFailure(other)) return other;
    const article = await createArticle(ctx, owner);
    if (isFailure(article)) return article;
    const path = `/articles/${article.slug}`;
    return ctx.probes.objectAuthorisation({
      description: `the article at ${path}`,
      deniedStatuses: FORBIDDEN,
      asOwner: () => ctx.http.get(path, as(owner)),
      attempts: [
        {
          action: 'update',
          send: () => ctx.http.put(path, { json: { article: { body: 'taken over' } }, ...as(other) }),
        },
        { action: 'delete', send: () => ctx.http.delete(path, as(other)) },
      ],
      isUnchanged: (read) => readPath(read.json(), ['article', 'body']) === article.body,
    });
  },
});

const othersComment403 = defineCheck({
  id: 'others-comment-403',
  title: "Another user's DELETE of a comment answers 403, and the comment stays",
  topic: TOPIC.authenticationVsAuthorization,
  async run(ctx) {
    const setup = await commentedArticle(ctx);
    if (isFailure(setup)) return setup;
    const { owner, other, article, commentId: id } = setup;
    const list = `/articles/${article.slug}/comments`;
    return ctx.probes.objectAuthorisation({
      description: `comment ${String(id)} on ${article.slug}`,
      deniedStatuses: FORBIDDEN,
      asOwner: () => ctx.http.get(list, as(owner)),
      attempts: [{ action: 'delete', send: () => ctx.http.delete(`${list}/${String(id)}`, as(other)) }],
      isUnchanged: (read) => {
        const comments = readPath(read.json(), ['comments']);
        return Array.isArray(comments) && comments.some((one) => isObject(one) && one.id === id);
      },
    });
  },
});

const favoriteIsPerUser = defineCheck({
  id: 'favorite-is-per-user',
  title: 'One user\'s favourite is theirs alone: to everyone else "favorited" stays false',
  topic: TOPIC.authenticationVsAuthorization,
  async run(ctx) {
    const setup = await favoritedArticle(ctx);
    if (isFailure(setup)) return setup;
    const { author: owner, fan, article, path } = setup;
    const read = await ctx.http.get(path, as(owner));
    return (
      expectJson(
        read,
        { article: { favorited: false, favoritesCount: 1 } },
        {
          hint: `After ${fan.username} favourited ${article.slug}, its author reading it should see "favorited": false and "favoritesCount": 1, but saw ${describeJson({ favorited: readPath(read.json(), ['article', 'favorited']), favoritesCount: readPath(read.json(), ['article', 'favoritesCount']) })}: "favorited" is about the caller.`,
        },
      ) ?? pass()
    );
  },
});

const feedOnlyFollowed = defineCheck({
  id: 'feed-only-followed',
  title: 'The feed never shows articles from authors the caller does not follow',
  topic: TOPIC.authenticationVsAuthorization,
  async run(ctx) {
    const followed = await registerUser(ctx);
    if (isFailure(followed)) return followed;
    const stranger = await userFor(ctx, 'author');
    if (isFailure(stranger)) return stranger;
    const reader = await registerUser(ctx);
    if (isFailure(reader)) return reader;
    const follow = await ctx.http.post(`/profiles/${followed.username}/follow`, as(reader));
    if (!isSuccess(follow)) return setupFailure(follow, 'to follow an author');
    const theirs = await createArticle(ctx, followed);
    if (isFailure(theirs)) return theirs;
    const unwanted = await createArticle(ctx, stranger);
    if (isFailure(unwanted)) return unwanted;
    const res = await ctx.http.get('/articles/feed?limit=100', as(reader));
    const items = readPath(res.json(), ['articles']);
    const authors = Array.isArray(items) ? items.map((item) => readPath(item, ['author', 'username'])) : [];
    const strangers = authors.filter((name) => name !== followed.username);
    if (res.status === 200 && slugsOf(res).includes(theirs.slug) && strangers.length === 0) return pass();
    return failWith(
      res,
      `200 with only ${followed.username}'s articles`,
      `status ${describeStatus(res.status)}, authors ${describeJson([...new Set(authors)])}`,
      `${reader.username} follows only ${followed.username}, so GET /articles/feed should list only their articles, but it answered ${describeStatus(res.status)} with articles by ${describeJson([...new Set(authors)])}.`,
    );
  },
});

export const authorizationStage = defineStage({
  id: 'authorization',
  title: 'Object-level authorization (beyond RealWorld)',
  difficulty: 'intermediate',
  needs: ['comments', 'favorites', 'listing'],
  topics: [TOPIC.authenticationVsAuthorization, TOPIC.apiSecurity, TOPIC.owaspTopTen],
  checks: [othersArticle403, othersComment403, favoriteIsPerUser, feedOnlyFollowed],
});
