import type { SqlClient } from '../../kit/reference/database';
import type { FaultId } from '../faults';
import * as faulty from './faulty-queries';
import type { Link, LinkPosition, NewLink, StoredLink } from './links.model';
import { LINK_COLUMNS } from './links.model';

export type LinksRepository = ReturnType<typeof createLinksRepository>;

export function createLinksRepository(db: SqlClient, fault?: FaultId) {
  return {
    /** Stores a new link; undefined when its code is already taken. */
    async insertLink(link: NewLink): Promise<Link | undefined> {
      if (fault === 'alias-conflict-overwrites') return faulty.upsertLink(db, link);
      if (fault === 'alias-conflict-500') return faulty.insertLinkUnguarded(db, link);
      if (fault === 'alias-insert-sql-injection') return faulty.insertLinkWithPastedCode(db, link);
      const { rows } = await db.query<Link>(
        `INSERT INTO links (code, url, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (code) DO NOTHING
         RETURNING ${LINK_COLUMNS}`,
        [link.code, link.url, link.expiresAt ?? null],
      );
      return rows[0];
    },

    /** The link with this code, expired or not. */
    async findLink(code: string): Promise<StoredLink | undefined> {
      if (fault === 'alias-sql-injection') return faulty.findLinkByPastedCode(db, code);
      const { rows } = await db.query<StoredLink>(
        `SELECT ${LINK_COLUMNS}, coalesce(expires_at <= now(), false) AS "isExpired"
         FROM links WHERE code = $1`,
        [code],
      );
      return rows[0];
    },

    /** Counts a click and returns the target URL; undefined when the link is missing or expired. */
    async recordClick(code: string): Promise<string | undefined> {
      if (fault === 'stats-read-then-write') return faulty.recordClickReadThenWrite(db, code);
      if (fault === 'expiry-ignored') return faulty.recordClickIgnoringExpiry(db, code);
      if (fault === 'last-clicked-not-updated') return faulty.recordClickWithoutTimestamp(db, code);
      // one statement: the database adds 1 to the current value, so concurrent clicks never overwrite each other
      const { rows } = await db.query<{ url: string }>(
        `UPDATE links SET clicks = clicks + 1, last_clicked_at = now()
         WHERE code = $1 AND (expires_at IS NULL OR expires_at > now())
         RETURNING url`,
        [code],
      );
      return rows[0]?.url;
    },

    /** Newest first, starting just after the position a cursor points at. */
    async listLinks(position: LinkPosition): Promise<Link[]> {
      if (fault === 'listing-unstable-order') return faulty.listLinksUnordered(db, position);
      if (fault === 'listing-cursor-overlap') return faulty.listLinksOverlapping(db, position);
      const { rows } = await db.query<Link>(
        `SELECT ${LINK_COLUMNS} FROM links
         WHERE $1::bigint IS NULL OR id < $1
         ORDER BY id DESC
         LIMIT $2`,
        [position.beforeId ?? null, position.limit],
      );
      return rows;
    },

    async ping(): Promise<void> {
      await db.query('SELECT 1');
    },
  };
}
