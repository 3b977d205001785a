import { setTimeout as sleep } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';
import type { FaultId } from '../faults';
import type { Profile } from './users.repository';

export interface Article {
  id: number;
  authorId: number;
  slug: string;
  title: string;
  description: string;
  body: string;
  tagList: string[];
  createdAt: Date;
  updatedAt: Date;
  favorited: boolean;
  favoritesCount: number;
  author: Profile;
}

/** What a list may be narrowed to; every value reaches SQL as a parameter. */
export interface ArticleFilter {
  tag?: string | undefined;
  author?: string | undefined;
  favorited?: string | undefined;
  /** Only authors this user follows (the feed). */
  followedBy?: number | undefined;
}

interface ArticleRow {
  id: string;
  author_id: string;
  slug: string;
  title: string;
  description: string;
  body: string;
  tag_list: string[];
  created_at: Date;
  updated_at: Date;
  favorited: boolean;
  favorites_count: number;
  username: string;
  bio: string | null;
  image: string | null;
  following: boolean;
}

/** Everything an article response needs, as seen by the viewer in $1 (null for anonymous readers). */
const ARTICLE_SELECT = `
  SELECT a.id, a.author_id, a.slug, a.title, a.description, a.body, a.created_at, a.updated_at,
         COALESCE((SELECT array_agg(t.tag ORDER BY t.position) FROM article_tags t WHERE t.article_id = a.id), '{}') AS tag_list,
         (SELECT count(*)::int FROM favorites f WHERE f.article_id = a.id) AS favorites_count,
         EXISTS (SELECT 1 FROM favorites f WHERE f.article_id = a.id AND f.user_id = $1) AS favorited,
         u.username, u.bio, u.image,
         EXISTS (SELECT 1 FROM follows f WHERE f.followee_id = a.author_id AND f.follower_id = $1) AS following
    FROM articles a JOIN users u ON u.id = a.author_id`;

// the stale-read faults' window between reading a set and writing it back
const STALE_READ_WINDOW_MS = 5;

export type ArticlesRepository = ReturnType<typeof createArticlesRepository>;

