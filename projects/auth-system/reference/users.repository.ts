import type { SqlClient } from '../../kit/reference/database';

/** A user as the repository stores it; the hash and TOTP secret never leave the services. */
export interface User {
  id: number;
  email: string;
  passwordHash: string;
  role: 'user' | 'admin';
  emailVerified: boolean;
  totpSecret: string | null;
  totpEnabled: boolean;
  totpLastStep: number | null;
  createdAt: Date;
}

const USER_COLUMNS = `id::integer AS id, email, password_hash AS "passwordHash", role,
  email_verified_at IS NOT NULL AS "emailVerified", totp_secret AS "totpSecret",
  totp_enabled AS "totpEnabled", totp_last_step::integer AS "totpLastStep", created_at AS "createdAt"`;

export type EmailTokenPurpose = 'verify-email' | 'password-reset';

export type UsersRepository = ReturnType<typeof createUsersRepository>;

export function createUsersRepository(db: SqlClient) {
  return {
    /** Stores a new user; undefined when the email is taken. */
    async insertUser(user: { email: string; passwordHash: string; role: string }): Promise<User | undefined> {
      const { rows } = await db.query<User>(
        `INSERT INTO users (email, password_hash, role) VALUES ($1, $2, $3)
         ON CONFLICT (email) DO NOTHING RETURNING ${USER_COLUMNS}`,
        [user.email, user.passwordHash, user.role],
      );
      return rows[0];
    },

    async findByEmail(email: string): Promise<User | undefined> {
      const { rows } = await db.query<User>(`SELECT ${USER_COLUMNS} FROM users WHERE email = $1`, [email]);
      return rows[0];
    },

    async findById(id: number): Promise<User | undefined> {
      const { rows } = await db.query<User>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
      return rows[0];
    },

    async listUsers(): Promise<User[]> {
      const { rows } = await db.query<User>(`SELECT ${USER_COLUMNS} FROM users ORDER BY id LIMIT 100`);
      return rows;
    },

    async setRole(id: number, role: 'user' | 'admin'): Promise<User | undefined> {
      const { rows } = await db.query<User>(
        `UPDATE users SET role = $2 WHERE id = $1 RETURNING ${USER_COLUMNS}`,
        [id, role],
      );
      return rows[0];
    },

    async markVerified(id: number): Promise<void> {
      await db.query(
        'UPDATE users SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = $1',
        [id],
      );
    },

    async setPasswordHash(id: number, passwordHash: string): Promise<void> {
      await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, passwordHash]);
    },

    async startTotpEnrolment(id: number, secret: string): Promise<void> {
      await db.query('UPDATE users SET totp_secret = $2, totp_enabled = false WHERE id = $1', [id, secret]);
    },

    async enableTotp(id: number, step: number, recoveryCodeHashes: readonly string[]): Promise<void> {
      await db.query('UPDATE users SET totp_enabled = true, totp_last_step = $2 WHERE id = $1', [id, step]);
      await db.query('DELETE FROM recovery_codes WHERE user_id = $1', [id]);
      for (const codeHash of recoveryCodeHashes) {
        await db.query('INSERT INTO recovery_codes (code_hash, user_id) VALUES ($1, $2)', [codeHash, id]);
      }
    },

    /** Records that a code of `step` was accepted; false when that step or a later one already was (a replay). */
    async claimTotpStep(id: number, step: number): Promise<boolean> {
      const { rows } = await db.query(
        `UPDATE users SET totp_last_step = $2
         WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`,
        [id, step],
      );
      return rows.length === 1;
    },

    /** Crosses a recovery code off; false when it is not one of the user's unused codes. */
    async useRecoveryCode(id: number, codeHash: string, keep = false): Promise<boolean> {
      const { rows } = await db.query(
        keep
          ? 'SELECT code_hash FROM recovery_codes WHERE user_id = $1 AND code_hash = $2'
          : 'DELETE FROM recovery_codes WHERE user_id = $1 AND code_hash = $2 RETURNING code_hash',
        [id, codeHash],
      );
      return rows.length === 1;
    },

    async insertEmailToken(
      tokenHash: string,
      userId: number,
      purpose: EmailTokenPurpose,
      ttlSeconds: number,
    ): Promise<void> {
      await db.query(
        `INSERT INTO email_tokens (token_hash, user_id, purpose, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
        [tokenHash, userId, purpose, ttlSeconds],
      );
    },

    /**
     * Takes an emailed token: the user it belongs to when it is live (unused and unexpired), marking it used
     * in the same statement, so two requests racing with one link cannot both win.
     */
    async takeEmailToken(
      tokenHash: string,
      purpose: EmailTokenPurpose,
      options: { markUsed: boolean; checkExpiry: boolean },
    ): Promise<number | undefined> {
      const live = `token_hash = $1 AND purpose = $2 AND used_at IS NULL${options.checkExpiry ? ' AND expires_at > now()' : ''}`;
      const sql = options.markUsed
        ? `UPDATE email_tokens SET used_at = now() WHERE ${live} RETURNING user_id::integer AS "userId"`
        : `SELECT user_id::integer AS "userId" FROM email_tokens WHERE ${live}`;
      const { rows } = await db.query<{ userId: number }>(sql, [tokenHash, purpose]);
      return rows[0]?.userId;
    },

    async ping(): Promise<void> {
      await db.query('SELECT 1');
    },
  };
}
