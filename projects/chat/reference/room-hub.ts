import WebSocket from 'ws';
import type { FaultId } from '../faults';
import type { Connection, Subscription } from './connection';
import { serverFrames } from './frames';
import type { Message } from './messages.repository';
import { createTypingLimiter } from './typing-limiter';

/** Past this much waiting to be sent to one connection, it is closed: a slow reader must not fill our memory. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Close code for a connection that fell too far behind: "try again later". */
export const SLOW_CONSUMER_CLOSE_CODE = 1013;
export const UNAUTHENTICATED_CLOSE_CODE = 4401;
/** How often the fanout-polls-database fault looks for new messages. */
const POLL_EVERY_MS = 500;

export type RoomHub = ReturnType<typeof createRoomHub>;

/**
 * Who is connected and subscribed where: delivers each room's messages, presence and typing to the
 * connections subscribed to that room, and to no other.
 */
export function createRoomHub(fault?: FaultId) {
  const connections = new Set<Connection>();
  const roomSubscriptions = new Map<string, Set<Subscription>>();
  const typing = createTypingLimiter();
  const polled: Message[] = [];
  let pollTimer: NodeJS.Timeout | undefined;

  /** Sends without ever waiting on the socket; closes a connection that is more than 1 MiB behind. */
  function send(connection: Connection, frame: string | object, onSent: () => void = () => {}): void {
    const { socket } = connection;
    if (socket.readyState !== WebSocket.OPEN) {
      onSent();
      return;
    }
    if (fault !== 'no-send-buffer-limit' && socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.close(SLOW_CONSUMER_CLOSE_CODE, 'too far behind; reconnect and resume with since');
      onSent();
      return;
    }
    socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame), () => onSent());
  }

  function subscribersOf(roomId: string): Set<Subscription> {
    return roomSubscriptions.get(roomId) ?? new Set();
  }

  function isUserSubscribed(userId: string, roomId: string): boolean {
    return [...subscribersOf(roomId)].some((sub) => sub.connection.user.id === userId);
  }

  function sendPresence(roomId: string, connection: Connection, status: 'online' | 'offline'): void {
    const frame = JSON.stringify(serverFrames.presence(roomId, connection.user, status));
    const rooms = fault === 'presence-to-all-rooms' ? [...roomSubscriptions.keys()] : [roomId];
    for (const room of rooms) for (const sub of subscribersOf(room)) send(sub.connection, frame);
  }

  /** The room's frame for one subscription: held while its backlog is sent, never a seq twice. */
  function deliver(sub: Subscription, seq: number, frame: string, onSent: () => void = () => {}): void {
    if (sub.held !== undefined) {
      sub.held.push({ seq, frame });
      onSent();
      return;
    }
    if (seq <= sub.lastSentSeq) {
      onSent();
      return;
    }
    sub.lastSentSeq = seq;
    send(sub.connection, frame, onSent);
  }

  function deliverToRoom(message: Message): void {
    const frame = JSON.stringify(serverFrames.message(message));
    for (const sub of subscribersOf(message.roomId)) deliver(sub, message.seq, frame);
  }

  function removeSubscription(sub: Subscription): void {
    const { connection, roomId } = sub;
    if (connection.subscriptions.get(roomId) === sub) connection.subscriptions.delete(roomId);
    const subs = subscribersOf(roomId);
    subs.delete(sub);
    if (subs.size === 0) roomSubscriptions.delete(roomId);
  }

  function endSubscription(sub: Subscription): void {
    removeSubscription(sub);
    if (!isUserSubscribed(sub.connection.user.id, sub.roomId))
      sendPresence(sub.roomId, sub.connection, 'offline');
  }

  return {
    connections: (): Iterable<Connection> => connections,

    addConnection(connection: Connection): void {
      connections.add(connection);
    },

    /** A closed or dropped connection leaves every room it was subscribed to. */
    removeConnection(connection: Connection): void {
      connections.delete(connection);
      for (const sub of [...connection.subscriptions.values()]) {
        // the mistake: only an unsubscribe frame says "offline"; a closed connection just vanishes
        if (fault === 'offline-missing-on-close') removeSubscription(sub);
        else endSubscription(sub);
      }
    },

    send,

    /**
     * Starts (or restarts) a subscription that holds live messages back until `releaseSubscription`,
     * so the backlog read meanwhile can be sent first.
     */
    startSubscription(connection: Connection, roomId: string): Subscription | undefined {
      // a connection that closed while its subscribe frame was being checked subscribes to nothing
      if (!connections.has(connection)) return undefined;
      const previous = connection.subscriptions.get(roomId);
      if (previous !== undefined) removeSubscription(previous);
      const wasOnline = isUserSubscribed(connection.user.id, roomId);
      const sub: Subscription = { connection, roomId, held: [], lastSentSeq: 0 };
      connection.subscriptions.set(roomId, sub);
      roomSubscriptions.set(roomId, subscribersOf(roomId).add(sub));
      if (!wasOnline && fault !== 'presence-online-missing') sendPresence(roomId, connection, 'online');
      return sub;
    },

    /** Whether the subscription is still the connection's current one for its room. */
    isCurrent: (sub: Subscription): boolean => sub.connection.subscriptions.get(sub.roomId) === sub,

    /** Goes live after the backlog up to `sentUpToSeq`: the held messages after it follow, in order. */
    releaseSubscription(sub: Subscription, sentUpToSeq: number): void {
      const held = sub.held ?? [];
      sub.held = undefined;
      sub.lastSentSeq = Math.max(sub.lastSentSeq, sentUpToSeq);
      for (const { seq, frame } of held) deliver(sub, seq, frame);
    },

    /** Ends the connection's subscription to the room; false when it had none. */
    unsubscribe(connection: Connection, roomId: string): boolean {
      const sub = connection.subscriptions.get(roomId);
      if (sub === undefined) return false;
      endSubscription(sub);
      return true;
    },

    /** A member left the room: none of their connections gets its traffic any more. */
    endSubscriptionsOf(userId: string, roomId: string): void {
      for (const sub of [...subscribersOf(roomId)])
        if (sub.connection.user.id === userId) endSubscription(sub);
    },

    /** Sends a stored message to every connection subscribed to its room. */
    async publish(message: Message): Promise<void> {
      if (fault === 'fanout-polls-database') {
        // the mistake: no push; a timer looks for new messages twice a second
        polled.push(message);
        pollTimer ??= setInterval(() => polled.splice(0).forEach(deliverToRoom), POLL_EVERY_MS);
        return;
      }
      if (fault === 'broadcast-awaits-each-send') {
        // the mistake: the next member waits until this member's socket has taken the frame
        const frame = JSON.stringify(serverFrames.message(message));
        for (const sub of [...subscribersOf(message.roomId)]) {
          await new Promise<void>((resolve) => deliver(sub, message.seq, frame, resolve));
        }
        return;
      }
      deliverToRoom(message);
    },

    /** Forwards a typing notice to the room's other users, at most once per user and room every 2 s. */
    forwardTyping(connection: Connection, roomId: string): void {
      if (fault !== 'typing-not-rate-limited' && !typing.tryForward(connection.user.id, roomId)) return;
      const frame = JSON.stringify(serverFrames.typing(roomId, connection.user));
      for (const sub of subscribersOf(roomId)) {
        if (sub.connection.user.id !== connection.user.id || fault === 'typing-echoed-to-typist') {
          send(sub.connection, frame);
        }
      }
    },

    /** Ids of the users with a connection subscribed to the room. */
    onlineUserIds(roomId: string): Set<string> {
      return new Set([...subscribersOf(roomId)].map((sub) => sub.connection.user.id));
    },

    /** Logging out: every connection opened with the token is closed at once. */
    closeConnectionsOf(tokenHash: string): void {
      for (const connection of connections) {
        if (connection.tokenHash !== tokenHash) continue;
        connection.isRevoked = true;
        connection.socket.close(UNAUTHENTICATED_CLOSE_CODE, 'unauthenticated');
      }
    },

    close(): void {
      clearInterval(pollTimer);
    },
  };
}
