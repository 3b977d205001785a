import type { WebSocket } from 'ws';
import type { UserRef } from './users.repository';

/** One open WebSocket of a signed-in user. */
export interface Connection {
  readonly socket: WebSocket;
  readonly user: UserRef;
  /** The SHA-256 of the token it was opened with, so logging out can find it. */
  readonly tokenHash: string;
  /** Its subscriptions, by room id. */
  readonly subscriptions: Map<string, Subscription>;
  /** Set when its token was revoked: its frames are no longer acted on. */
  isRevoked: boolean;
  lastPongAt: number;
  /** The frames it sent are handled one at a time, in the order they came. */
  handling: Promise<void>;
}

/** A connection's subscription to one room. */
export interface Subscription {
  readonly connection: Connection;
  readonly roomId: string;
  /** Live messages held back while the backlog is sent; undefined once live. */
  held: { seq: number; frame: string }[] | undefined;
  /** The newest seq this connection has been sent: nothing at or below it is sent again. */
  lastSentSeq: number;
}

export function createConnection(socket: WebSocket, user: UserRef, tokenHash: string): Connection {
  return {
    socket,
    user,
    tokenHash,
    subscriptions: new Map(),
    isRevoked: false,
    lastPongAt: Date.now(),
    handling: Promise.resolve(),
  };
}
