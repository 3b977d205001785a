import type { FaultId } from '../faults';
import { problems } from './errors';
import { createKeyedQueue } from './keyed-queue';
import type { Message, MessagesRepository, NewMessage, PagePosition } from './messages.repository';
import type { RoomHub } from './room-hub';
import type { HistoryQuery } from './schemas';

export interface HistoryPage {
  messages: Message[];
  /** The cursor of the next, older page; null on the last. */
  nextCursor: string | null;
}

export type MessagesService = ReturnType<typeof createMessagesService>;

export function createMessagesService(messages: MessagesRepository, hub: RoomHub, fault?: FaultId) {
  const roomQueue = createKeyedQueue();

  return {
    /** Stores the message with the room's next seq, then sends it to the room's subscribers, in seq order. */
    async post(message: NewMessage): Promise<Message> {
      if (fault === 'seq-read-then-write') {
        const stored = await messages.insertMessageReadThenWrite(message);
        await hub.publish(stored);
        return stored;
      }
      return roomQueue.run(message.roomId, async () => {
        const stored = await messages.insertMessage(message);
        await hub.publish(stored);
        return stored;
      });
    },

    findLastSeq: messages.findLastSeq,

    listBetween: messages.listBetween,

    async listHistory(roomId: string, query: HistoryQuery): Promise<HistoryPage> {
      const position = query.cursor === undefined ? {} : decodeCursor(query.cursor, fault);
      // one extra row tells whether another page follows
      const rows = await messages.listPage(roomId, position, query.limit + 1);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      if (rows.length <= query.limit || last === undefined) return { messages: page, nextCursor: null };
      const next: PagePosition =
        fault === 'history-offset-cursor'
          ? { offset: (position.offset ?? 0) + page.length }
          : { beforeSeq: last.seq };
      return { messages: page, nextCursor: encodeCursor(next) };
    },
  };
}

/** Opaque to clients, so its format can change without breaking them. */
function encodeCursor(position: PagePosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeCursor(cursor: string, fault: FaultId | undefined): PagePosition {
  try {
    const { beforeSeq, offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as PagePosition;
    if (fault === 'history-offset-cursor') {
      if (Number.isSafeInteger(offset) && (offset as number) >= 0) return { offset };
    } else if (Number.isSafeInteger(beforeSeq) && (beforeSeq as number) > 0) return { beforeSeq };
  } catch {
    // refused below
  }
  throw problems.invalidField('cursor', 'cursor must be the nextCursor of a previous page.');
}
