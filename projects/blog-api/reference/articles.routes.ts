import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { FaultId } from '../faults';
import type { Article, ArticlesRepository } from './articles.repository';
import type { AuthService } from './auth.service';
import { ConduitError, conduitErrors } from './errors';
import { ListQuery, NewArticleBody, parseOrThrow, UpdateArticleBody } from './schemas';
import type { User } from './users.repository';

export interface ArticleRoutesOptions {
  auth: AuthService;
  articles: ArticlesRepository;
  /** What the failed-delete-closes-database fault does on a DELETE's error path. */
  breakDatabase: () => Promise<void>;
  fault?: FaultId | undefined;
}

interface SlugParams {
  slug: string;
}

// the slowness the two performance faults add: far beyond any latency budget
const SLOW_QUERY_MS = 250;
// the bug the blank-title-accepted fault has: a title that may be empty
const LaxTitleBody = z.object({
  article: NewArticleBody.shape.article.extend({ title: z.string().max(200) }),
});

/** A readable, unique slug: the title's words in lower case, then a random suffix so equal titles never collide. */
export function slugify(title: string): string {
  const words = title
    .normalize('NFKD')
    .replaceAll(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replaceAll(/[^a-z0-9]+/g, '-')
    .replaceAll(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${words || 'article'}-${randomBytes(4).toString('hex')}`;
}

export const articleRoutes: FastifyPluginAsync<ArticleRoutesOptions> = async (
  app,
  { auth, articles, breakDatabase, fault },
) => {
  const signedIn = (authorization: string | undefined) =>
    auth.authenticate(authorization, true) as Promise<User>;

  function articleResponse(article: Article) {
    const { id: _id, authorId: _authorId, createdAt, updatedAt, ...rest } = article;
    return { ...rest, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() };
  }

  function listItem(article: Article) {
    const { body, ...item } = articleResponse(article);
    return fault === 'list-includes-body' ? { ...item, body } : item;
  }

  async function found(slug: string, viewerId: number | undefined): Promise<Article> {
    const article = await articles.findBySlug(slug, viewerId);
    if (article === undefined) throw conduitErrors.notFound('article');
    return article;
  }

  /** The caller's own article, or 404 / 403 (and, with that fault, a broken database after a 404). */
  async function ownArticle(slug: string, user: User, isDelete: boolean): Promise<Article> {
    try {
      const article = await found(slug, user.id);
      if (article.authorId !== user.id && fault !== 'anyone-edits-articles')
        throw conduitErrors.forbidden('article');
      return article;
    } catch (error) {
      if (isDelete && fault === 'failed-delete-closes-database' && isNotFound(error)) await breakDatabase();
      throw error;
    }
  }

  function page(query: unknown) {
    const { limit, offset, ...filter } = parseOrThrow(ListQuery, query);
    return {
      filter,
      limit: fault === 'limit-capped-at-50' ? Math.min(limit, 50) : limit,
      offset: fault === 'offset-ignored' ? 0 : offset,
    };
  }

  app.get('/articles', async (request) => {
    const viewer = await auth.authenticate(request.headers.authorization, false);
    const { filter, ...range } = page(request.query);
    if (fault === 'slow-article-list') await sleep(SLOW_QUERY_MS);
    const { articles: found, count } = await articles.list(filter, range, viewer?.id);
    return { articles: found.map(listItem), articlesCount: count };
  });

  app.get('/articles/feed', async (request) => {
    const viewer = await signedIn(request.headers.authorization);
    const { limit, offset } = page(request.query);
    if (fault === 'slow-feed') await sleep(SLOW_QUERY_MS);
    const { articles: found, count } = await articles.list(
      { followedBy: viewer.id },
      { limit, offset, isOldestFirst: fault === 'feed-oldest-first' },
      viewer.id,
    );
    return { articles: found.map(listItem), articlesCount: count };
  });

  app.post('/articles', async (request, reply) => {
    const user = await signedIn(request.headers.authorization);
    const schema = fault === 'blank-title-accepted' ? LaxTitleBody : NewArticleBody;
    const input = parseOrThrow(schema, request.body).article;
    const slug = await articles.insert(user.id, {
      ...input,
      slug: slugify(input.title),
      tagList: input.tagList ?? [],
    });
    reply.code(fault === 'create-article-returns-200' ? 200 : 201);
    return { article: articleResponse(await found(slug, user.id)) };
  });

  app.get<{ Params: SlugParams }>('/articles/:slug', async (request, reply: FastifyReply) => {
    const viewer = await auth.authenticate(request.headers.authorization, false);
    const article = await found(request.params.slug, viewer?.id);
    if (fault === 'html-body-served-as-html' && article.body.includes('<')) {
      return reply.type('text/html').send(JSON.stringify({ article: articleResponse(article) }));
    }
    if (fault === 'timestamps-as-epoch') {
      return {
        article: {
          ...articleResponse(article),
          createdAt: article.createdAt.getTime(),
          updatedAt: article.updatedAt.getTime(),
        },
      };
    }
    return { article: articleResponse(article) };
  });

  app.put<{ Params: SlugParams }>('/articles/:slug', async (request) => {
    const user = await signedIn(request.headers.authorization);
    const changes = parseOrThrow(UpdateArticleBody, request.body).article;
    const article = await ownArticle(request.params.slug, user, false);
    const applied = fault === 'update-article-title-only' ? { title: changes.title } : changes;
    await articles.update(article.id, applied);
    return { article: articleResponse(await found(article.slug, user.id)) };
  });

  app.delete<{ Params: SlugParams }>('/articles/:slug', async (request, reply) => {
    const user = await signedIn(request.headers.authorization);
    const article = await ownArticle(request.params.slug, user, true);
    if (fault !== 'delete-article-keeps-it') await articles.remove(article.id);
    return reply.code(204).send();
  });

  app.post<{ Params: SlugParams }>('/articles/:slug/favorite', async (request) => {
    const user = await signedIn(request.headers.authorization);
    const article = await found(request.params.slug, user.id);
    await articles.favorite(user.id, article.id);
    if (fault === 'favorite-count-stale') return { article: articleResponse(article) };
    return { article: articleResponse(await found(article.slug, user.id)) };
  });

  app.delete<{ Params: SlugParams }>('/articles/:slug/favorite', async (request) => {
    const user = await signedIn(request.headers.authorization);
    const article = await found(request.params.slug, user.id);
    if (fault !== 'unfavorite-does-nothing') await articles.unfavorite(user.id, article.id);
    return { article: articleResponse(await found(article.slug, user.id)) };
  });

  app.get('/tags', async () => ({ tags: await articles.listTags() }));
};

function isNotFound(error: unknown): boolean {
  return error instanceof ConduitError && error.status === 404;
}
