import {
  defineCheck,
  defineStage,
  describeStatus,
  expectContentType,
  expectJson,
  expectMatchesSchema,
  expectStatus,
  is,
  pass,
} from '@groundwork/grader';
import {
  as,
  COMMENT_SCHEMA,
  createArticle,
  describeJson,
  failWith,
  favoritedArticle,
  isFailure,
  isObject,
  isSuccess,
  newTag,
  readPath,
  registerUser,
  SINGLE_ARTICLE_SCHEMA,
  setupFailure,
  userFor,
} from './conduit';
import { TOPIC } from './topics';

/** The same strings in any order: the contract does not say tagList keeps the order it was given. */
const sameTags = (tags: readonly string[]) =>
  is.where(
    `the tags ${JSON.stringify(tags)} in any order`,
    (v) => Array.isArray(v) && v.length === tags.length && tags.every((tag) => v.includes(tag)),
  );

const createArticle201 = defineCheck({
  id: 'create-article-201',
  title: 'POST /articles answers 201 with the article, its slug, tags and author',
  topic: TOPIC.crudOperations,
  async run(ctx) {
    const user = await userFor(ctx, 'author');
    if (isFailure(user)) return user;
    const article = {
      title: `${ctx.data.sentence(3)} ${ctx.data.string(6)}`,
      description: ctx.data.sentence(6),
      body: ctx.data.sentence(20),
      tagList: [newTag(ctx), newTag(ctx)],
    };
    const res = await ctx.http.post('/articles', { json: { article }, ...as(user) });
    return (
      expectStatus(res, 201, {
        hint: `POST /articles should answer 201 Created when it creates an article, but it answered ${describeStatus(res.status)}.`,
      }) ??
      expectContentType(res, 'application/json', { topic: TOPIC.json }) ??
      expectJson(res, {
        article: {
          slug: is.nonEmptyString(),
          title: article.title,
          description: article.description,
          body: article.body,
          tagList: sameTags(article.tagList),
          favorited: false,
          favoritesCount: 0,
          author: { username: user.username },
        },
      }) ??
      pass()
    );
  },
});

const getArticle = defineCheck({
  id: 'get-article',
  title: "GET /articles/{slug} answers the whole article in the contract's shape, to anyone",
  topic: TOPIC.restApis,
  async run(ctx) {
    const user = await userFor(ctx, 'author');
    if (isFailure(user)) return user;
    const created = await createArticle(ctx, user, { tagList: [newTag(ctx)] });
    if (isFailure(created)) return created;
    const res = await ctx.http.get(`/articles/${created.slug}`);
    return (
      expectStatus(res, 200, {
        hint: `GET /articles/${created.slug} (without a token: reading needs none) should answer 200 OK, but it answered ${describeStatus(res.status)}.`,
      }) ??
      expectContentType(res, 'application/json', { topic: TOPIC.json }) ??
      expectMatchesSchema(res, SINGLE_ARTICLE_SCHEMA, { topic: TOPIC.json }) ??
      expectJson(res, {
        article: {
          slug: created.slug,
          title: created.title,
          body: created.body,
          author: { username: user.username },
        },
      }) ??
      pass()
    );
  },
});

const updateArticle = defineCheck({
  id: 'update-article',
  title: 'PUT /articles/{slug} changes description and body',
  topic: TOPIC.crudOperations,
  async run(ctx) {
    const user = await userFor(ctx, 'author');
    if (isFailure(user)) return user;
    const created = await createArticle(ctx, user);
    if (isFailure(created)) return created;
    const changes = { description: ctx.data.sentence(5), body: ctx.data.sentence(15) };
    const res = await ctx.http.put(`/articles/${created.slug}`, { json: { article: changes }, ...as(user) });
    const failure =
      expectStatus(res, 200, {
        hint: `PUT /articles/${created.slug} by its author should answer 200 OK with the article, but it answered ${describeStatus(res.status)}.`,
      }) ?? expectJson(res, { article: { ...changes, title: created.title } });
    if (failure) return failure;
    // the contract leaves open whether a slug changes; it only changes with the title, which stays
    const slug = String(readPath(res.json(), ['article', 'slug']) ?? created.slug);
    const read = await ctx.http.get(`/articles/${slug}`);
    if (!isSuccess(read)) return setupFailure(read, 'to read the updated article back');
    return expectJson(read, { article: changes }) ?? pass();
  },
});

const deleteArticle204 = defineCheck({
  id: 'delete-article-204',
  title: 'DELETE /articles/{slug} answers 204, and the article is gone (404)',
  topic: TOPIC.crudOperations,
  async run(ctx) {
    const user = await userFor(ctx, 'author');
    if (isFailure(user)) return user;
    const created = await createArticle(ctx, user);
    if (isFailure(created)) return created;
    const path = `/articles/${created.slug}`;
    const res = await ctx.http.delete(path, as(user));
    const failure = expectStatus(res, 204, {
      hint: `DELETE ${path} by its author should answer 204 No Content, but it answered ${describeStatus(res.status)}.`,
    });
    if (failure) return failure;
    const read = await ctx.http.get(path);
    if (read.status === 404) return pass();
    return failWith(
      read,
      '404 Not Found after the delete',
      `status ${describeStatus(read.status)}`,
      `DELETE ${path} answered 204, but GET ${path} afterwards answered ${describeStatus(read.status)} instead of 404: delete the row.`,
    );
  },
});