export function createArticlesRepository(db: PGlite, fault?: FaultId) {
  async function findBySlug(slug: string, viewerId: number | undefined): Promise<Article | undefined> {
    if (fault === 'slug-sql-spliced') {
      const { rows } = await db.query<ArticleRow>(`${ARTICLE_SELECT} WHERE a.slug = '${slug}'`, [
        viewerId ?? null,
      ]);
      return rows[0] === undefined ? undefined : toArticle(rows[0], fault);
    }
    const { rows } = await db.query<ArticleRow>(`${ARTICLE_SELECT} WHERE a.slug = $2`, [
      viewerId ?? null,
      slug,
    ]);
    return rows[0] === undefined ? undefined : toArticle(rows[0], fault);
  }

  /** WHERE clauses and their parameters ($1 is the viewer, so filters start at $2). */
  function whereOf(filter: ArticleFilter): { where: string; params: unknown[] } {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length + 1}`;
    };
    if (filter.tag !== undefined && fault !== 'tag-filter-ignored') {
      conditions.push(
        fault === 'tag-filter-sql-spliced'
          ? `EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag = '${filter.tag}')`
          : `EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag = ${param(filter.tag)})`,
      );
    }
    if (filter.author !== undefined && fault !== 'author-filter-ignored') {
      conditions.push(`u.username = ${param(filter.author)}`);
    }
    if (filter.favorited !== undefined) {
      conditions.push(
        fault === 'favorited-filter-is-author'
          ? `u.username = ${param(filter.favorited)}`
          : `EXISTS (SELECT 1 FROM favorites f JOIN users fu ON fu.id = f.user_id
                      WHERE f.article_id = a.id AND fu.username = ${param(filter.favorited)})`,
      );
    }
    if (filter.followedBy !== undefined && fault !== 'feed-shows-everyone') {
      conditions.push(
        `a.author_id IN (SELECT f.followee_id FROM follows f WHERE f.follower_id = ${param(filter.followedBy)})`,
      );
    }
    return { where: conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`, params };
  }

  return {
    findBySlug,

    async list(
      filter: ArticleFilter,
      page: { limit: number; offset: number; isOldestFirst?: boolean },
      viewerId: number | undefined,
    ): Promise<{ articles: Article[]; count: number }> {
      const { where, params } = whereOf(filter);
      const order = page.isOldestFirst ? 'ASC' : 'DESC';
      const n = params.length;
      const { rows } = await db.query<ArticleRow>(
        `${ARTICLE_SELECT} ${where} ORDER BY a.id ${order} LIMIT $${n + 2} OFFSET $${n + 3}`,
        [viewerId ?? null, ...params, page.limit, page.offset],
      );
      // the same conditions without the viewer: each $k moves down to $k-1
      const unviewed = where.replaceAll(/\$(\d+)/g, (_, index: string) => `$${Number(index) - 1}`);
      const counted = await db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM articles a JOIN users u ON u.id = a.author_id ${unviewed}`,
        params,
      );
      if (fault === 'deep-offset-500' && page.offset > 0 && rows.length === 0) {
        // the bug: the total is read from the first row of the page (count(*) OVER ()), and there is none
        throw new TypeError("Cannot read properties of undefined (reading 'total')");
      }
      return { articles: rows.map((row) => toArticle(row, fault)), count: counted.rows[0]?.count ?? 0 };
    },

    async insert(
      authorId: number,
      input: { slug: string; title: string; description: string; body: string; tagList: readonly string[] },
    ): Promise<string> {
      await db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: string }>(
          'INSERT INTO articles (slug, title, description, body, author_id) VALUES ($1, $2, $3, $4, $5) RETURNING id',
          [input.slug, input.title, input.description, input.body, authorId],
        );
        await replaceTags(tx, Number(rows[0]?.id), input.tagList);
      });
      return input.slug;
    },

    async update(
      id: number,
      changes: {
        title?: string | undefined;
        description?: string | undefined;
        body?: string | undefined;
        tagList?: readonly string[] | undefined;
      },
    ): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.query(
          `UPDATE articles SET title = COALESCE($2, title), description = COALESCE($3, description),
                  body = COALESCE($4, body), updated_at = clock_timestamp() WHERE id = $1`,
          [id, changes.title ?? null, changes.description ?? null, changes.body ?? null],
        );
        if (changes.tagList !== undefined) await replaceTags(tx, id, changes.tagList);
      });
    },

    async remove(id: number): Promise<void> {
      await db.query('DELETE FROM articles WHERE id = $1', [id]);
    },

    async favorite(userId: number, articleId: number): Promise<void> {
      if (fault === 'favorites-rewritten-from-stale-read') {
        const { rows } = await db.query<{ user_id: string }>(
          'SELECT user_id FROM favorites WHERE article_id = $1',
          [articleId],
        );
        // the time a real server spends between its read and its write (a round trip to its database)
        await sleep(STALE_READ_WINDOW_MS);
        const fans = [...new Set([...rows.map((row) => Number(row.user_id)), userId])];
        await db.query('DELETE FROM favorites WHERE article_id = $1', [articleId]);
        await db.query(
          'INSERT INTO favorites (user_id, article_id) SELECT unnest($2::bigint[]), $1 ON CONFLICT DO NOTHING',
          [articleId, fans],
        );
        return;
      }
      await db.query('INSERT INTO favorites (user_id, article_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        userId,
        articleId,
      ]);
    },

    async unfavorite(userId: number, articleId: number): Promise<void> {
      await db.query('DELETE FROM favorites WHERE user_id = $1 AND article_id = $2', [userId, articleId]);
    },

    async listTags(): Promise<string[]> {
      const distinct = fault === 'tags-repeated' ? '' : 'DISTINCT';
      const { rows } = await db.query<{ tag: string }>(
        `SELECT ${distinct} tag FROM article_tags ORDER BY tag`,
      );
      return rows.map((row) => row.tag);
    },
  };
}

type Queryable = Pick<PGlite, 'query'>;

async function replaceTags(tx: Queryable, articleId: number, tagList: readonly string[]): Promise<void> {
  await tx.query('DELETE FROM article_tags WHERE article_id = $1', [articleId]);
  const tags = [...new Set(tagList)];
  if (tags.length === 0) return;
  await tx.query(
    'INSERT INTO article_tags (article_id, tag, position) SELECT $1, tag, position FROM unnest($2::text[]) WITH ORDINALITY AS t(tag, position)',
    [articleId, tags],
  );
}

function toArticle(row: ArticleRow, fault: FaultId | undefined): Article {
  return {
    id: Number(row.id),
    authorId: Number(row.author_id),
    slug: row.slug,
    title: row.title,
    description: row.description,
    body: row.body,
    tagList: row.tag_list,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    favorited: fault === 'favorited-by-anyone' ? row.favorites_count > 0 : row.favorited,
    favoritesCount: row.favorites_count,
    author: { username: row.username, bio: row.bio, image: row.image, following: row.following },
  };
}
