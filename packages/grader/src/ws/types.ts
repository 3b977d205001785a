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
  /** Largest message accepted; default 64 KiB. A bigger one closes the socket (1009). */
  maxPayloadBytes?: number;
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
  readonly messages: readonly WsMessage[];
  readonly transcript: readonly WsTranscriptEntry[];
  /** Sends text, bytes, or any other value as JSON. */
  send(data: string | Uint8Array | object): void;
  /**
   * The first message (received since the last wait, or arriving before the deadline) for which
   * `predicate` is true.
   * @example const joined = await conn.waitFor((m) => m.json<{ type: string }>()?.type === 'joined', { description: 'a "joined" message' });
   */
  waitFor(predicate: (message: WsMessage) => boolean, options: WsWaitOptions): Promise<WsMessage>;
  /** Resolves when the server closes the connection, with its close code and reason. */
  waitForClose(options: WsWaitOptions): Promise<{ code: number; reason: string }>;
  /** Closes politely, and terminates the socket if the server does not answer the close in 1 s. */
  close(code?: number, reason?: string): Promise<void>;
  /** The transcript as text, one line per entry. */
  renderTranscript(): string;
}

/** Opens WebSockets to the target (ws:// or wss:// from the target's http(s) URL). */
export interface WsClient {
  /** @example const conn = await ctx.ws.connect('/chat', { protocols: ['chat.v1'] }); */
  connect(path: string, options?: WsConnectOptions): Promise<WsConnection>;
}