export const articlesStage = defineStage({
  id: 'articles',
  title: 'Articles',
  difficulty: 'beginner',
  needs: ['users'],
  topics: [TOPIC.crudOperations, TOPIC.restApis, TOPIC.json],
  checks: [createArticle201, getArticle, updateArticle, deleteArticle204],
});

/** A comment posted on `slug` (any 2xx) and its id. */
async function postComment(
  ctx: Parameters<typeof userFor>[0],
  slug: string,
  user: Exclude<Awaited<ReturnType<typeof registerUser>>, { status: 'fail' }>,
) {
  const body = ctx.data.sentence(8);
  const res = await ctx.http.post(`/articles/${slug}/comments`, { json: { comment: { body } }, ...as(user) });
  if (!isSuccess(res)) return setupFailure(res, 'to post a comment');
  return { id: readPath(res.json(), ['comment', 'id']), body, res };
}

/** The comment ids GET /articles/{slug}/comments lists, or the failed response. */
async function listCommentIds(ctx: Parameters<typeof userFor>[0], slug: string) {
  const res = await ctx.http.get(`/articles/${slug}/comments`);
  const list = readPath(res.json(), ['comments']);
  return {
    res,
    ids: Array.isArray(list) ? list.map((item) => (isObject(item) ? item.id : undefined)) : undefined,
  };
}

const addComment201 = defineCheck({
  id: 'add-comment-201',
  title: 'POST /articles/{slug}/comments answers 201 with the comment, its id and author',
  topic: TOPIC.crudOperations,
  async run(ctx) {
    const author = await userFor(ctx, 'author');
    if (isFailure(author)) return author;
    const reader = await userFor(ctx, 'reader');
    if (isFailure(reader)) return reader;
    const article = await createArticle(ctx, author);
    if (isFailure(article)) return article;
    const body = ctx.data.sentence(8);
    const res = await ctx.http.post(`/articles/${article.slug}/comments`, {
      json: { comment: { body } },
      ...as(reader),
    });
    return (
      expectStatus(res, 201, {
        hint: `POST /articles/${article.slug}/comments should answer 201 Created when it adds a comment, but it answered ${describeStatus(res.status)}.`,
      }) ??
      expectMatchesSchema(res, {
        type: 'object',
        required: ['comment'],
        properties: { comment: COMMENT_SCHEMA },
      }) ??
      expectJson(res, { comment: { body, author: { username: reader.username } } }) ??
      pass()
    );
  },
});

const listComments = defineCheck({
  id: 'list-comments',
  title: "GET /articles/{slug}/comments lists that article's comments and no other's",
  topic: TOPIC.joinsAndRelationships,
  async run(ctx) {
    const author = await userFor(ctx, 'author');
    if (isFailure(author)) return author;
    const first = await createArticle(ctx, author);
    if (isFailure(first)) return first;
    const second = await createArticle(ctx, author);
    if (isFailure(second)) return second;
    const mine = [await postComment(ctx, first.slug, author), await postComment(ctx, first.slug, author)];
    const other = await postComment(ctx, second.slug, author);
    for (const one of [...mine, other]) if (isFailure(one)) return one;
    const { res, ids } = await listCommentIds(ctx, first.slug);
    const failure =
      expectStatus(res, 200, {
        hint: `GET /articles/${first.slug}/comments should answer 200 OK, but it answered ${describeStatus(res.status)}.`,
      }) ??
      expectMatchesSchema(res, {
        type: 'object',
        required: ['comments'],
        properties: { comments: { type: 'array', items: COMMENT_SCHEMA } },
      });
    if (failure) return failure;
    const wanted = mine.map((one) => (isFailure(one) ? undefined : one.id));
    const isExact = ids?.length === 2 && wanted.every((id) => ids.includes(id));
    if (isExact) return pass();
    return failWith(
      res,
      `exactly the comments ${JSON.stringify(wanted)}`,
      `the comment ids ${describeJson(ids)}`,
      `GET /articles/${first.slug}/comments should list exactly the 2 comments posted on that article, but it listed ${describeJson(ids)}: select the comments by the article.`,
    );
  },
});

