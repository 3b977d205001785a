import { setTimeout as sleep } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';
import type { FaultId } from '../faults';

export interface User {
  id: number;
  username: string;
  email: string;
  passwordHash: string;
  bio: string | null;
  image: string | null;
}

/** The columns PUT /user may change; undefined leaves one as it is. */
export interface UserChanges {
  username?: string | undefined;
  email?: string | undefined;
  passwordHash?: string | undefined;
  bio?: string | null | undefined;
  image?: string | null | undefined;
}

/** A user as another user sees them. */
export interface Profile {
  username: string;
  bio: string | null;
  image: string | null;
  following: boolean;
}

interface UserRow {
  id: string | number;
  username: string;
  email: string;
  password_hash: string;
  bio: string | null;
  image: string | null;
}

const USER_COLUMNS = 'id, username, email, password_hash, bio, image';

/** Which unique field a PostgreSQL unique violation was about, if it was one. */
export function takenField(error: unknown): 'username' | 'email' | undefined {
  const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string };
  if (code !== '23505') return undefined;
  return constraint === 'users_username_key' ? 'username' : 'email';
}

// the stale-read faults' window between reading a set and writing it back
const STALE_READ_WINDOW_MS = 5;

export type UsersRepository = ReturnType<typeof createUsersRepository>;

export function createUsersRepository(db: PGlite, fault?: FaultId) {
  const one = async (sql: string, params: unknown[]): Promise<User | undefined> => {
    const row = (await db.query<UserRow>(sql, params)).rows[0];
    return row === undefined ? undefined : toUser(row);
  };

  return {
    /** The new user; throws PostgreSQL's unique violation when the username or email is taken. */
    insertUser(input: { username: string; email: string; passwordHash: string }): Promise<User> {
      return one(
        `INSERT INTO users (username, email, password_hash) VALUES ($1, $2, $3) RETURNING ${USER_COLUMNS}`,
        [input.username, input.email, input.passwordHash],
      ) as Promise<User>;
    },

    findById: (id: number) => one(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]),
    findByEmail: (email: string) => one(`SELECT ${USER_COLUMNS} FROM users WHERE email = $1`, [email]),
    findByUsername: (username: string) =>
      one(`SELECT ${USER_COLUMNS} FROM users WHERE username = $1`, [username]),
    findOldest: () => one(`SELECT ${USER_COLUMNS} FROM users ORDER BY id LIMIT 1`, []),

    updateUser(id: number, changes: UserChanges): Promise<User | undefined> {
      const columns = {
        username: changes.username,
        email: changes.email,
        password_hash: changes.passwordHash,
        bio: changes.bio,
        image: changes.image,
      };
      const set = Object.entries(columns).filter(([, value]) => value !== undefined);
      if (set.length === 0) return this.findById(id);
      const assignments = set.map(([column], index) => `${column} = $${index + 2}`).join(', ');
      return one(`UPDATE users SET ${assignments} WHERE id = $1 RETURNING ${USER_COLUMNS}`, [
        id,
        ...set.map(([, value]) => value),
      ]);
    },

    /** The profile of `username` as `viewerId` sees it (following or not), or undefined. */
    async findProfile(username: string, viewerId: number | undefined): Promise<Profile | undefined> {
      const row = (
        await db.query<{ username: string; bio: string | null; image: string | null; following: boolean }>(
          `SELECT u.username, u.bio, u.image,
                  EXISTS (SELECT 1 FROM follows f WHERE f.followee_id = u.id AND f.follower_id = $2) AS following
             FROM users u WHERE u.username = $1`,
          [username, viewerId ?? null],
        )
      ).rows[0];
      return row;
    },

    async follow(followerId: number, followeeId: number): Promise<void> {
      if (fault === 'follows-rewritten-from-stale-read') {
        const { rows } = await db.query<{ follower_id: string }>(
          'SELECT follower_id FROM follows WHERE followee_id = $1',
          [followeeId],
        );
        // the time a real server spends between its read and its write (a round trip to its database)
        await sleep(STALE_READ_WINDOW_MS);
        const followers = [...new Set([...rows.map((row) => Number(row.follower_id)), followerId])];
        await db.query('DELETE FROM follows WHERE followee_id = $1', [followeeId]);
        await db.query(
          'INSERT INTO follows (follower_id, followee_id) SELECT unnest($2::bigint[]), $1 ON CONFLICT DO NOTHING',
          [followeeId, followers],
        );
        return;
      }
      await db.query(
        'INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [followerId, followeeId],
      );
    },

    async unfollow(followerId: number, followeeId: number): Promise<void> {
      await db.query('DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2', [
        followerId,
        followeeId,
      ]);
    },
  };
}

function toUser(row: UserRow): User {
  return {
    id: Number(row.id),
    username: row.username,
    email: row.email,
    passwordHash: row.password_hash,
    bio: row.bio,
    image: row.image,
  };
}
