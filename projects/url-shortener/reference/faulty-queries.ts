// The wrong ways to write the repository's queries, used only when a fault is switched on (see ../faults.ts).
// Each is a mistake the grader must catch; none belongs in real code.
import { setTimeout as sleep } from 'node:timers/promises';
import type { SqlClient } from '../../kit/reference/database';
import type { Link, LinkPosition, NewLink, StoredLink } from './links.model';
import { LINK_COLUMNS } from './links.model';

// the work a handler might do between reading and writing (say, looking up the visitor's country)
const WORK_BETWEEN_READ_AND_WRITE_MS = 10;

/** alias-conflict-overwrites: an upsert silently takes the alias away from its owner. */
export async function upsertLink(db: SqlClient, link: NewLink): Promise<Link | undefined> {
  const { rows } = await db.query<Link>(
    `INSERT INTO links (code, url, expires_at) VALUES ($1, $2, $3)
     ON CONFLICT (code) DO UPDATE SET url = EXCLUDED.url, expires_at = EXCLUDED.expires_at
     RETURNING ${LINK_COLUMNS}`,
    [link.code, link.url, link.expiresAt ?? null],
  );
  return rows[0];
}

/** alias-conflict-500: the unique constraint's error escapes as a 500. */
export async function insertLinkUnguarded(db: SqlClient, link: NewLink): Promise<Link | undefined> {
  const { rows } = await db.query<Link>(
    `INSERT INTO links (code, url, expires_at) VALUES ($1, $2, $3) RETURNING ${LINK_COLUMNS}`,
    [link.code, link.url, link.expiresAt ?? null],
  );
  return rows[0];
}

/** alias-insert-sql-injection: the code is pasted into the INSERT's SQL text. */
export async function insertLinkWithPastedCode(db: SqlClient, link: NewLink): Promise<Link | undefined> {
  const { rows } = await db.query<Link>(
    `INSERT INTO links (code, url, expires_at) VALUES ('${link.code}', $1, $2)
     ON CONFLICT (code) DO NOTHING
     RETURNING ${LINK_COLUMNS}`,
    [link.url, link.expiresAt ?? null],
  );
  return rows[0];
}

/** alias-sql-injection: the code is pasted into the SQL text. */
export async function findLinkByPastedCode(db: SqlClient, code: string): Promise<StoredLink | undefined> {
  const { rows } = await db.query<StoredLink>(
    `SELECT ${LINK_COLUMNS}, coalesce(expires_at <= now(), false) AS "isExpired"
     FROM links WHERE code = '${code}'`,
  );
  return rows[0];
}

/** stats-read-then-write: another request's click lands between the read and the write, and is lost. */
export async function recordClickReadThenWrite(db: SqlClient, code: string): Promise<string | undefined> {
  const { rows } = await db.query<{ url: string; clicks: number }>(
    `SELECT url, clicks FROM links WHERE code = $1 AND (expires_at IS NULL OR expires_at > now())`,
    [code],
  );
  const link = rows[0];
  if (link === undefined) return undefined;
  await sleep(WORK_BETWEEN_READ_AND_WRITE_MS);
  await db.query('UPDATE links SET clicks = $2, last_clicked_at = now() WHERE code = $1', [
    code,
    link.clicks + 1,
  ]);
  return link.url;
}

/** expiry-ignored: the redirect never looks at expires_at. */
export async function recordClickIgnoringExpiry(db: SqlClient, code: string): Promise<string | undefined> {
  const { rows } = await db.query<{ url: string }>(
    'UPDATE links SET clicks = clicks + 1, last_clicked_at = now() WHERE code = $1 RETURNING url',
    [code],
  );
  return rows[0]?.url;
}

/** last-clicked-not-updated: the count moves, the timestamp never does. */
export async function recordClickWithoutTimestamp(db: SqlClient, code: string): Promise<string | undefined> {
  const { rows } = await db.query<{ url: string }>(
    `UPDATE links SET clicks = clicks + 1
     WHERE code = $1 AND (expires_at IS NULL OR expires_at > now())
     RETURNING url`,
    [code],
  );
  return rows[0]?.url;
}

/** listing-unstable-order: without ORDER BY, rows come in whatever order the database finds them. */
export async function listLinksUnordered(db: SqlClient, position: LinkPosition): Promise<Link[]> {
  const { rows } = await db.query<Link>(
    `SELECT ${LINK_COLUMNS} FROM links WHERE $1::bigint IS NULL OR id < $1 LIMIT $2`,
    [position.beforeId ?? null, position.limit],
  );
  return rows;
}

/** listing-cursor-overlap: `<=` instead of `<` repeats the last link of each page. */
export async function listLinksOverlapping(db: SqlClient, position: LinkPosition): Promise<Link[]> {
  const { rows } = await db.query<Link>(
    `SELECT ${LINK_COLUMNS} FROM links WHERE $1::bigint IS NULL OR id <= $1 ORDER BY id DESC LIMIT $2`,
    [position.beforeId ?? null, position.limit],
  );
  return rows;
}