const deleteComment204 = defineCheck({
  id: 'delete-comment-204',
  title: 'DELETE /articles/{slug}/comments/{id} answers 204, and the comment is gone',
  topic: TOPIC.crudOperations,
  async run(ctx) {
    const author = await userFor(ctx, 'author');
    if (isFailure(author)) return author;
    const article = await createArticle(ctx, author);
    if (isFailure(article)) return article;
    const comment = await postComment(ctx, article.slug, author);
    if (isFailure(comment)) return comment;
    const path = `/articles/${article.slug}/comments/${String(comment.id)}`;
    const res = await ctx.http.delete(path, as(author));
    const failure = expectStatus(res, 204, {
      hint: `DELETE ${path} by the comment's author should answer 204 No Content, but it answered ${describeStatus(res.status)}.`,
    });
    if (failure) return failure;
    const { res: list, ids } = await listCommentIds(ctx, article.slug);
    if (ids !== undefined && !ids.includes(comment.id)) return pass();
    return failWith(
      list,
      'the deleted comment no longer listed',
      `the comment ids ${describeJson(ids)}`,
      `DELETE ${path} answered 204, but GET /articles/${article.slug}/comments still lists comment ${String(comment.id)}.`,
    );
  },
});

export const commentsStage = defineStage({
  id: 'comments',
  title: 'Comments',
  difficulty: 'beginner',
  needs: ['articles'],
  topics: [TOPIC.crudOperations, TOPIC.joinsAndRelationships],
  checks: [addComment201, listComments, deleteComment204],
});

const favoriteArticle = defineCheck({
  id: 'favorite-article',
  title: 'POST /articles/{slug}/favorite answers the article favourited, its count one higher',
  topic: TOPIC.joinsAndRelationships,
  async run(ctx) {
    const author = await userFor(ctx, 'author');
    if (isFailure(author)) return author;
    const fan = await registerUser(ctx);
    if (isFailure(fan)) return fan;
    const article = await createArticle(ctx, author);
    if (isFailure(article)) return article;
    const path = `/articles/${article.slug}`;
    const res = await ctx.http.post(`${path}/favorite`, as(fan));
    const failure =
      expectStatus(res, 200, {
        hint: `POST ${path}/favorite should answer 200 OK with the article, but it answered ${describeStatus(res.status)}.`,
      }) ?? expectJson(res, { article: { slug: article.slug, favorited: true, favoritesCount: 1 } });
    if (failure) return failure;
    const read = await ctx.http.get(path, as(fan));
    return expectJson(read, { article: { favorited: true, favoritesCount: 1 } }) ?? pass();
  },
});

const unfavoriteArticle = defineCheck({
  id: 'unfavorite-article',
  title: 'DELETE /articles/{slug}/favorite answers the article no longer favourited, its count back down',
  topic: TOPIC.joinsAndRelationships,
  async run(ctx) {
    const setup = await favoritedArticle(ctx);
    if (isFailure(setup)) return setup;
    const { fan, path } = setup;
    const res = await ctx.http.delete(`${path}/favorite`, as(fan));
    const failure =
      expectStatus(res, 200, {
        hint: `DELETE ${path}/favorite should answer 200 OK with the article, but it answered ${describeStatus(res.status)}.`,
      }) ?? expectJson(res, { article: { favorited: false, favoritesCount: 0 } });
    if (failure) return failure;
    const read = await ctx.http.get(path, as(fan));
    return expectJson(read, { article: { favorited: false, favoritesCount: 0 } }) ?? pass();
  },
});

export const favoritesStage = defineStage({
  id: 'favorites',
  title: 'Favourites',
  difficulty: 'beginner',
  needs: ['articles'],
  topics: [TOPIC.joinsAndRelationships, TOPIC.crudOperations],
  checks: [favoriteArticle, unfavoriteArticle],
});

const tagsList = defineCheck({
  id: 'tags-list',
  title: 'GET /tags lists every tag in use, each once',
  topic: TOPIC.restApis,
  async run(ctx) {
    const author = await userFor(ctx, 'author');
    if (isFailure(author)) return author;
    const shared = newTag(ctx);
    const own = newTag(ctx);
    for (const tagList of [[shared, own], [shared]]) {
      const created = await createArticle(ctx, author, { tagList });
      if (isFailure(created)) return created;
    }
    const res = await ctx.http.get('/tags');
    const failure =
      expectStatus(res, 200, {
        hint: `GET /tags should answer 200 OK with {"tags": [...]}, but it answered ${describeStatus(res.status)}.`,
      }) ?? expectJson(res, { tags: is.arrayOf(is.string()) });
    if (failure) return failure;
    const tags = readPath(res.json(), ['tags']) as unknown[];
    const counts = [shared, own].map((tag) => tags.filter((one) => one === tag).length);
    if (counts.every((count) => count === 1)) return pass();
    return failWith(
      res,
      `"${shared}" and "${own}" once each`,
      `"${shared}" ${counts[0]} times, "${own}" ${counts[1]} times`,
      `GET /tags should list each tag in use exactly once, but "${shared}" (on two articles) appears ${counts[0]} times and "${own}" ${counts[1]}: select DISTINCT tags.`,
    );
  },
});

export const tagsStage = defineStage({
  id: 'tags',
  title: 'Tags',
  difficulty: 'beginner',
  needs: ['articles'],
  topics: [TOPIC.restApis, TOPIC.queryOptimization],
  checks: [tagsList],
});
