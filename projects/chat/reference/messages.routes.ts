import type { FastifyPluginAsync } from 'fastify';
import type { FaultId } from '../faults';
import type { AuthService } from './auth.service';
import { toMessageResponse } from './frames';
import type { MessagesService } from './messages.service';
import type { RoomsService } from './rooms.service';
import { parseHistoryQuery } from './validation';

export interface MessageRoutesOptions {
  auth: AuthService;
  rooms: RoomsService;
  messages: MessagesService;
  fault?: FaultId | undefined;
}

interface RoomParams {
  roomId: string;
}

export const messageRoutes: FastifyPluginAsync<MessageRoutesOptions> = async (
  app,
  { auth, rooms, messages, fault },
) => {
  app.get<{ Params: RoomParams }>('/rooms/:roomId/messages', async (request) => {
    const caller = await auth.authenticate(request.headers.authorization);
    const room =
      fault === 'history-open-to-all'
        ? await rooms.getRoom(request.params.roomId)
        : await rooms.requireMembership(caller.user.id, request.params.roomId);
    const page = await messages.listHistory(room.id, parseHistoryQuery(request.query, fault));
    return { messages: page.messages.map(toMessageResponse), nextCursor: page.nextCursor };
  });
};
