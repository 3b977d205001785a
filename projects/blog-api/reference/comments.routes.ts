import type { FastifyPluginAsync } from 'fastify';
import type { FaultId } from '../faults';
import type { ArticlesRepository } from './articles.repository';
import type { AuthService } from './auth.service';
import type { Comment, CommentsRepository } from './comments.repository';
import { ConduitError, conduitErrors } from './errors';
import { NewCommentBody, parseOrThrow } from './schemas';
import type { User } from './users.repository';

export interface CommentRoutesOptions {
  auth: AuthService;
  articles: ArticlesRepository;
  comments: CommentsRepository;
  breakDatabase: () => Promise<void>;
  fault?: FaultId | undefined;
}

interface SlugParams {
  slug: string;
}

function commentResponse({ id, body, createdAt, updatedAt, author }: Comment) {
  return { id, body, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString(), author };
}

export const commentRoutes: FastifyPluginAsync<CommentRoutesOptions> = async (
  app,
  { auth, articles, comments, breakDatabase, fault },
) => {
  const signedIn = (authorization: string | undefined) =>
    auth.authenticate(authorization, true) as Promise<User>;

  async function articleId(slug: string, viewerId: number | undefined): Promise<number> {
    const article = await articles.findBySlug(slug, viewerId);
    if (article === undefined) throw conduitErrors.notFound('article');
    return article.id;
  }

  app.get<{ Params: SlugParams }>('/articles/:slug/comments', async (request) => {
    const viewer = await auth.authenticate(request.headers.authorization, false);
    const id = await articleId(request.params.slug, viewer?.id);
    return { comments: (await comments.listFor(id, viewer?.id)).map(commentResponse) };
  });

  app.post<{ Params: SlugParams }>('/articles/:slug/comments', async (request, reply) => {
    const user = await signedIn(request.headers.authorization);
    const { body } = parseOrThrow(NewCommentBody, request.body).comment;
    const comment = await comments.insert(
      await articleId(request.params.slug, user.id),
      user.id,
      body,
      user.id,
    );
    reply.code(fault === 'add-comment-returns-200' ? 200 : 201);
    return { comment: commentResponse(comment) };
  });

  app.delete<{ Params: SlugParams & { id: string } }>(
    '/articles/:slug/comments/:id',
    async (request, reply) => {
      const user = await signedIn(request.headers.authorization);
      try {
        const id = await articleId(request.params.slug, user.id);
        const commentId = Number(request.params.id);
        const comment = Number.isSafeInteger(commentId)
          ? await comments.findById(commentId, user.id)
          : undefined;
        if (comment === undefined || comment.articleId !== id) throw conduitErrors.notFound('comment');
        if (comment.authorId !== user.id && fault !== 'anyone-deletes-comments')
          throw conduitErrors.forbidden('comment');
        await comments.remove(comment.id);
      } catch (error) {
        if (
          fault === 'failed-delete-closes-database' &&
          error instanceof ConduitError &&
          error.status === 404
        ) {
          await breakDatabase();
        }
        throw error;
      }
      return reply.code(204).send();
    },
  );
};
