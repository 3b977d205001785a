import type { SqlClient } from '../../kit/reference/database';

/** A user as every answer and frame names one. Ids are opaque strings to clients. */
export interface UserRef {
  id: string;
  username: string;
}

/** A user as the repository stores it; the hash never leaves the auth service. */
export interface User extends UserRef {
  passwordHash: string;
}

const USER_COLUMNS = 'u.id::text AS id, u.username, u.password_hash AS "passwordHash"';

export type UsersRepository = ReturnType<typeof createUsersRepository>;

export function createUsersRepository(db: SqlClient) {
  return {
    /** Stores a new user; undefined when the username is taken. */
    async insertUser(username: string, passwordHash: string): Promise<User | undefined> {
      const { rows } = await db.query<User>(
        `INSERT INTO users AS u (username, password_hash) VALUES ($1, $2)
         ON CONFLICT (username) DO NOTHING RETURNING ${USER_COLUMNS}`,
        [username, passwordHash],
      );
      return rows[0];
    },

    async findUserByUsername(username: string): Promise<User | undefined> {
      const { rows } = await db.query<User>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.username = $1`, [
        username,
      ]);
      return rows[0];
    },

    async insertSession(tokenHash: string, userId: string): Promise<void> {
      await db.query('INSERT INTO sessions (token_hash, user_id) VALUES ($1, $2)', [tokenHash, userId]);
    },

    /** The user a session belongs to. */
    async findUserBySession(tokenHash: string): Promise<User | undefined> {
      const { rows } = await db.query<User>(
        `SELECT ${USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
        [tokenHash],
      );
      return rows[0];
    },

    async deleteSession(tokenHash: string): Promise<void> {
      await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    },

    async ping(): Promise<void> {
      await db.query('SELECT 1');
    },
  };
}
