import type { SqlClient } from '../../kit/reference/database';

export interface Session {
  id: string;
  userId: number;
  userAgent: string | null;
  createdAt: Date;
  lastUsedAt: Date;
}

const SESSION_COLUMNS = `s.id, s.user_id::integer AS "userId", s.user_agent AS "userAgent",
  s.created_at AS "createdAt", s.last_used_at AS "lastUsedAt"`;
const LIVE = 's.revoked_at IS NULL AND s.expires_at > now()';

/** What presenting a refresh token found: a live one (now used), a replay of a used one, or nothing. */
export type RefreshLookup =
  | { kind: 'live'; session: Session }
  | { kind: 'reused'; sessionId: string }
  | { kind: 'unknown' };

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;

export function createSessionsRepository(db: SqlClient) {
  return {
    async insertSession(session: {
      id: string;
      userId: number;
      userAgent: string | null;
      ttlSeconds: number;
    }): Promise<void> {
      await db.query(
        `INSERT INTO sessions (id, user_id, user_agent, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
        [session.id, session.userId, session.userAgent, session.ttlSeconds],
      );
    },

    async insertRefreshToken(tokenHash: string, sessionId: string): Promise<void> {
      await db.query('INSERT INTO refresh_tokens (token_hash, session_id) VALUES ($1, $2)', [
        tokenHash,
        sessionId,
      ]);
    },

    /** Marks a refresh token used, in one statement so two racing refreshes cannot both win. */
    async useRefreshToken(tokenHash: string, markUsed = true): Promise<RefreshLookup> {
      const { rows } = await db.query<Session>(
        markUsed
          ? `UPDATE refresh_tokens r SET used_at = now() FROM sessions s
             WHERE r.token_hash = $1 AND r.used_at IS NULL AND s.id = r.session_id AND ${LIVE}
             RETURNING ${SESSION_COLUMNS}`
          : `SELECT ${SESSION_COLUMNS} FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id
             WHERE r.token_hash = $1 AND r.used_at IS NULL AND ${LIVE}`,
        [tokenHash],
      );
      const session = rows[0];
      if (session !== undefined) return { kind: 'live', session };
      const { rows: used } = await db.query<{ sessionId: string }>(
        'SELECT session_id AS "sessionId" FROM refresh_tokens WHERE token_hash = $1 AND used_at IS NOT NULL',
        [tokenHash],
      );
      return used[0] === undefined ? { kind: 'unknown' } : { kind: 'reused', sessionId: used[0].sessionId };
    },

    /** The live session `id`, touching its last-used time. */
    async findLiveSession(id: string): Promise<Session | undefined> {
      const { rows } = await db.query<Session>(
        `UPDATE sessions s SET last_used_at = now() WHERE s.id = $1 AND ${LIVE} RETURNING ${SESSION_COLUMNS}`,
        [id],
      );
      return rows[0];
    },

    async listLiveSessions(userId: number | undefined): Promise<Session[]> {
      const { rows } = await db.query<Session>(
        `SELECT ${SESSION_COLUMNS} FROM sessions s WHERE ${LIVE}
         ${userId === undefined ? '' : 'AND s.user_id = $1'} ORDER BY s.created_at DESC LIMIT 100`,
        userId === undefined ? [] : [userId],
      );
      return rows;
    },

    /** Revokes one session; `userId` scopes it to its owner (undefined: any owner). False when none matched. */
    async revokeSession(id: string, userId: number | undefined): Promise<boolean> {
      const { rows } = await db.query(
        `UPDATE sessions s SET revoked_at = now() WHERE s.id = $1 AND ${LIVE}
         ${userId === undefined ? '' : 'AND s.user_id = $2'} RETURNING s.id`,
        userId === undefined ? [id] : [id, userId],
      );
      return rows.length === 1;
    },

    async revokeAllSessions(userId: number): Promise<void> {
      await db.query(`UPDATE sessions s SET revoked_at = now() WHERE s.user_id = $1 AND ${LIVE}`, [userId]);
    },
  };
}
