import type { PGlite } from '@electric-sql/pglite';
import type { FaultId } from '../faults';
import type { Profile } from './users.repository';

export interface Comment {
  id: number;
  articleId: number;
  authorId: number;
  body: string;
  createdAt: Date;
  updatedAt: Date;
  author: Profile;
}

interface CommentRow {
  id: string;
  article_id: string;
  author_id: string;
  body: string;
  created_at: Date;
  updated_at: Date;
  username: string;
  bio: string | null;
  image: string | null;
  following: boolean;
}

const COMMENT_SELECT = `
  SELECT c.id, c.article_id, c.author_id, c.body, c.created_at, c.updated_at, u.username, u.bio, u.image,
         EXISTS (SELECT 1 FROM follows f WHERE f.followee_id = c.author_id AND f.follower_id = $1) AS following
    FROM comments c JOIN users u ON u.id = c.author_id`;

export type CommentsRepository = ReturnType<typeof createCommentsRepository>;

export function createCommentsRepository(db: PGlite, fault?: FaultId) {
  return {
    async insert(articleId: number, authorId: number, body: string, viewerId: number): Promise<Comment> {
      const { rows } = await db.query<{ id: string }>(
        'INSERT INTO comments (article_id, author_id, body) VALUES ($1, $2, $3) RETURNING id',
        [articleId, authorId, body],
      );
      return (await this.findById(Number(rows[0]?.id), viewerId)) as Comment;
    },

    async findById(id: number, viewerId: number | undefined): Promise<Comment | undefined> {
      const { rows } = await db.query<CommentRow>(`${COMMENT_SELECT} WHERE c.id = $2`, [
        viewerId ?? null,
        id,
      ]);
      return rows[0] === undefined ? undefined : toComment(rows[0]);
    },

    /** An article's comments, newest first. */
    async listFor(articleId: number, viewerId: number | undefined): Promise<Comment[]> {
      const where =
        fault === 'comments-of-every-article' ? 'WHERE $2::bigint IS NOT NULL' : 'WHERE c.article_id = $2';
      const { rows } = await db.query<CommentRow>(`${COMMENT_SELECT} ${where} ORDER BY c.id DESC`, [
        viewerId ?? null,
        articleId,
      ]);
      return rows.map(toComment);
    },

    async remove(id: number): Promise<void> {
      if (fault === 'delete-comment-keeps-it') return;
      await db.query('DELETE FROM comments WHERE id = $1', [id]);
    },
  };
}

function toComment(row: CommentRow): Comment {
  return {
    id: Number(row.id),
    articleId: Number(row.article_id),
    authorId: Number(row.author_id),
    body: row.body,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    author: { username: row.username, bio: row.bio, image: row.image, following: row.following },
  };
}
