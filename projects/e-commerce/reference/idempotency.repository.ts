import type { SqlClient } from './database';
import type { OrderResponse } from './orders.model';

/** The answer a checkout gave, kept to be replayed exactly: same status, same body. */
export interface StoredAnswer {
  status: number;
  body: OrderResponse;
}

export interface KeyRecord {
  requestHash: string;
  /** Undefined while the request that claimed the key is still running. */
  answer: StoredAnswer | undefined;
}

interface KeyRow {
  requestHash: string;
  status: number | null;
  body: OrderResponse | null;
}

// how long a key is remembered; a retry comes within minutes, a day is generous
const KEY_LIFETIME = "interval '24 hours'";

export type IdempotencyRepository = ReturnType<typeof createIdempotencyRepository>;

export function createIdempotencyRepository(db: SqlClient) {
  return {
    /**
     * Claims the key for this request: true when it is ours to answer. False when someone claimed it
     * first; in PostgreSQL a concurrent claim waits here until the first transaction ends, then sees its
     * answer. An expired key is forgotten first.
     */
    async claim(userId: number, key: string, requestHash: string): Promise<boolean> {
      await db.query(
        `DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND created_at < now() - ${KEY_LIFETIME}`,
        [userId, key],
      );
      const { rows } = await db.query(
        `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
        [userId, key, requestHash],
      );
      return rows.length > 0;
    },

    async find(userId: number, key: string): Promise<KeyRecord | undefined> {
      const { rows } = await db.query<KeyRow>(
        `SELECT request_hash AS "requestHash", response_status AS status, response_body AS body
         FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND created_at >= now() - ${KEY_LIFETIME}`,
        [userId, key],
      );
      const row = rows[0];
      if (row === undefined) return undefined;
      const answer =
        row.status === null || row.body === null ? undefined : { status: row.status, body: row.body };
      return { requestHash: row.requestHash, answer };
    },

    /** Keeps the answer of a claimed key, in the claiming transaction. */
    async saveAnswer(userId: number, key: string, answer: StoredAnswer): Promise<void> {
      await db.query(
        'UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE user_id = $1 AND key = $2',
        [userId, key, answer.status, JSON.stringify(answer.body)],
      );
    },

    /** Stores key and answer at once, after the fact: only the key-checked-after-insert fault does this. */
    async insertAnswered(
      userId: number,
      key: string,
      requestHash: string,
      answer: StoredAnswer,
    ): Promise<void> {
      await db.query(
        `INSERT INTO idempotency_keys (user_id, key, request_hash, response_status, response_body)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, key) DO NOTHING`,
        [userId, key, requestHash, answer.status, JSON.stringify(answer.body)],
      );
    },
  };
}
