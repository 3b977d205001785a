import type { RecordedExchange } from '@groundwork/contracts';

/** One message the target sent. */
export interface WsMessage {
  readonly data: Buffer;
  readonly isBinary: boolean;
  /** Milliseconds since the connection opened. */
  readonly atMs: number;
  text(): string;
  /** The parsed JSON message, or undefined when it is not JSON. */
  json<T = unknown>(): T | undefined;
}

/** One line of the conversation, for failure output. */
export interface WsTranscriptEntry {
  direction: 'sent' | 'received' | 'event';
  atMs: number;
  text: string;
}

export interface WsConnectOptions {
  headers?: Readonly<Record<string, string>>;
  protocols?: readonly string[];
  /** A real deadline for the whole upgrade (connect + response); default 5 s. */
  handshakeTimeoutMs?: number;
  /** Largest message accepted; default 64 KiB. A bigger one closes the socket (1009), in either mode. */
  maxPayloadBytes?: number;
  /**
   * Whether the client answers the server's pings (default true). False plays a vanished phone: the
   * socket stays open and reads, but never pongs.
   */
  autoPong?: boolean;
  /**
   * Whether received frames are kept in `messages` for `waitFor` (default true, up to 2,000 messages or
   * 8 MiB). False is counting mode, for load: nothing is kept and there is no such limit, the transcript
   * keeps only its first and last lines, and frames are seen through `onMessage` alone.
   */
  keepMessages?: boolean;
}

export interface WsWaitOptions {
  /** What the check waits for, in words: `a "joined" message for alice`. */
  description: string;
  timeoutMs?: number;
}

/** An open WebSocket to the target. Waits throw `WsError` (the runner turns it into a failure). */
export interface WsConnection {
  readonly url: string;
  /** The subprotocol the server chose ('' for none). */
  readonly protocol: string;
  /** The frames received so far (none in counting mode, `keepMessages: false`). */
  readonly messages: readonly WsMessage[];
  /** The conversation; a long one keeps its first and last lines, with a line saying how many went between. */
  readonly transcript: readonly WsTranscriptEntry[];
  /** Pings the server has sent since the connection opened. */
  readonly pingsReceived: number;
  /**
   * The close code and reason once the connection has closed (either side), else undefined. When the
   * grader closed it for a message larger than `maxPayloadBytes`, 1009 (message too big).
   */
  readonly closed: { code: number; reason: string } | undefined;
  /** True while frames can still be sent and received. */
  readonly isOpen: boolean;
  /** Sends text, bytes, or any other value as JSON. */
  send(data: string | Uint8Array | object): void;
  /**
   * The first message (received since the last wait, or arriving before the deadline) for which
   * `predicate` is true. Throws a TypeError in counting mode, which keeps no messages: use `onMessage`.
   * @example const joined = await conn.waitFor((m) => m.json<{ type: string }>()?.type === 'joined', { description: 'a "joined" message' });
   */
  waitFor(predicate: (message: WsMessage) => boolean, options: WsWaitOptions): Promise<WsMessage>;
  /**
   * Calls `listener` for every frame received from now on, in both modes; returns the unsubscribe.
   * A listener that throws is a grader bug: the connection's next wait rejects with its error.
   * @example const stop = conn.onMessage((m) => { count++; }); … stop();
   */
  onMessage(listener: (message: WsMessage) => void): () => void;
  /** Resolves when the server closes the connection, with its close code and reason. */
  waitForClose(options: WsWaitOptions): Promise<{ code: number; reason: string }>;
  /**
   * Stops reading from the socket, as a slow consumer would: the server's frames back up in the kernel's
   * buffers, then in the server's own send buffer. Pings are not read (or answered) meanwhile either.
   */
  pause(): void;
  /** Reads from the socket again after `pause`. */
  resume(): void;
  /**
   * Pings the server and resolves on its pong (one carrying the ping's payload, as RFC 6455 asks).
   * @example await conn.ping({ description: 'a pong from the server', timeoutMs: 2_000 });
   */
  ping(options: WsWaitOptions): Promise<void>;
  /**
   * Resolves once a ping from the server has arrived since the connection opened, or since the last
   * `waitForPing` resolved: a ping that came before the call counts.
   * @example await conn.waitForPing({ description: 'a ping from the server', timeoutMs: 6_000 });
   */
  waitForPing(options: WsWaitOptions): Promise<void>;
  /**
   * The conversation for failure output: the upgrade (with a curl command), the frames (the first 50 and
   * the last 49 of a long one, with a line saying how many went between) and a websocat command that
   * opens the same connection.
   * @example return fail({ expected, actual, hint, exchange: conn.record() });
   */
  record(): RecordedExchange;
  /** Closes politely, and terminates the socket if the server does not answer the close in 1 s. */
  close(code?: number, reason?: string): Promise<void>;
  /** The transcript as text, one line per entry. */
  renderTranscript(): string;
}

/** Opens WebSockets to the target (ws:// or wss:// from the target's http(s) URL). */
export interface WsClient {
  /**
   * Opens a WebSocket; at most 256 at a time (a check that needs more is a grader bug, and throws).
   * @example const conn = await ctx.ws.connect('/chat', { protocols: ['chat.v1'] });
   */
  connect(path: string, options?: WsConnectOptions): Promise<WsConnection>;
}
