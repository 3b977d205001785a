import type { RawData } from 'ws';
import { z } from 'zod';
import { FRAME_ERRORS, type FrameErrorCode } from './errors';
import type { Message } from './messages.repository';
import type { UserRef } from './users.repository';

// The frames of the WebSocket contract (../asyncapi.yaml): what clients send, checked in two steps so
// a frame of the wrong shape is `bad-frame` and a message of the wrong length is `invalid-message`.

export const MAX_TEXT_LENGTH = 4000;
export const MAX_CLIENT_ID_LENGTH = 64;

// 42 and "42" name the same room; kept as the string the database answers
const RoomIdRef = z.union([z.string().min(1), z.int()]).transform(String);

export const ClientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), roomId: RoomIdRef, since: z.int().min(0).optional() }),
  z.object({ type: z.literal('unsubscribe'), roomId: RoomIdRef }),
  z.object({
    type: z.literal('message'),
    roomId: RoomIdRef,
    text: z.string(),
    clientId: z.string().optional(),
  }),
  z.object({ type: z.literal('typing'), roomId: RoomIdRef }),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

// counted in characters (code points), as the contract counts them: an emoji is one
export const MessageContent = z.object({
  text: z.string().refine((text) => {
    const length = [...text].length;
    return length >= 1 && length <= MAX_TEXT_LENGTH;
  }),
  clientId: z.string().max(MAX_CLIENT_ID_LENGTH).optional(),
});

/** The frame a client sent, or undefined when it is not JSON of a known type with the right fields. */
export function parseClientFrame(data: RawData, isBinary: boolean): ClientFrame | undefined {
  if (isBinary) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(textOf(data));
  } catch {
    return undefined;
  }
  const result = ClientFrame.safeParse(value);
  return result.success ? result.data : undefined;
}

// ws hands text frames over as one Buffer by default; the other shapes are for other binaryType settings
function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8');
}

/** A message as history pages and `message` frames carry it: `clientId` only when the sender gave one. */
export function toMessageResponse(message: Message) {
  return {
    id: message.id,
    roomId: message.roomId,
    seq: message.seq,
    sender: message.sender,
    text: message.text,
    sentAt: message.sentAt.toISOString(),
    ...(message.clientId === null ? {} : { clientId: message.clientId }),
  };
}

export const serverFrames = {
  ready: (user: UserRef) => ({ type: 'ready', user }),
  subscribed: (roomId: string, lastSeq: number) => ({ type: 'subscribed', roomId, lastSeq }),
  unsubscribed: (roomId: string) => ({ type: 'unsubscribed', roomId }),
  message: (message: Message) => ({ type: 'message', ...toMessageResponse(message) }),
  presence: (roomId: string, user: UserRef, status: 'online' | 'offline') => ({
    type: 'presence',
    roomId,
    user,
    status,
  }),
  typing: (roomId: string, user: UserRef) => ({ type: 'typing', roomId, user }),
  error: (code: FrameErrorCode, roomId?: string) => ({
    type: 'error',
    code,
    message: FRAME_ERRORS[code],
    ...(roomId === undefined ? {} : { roomId }),
  }),
};
