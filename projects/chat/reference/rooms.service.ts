import type { FaultId } from '../faults';
import type { Caller } from './auth.service';
import { problems } from './errors';
import type { RoomHub } from './room-hub';
import type { Room, RoomsRepository } from './rooms.repository';
import type { UserRef } from './users.repository';

export interface Member extends UserRef {
  online: boolean;
}

export type RoomsService = ReturnType<typeof createRoomsService>;

/** Room ids are positive integers in the database; anything else names no room. */
export function isRoomId(text: string): boolean {
  return /^[1-9]\d{0,17}$/.test(text);
}

export function createRoomsService(rooms: RoomsRepository, hub: RoomHub, fault?: FaultId) {
  async function requireRoom(roomId: string): Promise<Room> {
    const room = isRoomId(roomId) ? await rooms.findRoom(roomId) : undefined;
    if (room === undefined) throw problems.roomNotFound();
    return room;
  }

  return {
    createRoom: (caller: Caller, name: string) => rooms.insertRoom(name, caller.user.id),

    getRoom: requireRoom,

    async join(caller: Caller, roomId: string): Promise<void> {
      const room = await requireRoom(roomId);
      await rooms.addMember(room.id, fault === 'join-ignores-caller' ? room.createdBy.id : caller.user.id);
    },

    /** Leaves the room, and ends every subscription of the user's connections to it at once. */
    async leave(caller: Caller, roomId: string): Promise<void> {
      const room = await requireRoom(roomId);
      // the parameters swapped: deletes the membership of a user whose id is the room's
      await rooms.removeMember(room.id, fault === 'leave-wrong-parameter' ? room.id : caller.user.id);
      if (fault !== 'leave-keeps-subscriptions') hub.endSubscriptionsOf(caller.user.id, room.id);
    },

    async listMembers(caller: Caller, roomId: string): Promise<Member[]> {
      const room = await requireRoom(roomId);
      if (fault !== 'members-public' && !(await rooms.isMember(room.id, caller.user.id))) {
        throw problems.notAMember();
      }
      const online = hub.onlineUserIds(room.id);
      const isOnline = (user: UserRef) => fault !== 'members-online-always-false' && online.has(user.id);
      return (await rooms.listMembers(room.id)).map((user) => ({ ...user, online: isOnline(user) }));
    },

    /** The room, when the user is one of its members: what history and frames need. */
    async requireMembership(userId: string, roomId: string): Promise<Room> {
      const room = await requireRoom(roomId);
      if (!(await rooms.isMember(room.id, userId))) throw problems.notAMember();
      return room;
    },

    /** Whether a room exists and the user is its member, for frames (which answer codes, not problems). */
    async membershipOf(
      userId: string,
      roomId: string,
    ): Promise<'member' | 'not-a-member' | 'room-not-found'> {
      const isMember = isRoomId(roomId) ? await rooms.findMembership(roomId, userId) : undefined;
      if (isMember === undefined) return 'room-not-found';
      return isMember ? 'member' : 'not-a-member';
    },
  };
}
