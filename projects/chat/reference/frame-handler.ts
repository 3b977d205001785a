import type { RawData } from 'ws';
import type { FaultId } from '../faults';
import type { Connection } from './connection';
import type { FrameErrorCode } from './errors';
import { type ClientFrame, MessageContent, parseClientFrame, serverFrames } from './frames';
import type { MessagesService } from './messages.service';
import { type RoomHub, UNAUTHENTICATED_CLOSE_CODE } from './room-hub';
import type { RoomsService } from './rooms.service';

type FrameOf<Type extends ClientFrame['type']> = Extract<ClientFrame, { type: Type }>;

export interface FrameHandlerDependencies {
  hub: RoomHub;
  rooms: RoomsService;
  messages: MessagesService;
  fault?: FaultId | undefined;
}

export type FrameHandler = (connection: Connection, data: RawData, isBinary: boolean) => Promise<void>;

/** Acts on one frame a client sent; every refusal is an `error` frame, and only `unauthenticated` closes. */
export function createFrameHandler({ hub, rooms, messages, fault }: FrameHandlerDependencies): FrameHandler {
  function refuse(connection: Connection, code: FrameErrorCode, roomId?: string): void {
    hub.send(connection, serverFrames.error(code, roomId));
  }

  /** Whether the sender may act in the room; refuses it with the reason when not. */
  async function isMember(connection: Connection, roomId: string): Promise<boolean> {
    const membership = await rooms.membershipOf(connection.user.id, roomId);
    if (membership === 'member') return true;
    refuse(connection, membership, roomId);
    return false;
  }

  async function subscribe(connection: Connection, { roomId, since }: FrameOf<'subscribe'>): Promise<void> {
    if (!(await isMember(connection, roomId))) return;
    // registered before lastSeq is read: a message stored meanwhile is held, not lost
    const sub = hub.startSubscription(connection, roomId);
    if (sub === undefined) return;
    const lastSeq = await messages.findLastSeq(roomId);
    if (!hub.isCurrent(sub)) return;
    hub.send(
      connection,
      fault === 'subscribed-without-last-seq'
        ? { type: 'subscribed', roomId }
        : serverFrames.subscribed(roomId, lastSeq),
    );
    const replayAfter = replayStart(since);
    if (replayAfter !== undefined && replayAfter < lastSeq) {
      const backlog = await messages.listBetween(roomId, replayAfter, lastSeq);
      if (!hub.isCurrent(sub)) return;
      for (const message of backlog) hub.send(connection, serverFrames.message(message));
    }
    hub.releaseSubscription(sub, lastSeq);
  }

  /** The seq after which to replay, for a `since`; undefined for live messages only. */
  function replayStart(since: number | undefined): number | undefined {
    if (fault === 'since-ignored') return undefined;
    // the mistake: `if (since)` reads 0 as "no since"
    if (fault === 'since-zero-ignored' && since === 0) return undefined;
    if (fault === 'since-inclusive' && since !== undefined) return since - 1;
    return since;
  }

  async function postMessage(connection: Connection, frame: FrameOf<'message'>): Promise<void> {
    const content = MessageContent.safeParse(frame);
    if (!content.success) return refuse(connection, 'invalid-message', frame.roomId);
    const membership = await rooms.membershipOf(connection.user.id, frame.roomId);
    const isLetIn = fault === 'post-without-membership' && membership === 'not-a-member';
    if (membership !== 'member' && !isLetIn) return refuse(connection, membership, frame.roomId);
    const stored = await messages.post({
      roomId: frame.roomId,
      sender: connection.user,
      text: content.data.text,
      clientId: content.data.clientId,
    });
    if (fault === 'sender-echoed-twice') hub.send(connection, serverFrames.message(stored));
  }

  async function sendTyping(connection: Connection, { roomId }: FrameOf<'typing'>): Promise<void> {
    if (await isMember(connection, roomId)) hub.forwardTyping(connection, roomId);
  }

  return async (connection, data, isBinary) => {
    if (connection.isRevoked) {
      refuse(connection, 'unauthenticated');
      connection.socket.close(UNAUTHENTICATED_CLOSE_CODE, 'unauthenticated');
      return;
    }
    const frame = parseClientFrame(data, isBinary);
    if (frame === undefined) {
      if (fault !== 'bad-frame-ignored') refuse(connection, 'bad-frame');
      return;
    }
    switch (frame.type) {
      case 'subscribe':
        return subscribe(connection, frame);
      case 'unsubscribe':
        hub.unsubscribe(connection, frame.roomId);
        return hub.send(connection, serverFrames.unsubscribed(frame.roomId));
      case 'message':
        return postMessage(connection, frame);
      case 'typing':
        return sendTyping(connection, frame);
    }
  };
}
