import { setTimeout as sleep } from 'node:timers/promises';
import type { SqlClient } from '../../kit/reference/database';
import type { FaultId } from '../faults';
import type { UserRef } from './users.repository';

export interface Message {
  id: string;
  roomId: string;
  seq: number;
  sender: UserRef;
  text: string;
  sentAt: Date;
  clientId: string | null;
}

export interface NewMessage {
  roomId: string;
  sender: UserRef;
  text: string;
  clientId: string | undefined;
}

/** Where a history page starts: before a seq (the keyset), or, with a fault, after skipping rows. */
export interface PagePosition {
  beforeSeq?: number | undefined;
  offset?: number | undefined;
}

interface MessageRow {
  id: string;
  roomId: string;
  seq: number;
  senderId: string;
  senderUsername: string;
  text: string;
  sentAt: Date;
  clientId: string | null;
}

const MESSAGE_COLUMNS = `m.id::text AS id, m.room_id::text AS "roomId", m.seq, u.id::text AS "senderId",
  u.username AS "senderUsername", m.text, m.sent_at AS "sentAt", m.client_id AS "clientId"`;

// what the seq-read-then-write fault waits between its statements
const NETWORK_ROUND_TRIP_MS = 1;

export type MessagesRepository = ReturnType<typeof createMessagesRepository>;

export function createMessagesRepository(db: SqlClient, fault?: FaultId) {
  const nextSeq =
    fault === 'seq-global'
      ? 'SELECT $1::bigint AS id, (SELECT coalesce(max(seq), 0) + 1 FROM messages) AS last_seq'
      : // one statement: the UPDATE locks the room's row until the insert commits, so seqs never collide
        'UPDATE rooms SET last_seq = last_seq + 1 WHERE id = $1 RETURNING id, last_seq';

  return {
    /** Stores a message with the room's next seq. */
    async insertMessage(message: NewMessage): Promise<Message> {
      const { rows } = await db.query<MessageRow>(
        `WITH next AS (${nextSeq}),
              m AS (INSERT INTO messages (room_id, seq, sender_id, text, client_id)
                    SELECT id, last_seq, $2, $3, $4 FROM next RETURNING *)
         SELECT ${MESSAGE_COLUMNS} FROM m JOIN users u ON u.id = m.sender_id`,
        [
          message.roomId,
          message.sender.id,
          message.text,
          fault === 'client-id-dropped' ? null : (message.clientId ?? null),
        ],
      );
      return toMessage(rows[0] as MessageRow);
    },

    /**
     * The race the seq-read-then-write fault runs: read the newest seq, then write the next one in
     * separate statements, so two senders at once both take the same seq.
     */
    async insertMessageReadThenWrite(message: NewMessage): Promise<Message> {
      const { rows: seqs } = await db.query<{ lastSeq: number }>(
        'SELECT last_seq AS "lastSeq" FROM rooms WHERE id = $1',
        [message.roomId],
      );
      const seq = (seqs[0]?.lastSeq ?? 0) + 1;
      // embedded PGlite answers within the same tick; a networked database takes a round trip between
      // two statements, and other senders' frames run meanwhile: this millisecond stands for it
      await sleep(NETWORK_ROUND_TRIP_MS);
      await db.query('UPDATE rooms SET last_seq = $2 WHERE id = $1', [message.roomId, seq]);
      const { rows } = await db.query<MessageRow>(
        `WITH m AS (INSERT INTO messages (room_id, seq, sender_id, text, client_id)
                    VALUES ($1, $2, $3, $4, $5) RETURNING *)
         SELECT ${MESSAGE_COLUMNS} FROM m JOIN users u ON u.id = m.sender_id`,
        [message.roomId, seq, message.sender.id, message.text, message.clientId ?? null],
      );
      return toMessage(rows[0] as MessageRow);
    },

    /** The room's newest seq (0 when it has no messages). */
    async findLastSeq(roomId: string): Promise<number> {
      const { rows } = await db.query<{ lastSeq: number }>(
        'SELECT last_seq AS "lastSeq" FROM rooms WHERE id = $1',
        [roomId],
      );
      return rows[0]?.lastSeq ?? 0;
    },

    /** Messages with `afterSeq < seq ≤ upToSeq`, oldest first: what a resuming client missed. */
    async listBetween(roomId: string, afterSeq: number, upToSeq: number): Promise<Message[]> {
      const { rows } = await db.query<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN users u ON u.id = m.sender_id
         WHERE m.room_id = $1 AND m.seq > $2 AND m.seq <= $3 ORDER BY m.seq`,
        [roomId, afterSeq, upToSeq],
      );
      return rows.map(toMessage);
    },

    /** Up to `limit` messages, newest first, older than the position. */
    async listPage(roomId: string, position: PagePosition, limit: number): Promise<Message[]> {
      const order = fault === 'history-oldest-first' ? 'ASC' : 'DESC';
      const { rows } = await db.query<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN users u ON u.id = m.sender_id
         WHERE m.room_id = $1 AND ($2::integer IS NULL OR m.seq < $2)
         ORDER BY m.seq ${order} LIMIT $3 OFFSET $4`,
        [roomId, position.beforeSeq ?? null, limit, position.offset ?? 0],
      );
      return rows.map(toMessage);
    },
  };
}

function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    roomId: row.roomId,
    seq: row.seq,
    sender: { id: row.senderId, username: row.senderUsername },
    text: row.text,
    sentAt: row.sentAt,
    clientId: row.clientId,
  };
}
