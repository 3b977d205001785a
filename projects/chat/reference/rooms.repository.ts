import type { SqlClient } from '../../kit/reference/database';
import type { UserRef } from './users.repository';

export interface Room {
  id: string;
  name: string;
  createdBy: UserRef;
  createdAt: Date;
}

interface RoomRow {
  id: string;
  name: string;
  creatorId: string;
  creatorUsername: string;
  createdAt: Date;
}

const ROOM_COLUMNS = `r.id::text AS id, r.name, u.id::text AS "creatorId", u.username AS "creatorUsername",
  r.created_at AS "createdAt"`;

export type RoomsRepository = ReturnType<typeof createRoomsRepository>;

export function createRoomsRepository(db: SqlClient) {
  return {
    /** Creates the room with its creator as its first member, in one statement. */
    async insertRoom(name: string, creatorId: string): Promise<Room> {
      const { rows } = await db.query<RoomRow>(
        `WITH r AS (INSERT INTO rooms (name, created_by) VALUES ($1, $2) RETURNING *),
              m AS (INSERT INTO members (room_id, user_id) SELECT id, created_by FROM r)
         SELECT ${ROOM_COLUMNS} FROM r JOIN users u ON u.id = r.created_by`,
        [name, creatorId],
      );
      return toRoom(rows[0] as RoomRow);
    },

    async findRoom(roomId: string): Promise<Room | undefined> {
      const { rows } = await db.query<RoomRow>(
        `SELECT ${ROOM_COLUMNS} FROM rooms r JOIN users u ON u.id = r.created_by WHERE r.id = $1`,
        [roomId],
      );
      return rows[0] === undefined ? undefined : toRoom(rows[0]);
    },

    /** Idempotent: joining twice leaves one membership. */
    async addMember(roomId: string, userId: string): Promise<void> {
      await db.query('INSERT INTO members (room_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        roomId,
        userId,
      ]);
    },

    async removeMember(roomId: string, userId: string): Promise<void> {
      await db.query('DELETE FROM members WHERE room_id = $1 AND user_id = $2', [roomId, userId]);
    },

    async isMember(roomId: string, userId: string): Promise<boolean> {
      const { rows } = await db.query('SELECT 1 FROM members WHERE room_id = $1 AND user_id = $2', [
        roomId,
        userId,
      ]);
      return rows.length > 0;
    },

    /** Whether the user is a member of the room; undefined when there is no such room. */
    async findMembership(roomId: string, userId: string): Promise<boolean | undefined> {
      const { rows } = await db.query<{ isMember: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM members WHERE room_id = r.id AND user_id = $2) AS "isMember"
         FROM rooms r WHERE r.id = $1`,
        [roomId, userId],
      );
      return rows[0]?.isMember;
    },

    async listMembers(roomId: string): Promise<UserRef[]> {
      const { rows } = await db.query<UserRef>(
        `SELECT u.id::text AS id, u.username FROM members m JOIN users u ON u.id = m.user_id
         WHERE m.room_id = $1 ORDER BY m.joined_at, u.id`,
        [roomId],
      );
      return rows;
    },
  };
}

function toRoom(row: RoomRow): Room {
  return {
    id: row.id,
    name: row.name,
    createdBy: { id: row.creatorId, username: row.creatorUsername },
    createdAt: row.createdAt,
  };
}
