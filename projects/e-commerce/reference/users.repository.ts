import type { SqlClient } from './database';

export type Role = 'customer' | 'admin';

/** A user as the repository stores it; the hash never leaves the service. */
export interface User {
  id: number;
  email: string;
  role: Role;
  passwordHash: string;
}

const userColumns = (table: string) =>
  `${table}.id::integer AS id, ${table}.email, ${table}.role, ${table}.password_hash AS "passwordHash"`;

export type UsersRepository = ReturnType<typeof createUsersRepository>;

export function createUsersRepository(db: SqlClient) {
  return {
    /** Stores a new customer; undefined when the email is taken. */
    async insertUser(email: string, passwordHash: string): Promise<User | undefined> {
      const { rows } = await db.query<User>(
        `INSERT INTO users AS u (email, password_hash) VALUES ($1, $2)
         ON CONFLICT (email) DO NOTHING RETURNING ${userColumns('u')}`,
        [email, passwordHash],
      );
      return rows[0];
    },

    async findUserByEmail(email: string): Promise<User | undefined> {
      const { rows } = await db.query<User>(`SELECT ${userColumns('u')} FROM users u WHERE u.email = $1`, [
        email,
      ]);
      return rows[0];
    },

    /** Makes the account an admin; false when no account uses the email. */
    async promoteToAdmin(email: string): Promise<boolean> {
      const { rows } = await db.query(`UPDATE users SET role = 'admin' WHERE email = $1 RETURNING id`, [
        email,
      ]);
      return rows.length > 0;
    },

    async insertSession(tokenHash: string, userId: number, ttlSeconds: number): Promise<void> {
      await db.query(
        `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`,
        [tokenHash, userId, ttlSeconds],
      );
    },

    /** The user a live session belongs to, with the role as it is now (a promotion counts at once). */
    async findUserBySession(tokenHash: string): Promise<User | undefined> {
      const { rows } = await db.query<User>(
        `SELECT ${userColumns('u')} FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > now()`,
        [tokenHash],
      );
      return rows[0];
    },

    async ping(): Promise<void> {
      await db.query('SELECT 1');
    },
  };
}
