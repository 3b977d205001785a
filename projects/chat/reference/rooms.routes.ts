import type { FastifyPluginAsync } from 'fastify';
import type { FaultId } from '../faults';
import type { AuthService } from './auth.service';
import type { Room } from './rooms.repository';
import type { RoomsService } from './rooms.service';
import { parseCreateRoom } from './validation';

export interface RoomRoutesOptions {
  auth: AuthService;
  rooms: RoomsService;
  fault?: FaultId | undefined;
}

interface RoomParams {
  roomId: string;
}

export const roomRoutes: FastifyPluginAsync<RoomRoutesOptions> = async (app, { auth, rooms, fault }) => {
  app.post('/rooms', async (request, reply) => {
    const caller = await auth.authenticate(request.headers.authorization);
    const room = await rooms.createRoom(caller, parseCreateRoom(request.body).name);
    if (fault !== 'create-room-missing-location') reply.header('location', `/rooms/${room.id}`);
    return reply.code(201).send(toRoomResponse(room));
  });

  app.get<{ Params: RoomParams }>('/rooms/:roomId', async (request) => {
    if (fault !== 'get-room-public') await auth.authenticate(request.headers.authorization);
    return toRoomResponse(await rooms.getRoom(request.params.roomId));
  });

  app.put<{ Params: RoomParams }>('/rooms/:roomId/members/me', async (request, reply) => {
    const caller = await auth.authenticate(request.headers.authorization);
    await rooms.join(caller, request.params.roomId);
    return reply.code(204).send();
  });

  app.delete<{ Params: RoomParams }>('/rooms/:roomId/members/me', async (request, reply) => {
    const caller = await auth.authenticate(request.headers.authorization);
    await rooms.leave(caller, request.params.roomId);
    return reply.code(204).send();
  });

  app.get<{ Params: RoomParams }>('/rooms/:roomId/members', async (request) => {
    const caller = await auth.authenticate(request.headers.authorization);
    return { members: await rooms.listMembers(caller, request.params.roomId) };
  });
};

function toRoomResponse(room: Room) {
  return { id: room.id, name: room.name, createdBy: room.createdBy, createdAt: room.createdAt.toISOString() };
}
