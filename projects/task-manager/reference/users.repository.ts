import type { SqlClient } from '../../kit/reference/database';
import type { FaultId } from '../faults';

/** A user as the repository stores it; the hash never leaves the service. */
export interface User {
  id: number;
  email: string;
  name: string | null;
  passwordHash: string;
  createdAt: Date;
}

const userColumns = (table = 'users') =>
  `${table}.id::integer AS id, ${table}.email, ${table}.name, ${table}.password_hash AS "passwordHash", ${table}.created_at AS "createdAt"`;
const USER_COLUMNS = userColumns();

export type UsersRepository = ReturnType<typeof createUsersRepository>;

export function createUsersRepository(db: SqlClient, fault?: FaultId) {
  return {
    /** Stores a new user; undefined when the email is taken. */
    async insertUser(user: {
      email: string;
      name: string | null;
      passwordHash: string;
    }): Promise<User | undefined> {
      const conflict = fault === 'duplicate-email-500' ? '' : 'ON CONFLICT (email) DO NOTHING';
      const { rows } = await db.query<User>(
        `INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3) ${conflict} RETURNING ${USER_COLUMNS}`,
        [user.email, user.name, user.passwordHash],
      );
      return rows[0];
    },

    async findUserByEmail(email: string): Promise<User | undefined> {
      const { rows } = await db.query<User>(`SELECT ${USER_COLUMNS} FROM users WHERE email = $1`, [email]);
      return rows[0];
    },

    async insertSession(tokenHash: string, userId: number, ttlSeconds: number): Promise<void> {
      await db.query(
        `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`,
        [tokenHash, userId, ttlSeconds],
      );
    },

    /** The user a live session belongs to. */
    async findUserBySession(tokenHash: string): Promise<User | undefined> {
      const match = fault === 'token-prefix-match' ? `s.token_hash LIKE $1 || '%'` : 's.token_hash = $1';
      const { rows } = await db.query<User>(
        `SELECT ${userColumns('u')} FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE ${match} AND s.expires_at > now() LIMIT 1`,
        [tokenHash],
      );
      return rows[0];
    },

    async ping(): Promise<void> {
      await db.query('SELECT 1');
    },
  };
}
