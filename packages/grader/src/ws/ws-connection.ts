import type { IncomingMessage } from 'node:http';
import type { RecordedExchange } from '@groundwork/contracts';
import WebSocket from 'ws';
import { formatBytes } from '../http/classify-error';
import { flattenHeaders, recordExchange } from '../http/recorder';
import { formatDuration } from '../runner/deadline';
import type { WsConnection, WsMessage, WsTranscriptEntry, WsWaitOptions } from './types';
import { renderWebsocat } from './websocat';
import { WsError, type WsErrorKind } from './ws-error';
import { createMessage, preview, previewReceived, renderLines, roundMs } from './ws-message';
import { BoundedTranscript } from './ws-transcript';

export const DEFAULT_WAIT_TIMEOUT_MS = 5_000;
/** Beyond these the server is flooding: the socket is terminated rather than buffering more. */
export const MAX_KEPT_MESSAGES = 2_000;
export const MAX_KEPT_BYTES = 8 * 1024 * 1024;
const CLOSE_GRACE_MS = 1_000;
/** RFC 6455's close code for a message too big to process. */
const MESSAGE_TOO_BIG = 1009;
/** A kept conversation is bounded by MAX_KEPT_MESSAGES already; these bound the sends and events around it. */
const KEPT_TRANSCRIPT_HEAD_LINES = 2_500;
const KEPT_TRANSCRIPT_TAIL_LINES = 500;
/** `record()` keeps the first 50 lines and the last 49, with one line between saying how many went: 100 in all. */
export const RECORDED_HEAD_FRAMES = 50;
export const RECORDED_TAIL_FRAMES = 49;

/** The handshake request as recorded, for the curl command in failure output. */
export interface HandshakeRecord {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: undefined;
}

/** What a connection needs to know about how it was opened. */
export interface ConnectionInit {
  handshake: HandshakeRecord;
  protocols: readonly string[];
  upgradeResponse: IncomingMessage | undefined;
  /** When the handshake began (`performance.now()`). */
  started: number;
  signal: AbortSignal | undefined;
  maxPayload: number;
  keepMessages: boolean;
  /** Called once when the socket has closed, whoever closed it. */
  onClose?: () => void;
}

interface WaitWords {
  /** How the timeout reads: `no pong within 2 s`. */
  timedOut(within: string): string;
  /** What had not happened when the connection closed: `before a pong arrived`. */
  beforeClose: string;
}

/**
 * An open WebSocket: keeps messages (bounded) or only counts them, waits for them, pings, and records a
 * bounded transcript.
 */
export class BoundedWsConnection implements WsConnection {
  readonly messages: WsMessage[] = [];
  private readonly lines: BoundedTranscript;
  private readonly listeners = new Set<(message: WsMessage) => void>();
  private cursor = 0;
  private keptBytes = 0;
  private pings = 0;
  private pingsAwaited = 0;
  private pingsSent = 0;
  /** Set when the grader cut the connection because the server sent more than it keeps. */
  private isFlooded = false;
  private closeInfo: { code: number; reason: string } | undefined;
  private lastError: (Error & { code?: string }) | undefined;
  /** An error thrown by an `onMessage` listener: a grader bug, reported by the next wait. */
  private listenerError: unknown;
  private readonly waiters = new Set<() => void>();
  private readonly openedAt = performance.now();

  constructor(
    private readonly socket: WebSocket,
    private readonly init: ConnectionInit,
  ) {
    this.lines = init.keepMessages
      ? new BoundedTranscript(KEPT_TRANSCRIPT_HEAD_LINES, KEPT_TRANSCRIPT_TAIL_LINES)
      : new BoundedTranscript(RECORDED_HEAD_FRAMES, RECORDED_TAIL_FRAMES + 1);
    const terminate = () => socket.terminate();
    socket.on('message', (data: Buffer, isBinary: boolean) => this.receive(data, isBinary));
    socket.on('ping', () => {
      this.pings++;
      this.lines.push({ direction: 'received', atMs: this.elapsed(), text: '[ping]' });
      this.notify();
    });
    socket.on('pong', () => this.lines.push({ direction: 'received', atMs: this.elapsed(), text: '[pong]' }));
    socket.on('error', (error) => {
      this.lastError = error;
      this.note(`error: ${error.message}`);
    });
    socket.on('close', (code: number, reason: Buffer) => {
      // ws closes with 1009 on a too-big message but reports 1006, as it reads no close frame after it
      this.closeInfo = this.isTooBig()
        ? {
            code: MESSAGE_TOO_BIG,
            reason: `a message larger than the grader's ${formatBytes(this.init.maxPayload)} limit`,
          }
        : { code, reason: reason.toString('utf8') };
      const { reason: why } = this.closeInfo;
      this.note(`closed with code ${this.closeInfo.code}${why.length > 0 ? ` (${why})` : ''}`);
      this.init.signal?.removeEventListener('abort', terminate);
      init.onClose?.();
      this.notify();
    });
    this.init.signal?.addEventListener('abort', terminate, { once: true });
  }

  get url(): string {
    return this.socket.url;
  }

  get protocol(): string {
    return this.socket.protocol;
  }

  get transcript(): WsTranscriptEntry[] {
    return this.lines.view();
  }

  get pingsReceived(): number {
    return this.pings;
  }

  get closed(): { code: number; reason: string } | undefined {
    return this.closeInfo;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(data: string | Uint8Array | object): void {
    const payload = typeof data === 'string' || data instanceof Uint8Array ? data : JSON.stringify(data);
    this.lines.push({ direction: 'sent', atMs: this.elapsed(), text: preview(payload) });
    this.socket.send(payload);
  }

  onMessage(listener: (message: WsMessage) => void): () => void {
    // a fresh function per subscription, so the same listener added twice is unsubscribed one at a time
    const subscription = (message: WsMessage) => listener(message);
    this.listeners.add(subscription);
    return () => {
      this.listeners.delete(subscription);
    };
  }

  waitFor(predicate: (message: WsMessage) => boolean, options: WsWaitOptions): Promise<WsMessage> {
    if (!this.init.keepMessages) {
      throw new TypeError(
        'waitFor cannot see frames on a connection opened with keepMessages: false (counting mode); use onMessage',
      );
    }
    return this.wait(
      options,
      () => {
        while (this.cursor < this.messages.length) {
          const message = this.messages[this.cursor++] as WsMessage;
          if (predicate(message)) return message;
        }
        return undefined;
      },
      {
        timedOut: (within) => `no ${options.description} within ${within}`,
        beforeClose: `before ${options.description} arrived`,
      },
    );
  }

  waitForClose(options: WsWaitOptions): Promise<{ code: number; reason: string }> {
    return this.wait(options, () => this.closeInfo, {
      timedOut: (within) => `the connection was not closed within ${within}`,
      beforeClose: '',
    });
  }

  pause(): void {
    this.note('the grader stopped reading');
    this.socket.pause();
  }

  resume(): void {
    this.note('the grader reads again');
    this.socket.resume();
  }

  ping(options: WsWaitOptions): Promise<void> {
    const payload = Buffer.from(`groundwork ping ${++this.pingsSent}`);
    let isAnswered = false;
    const onPong = (data: Buffer) => {
      if (!data.equals(payload)) return;
      isAnswered = true;
      this.notify();
    };
    this.socket.on('pong', onPong);
    this.lines.push({ direction: 'sent', atMs: this.elapsed(), text: '[ping]' });
    this.socket.ping(payload);
    return this.wait(options, () => (isAnswered ? true : undefined), {
      timedOut: (within) => `no pong within ${within}`,
      beforeClose: 'before a pong arrived',
    })
      .then(() => undefined)
      .finally(() => this.socket.off('pong', onPong));
  }

  waitForPing(options: WsWaitOptions): Promise<void> {
    return this.wait(
      options,
      () => {
        if (this.pings <= this.pingsAwaited) return undefined;
        this.pingsAwaited = this.pings;
        return true;
      },
      { timedOut: (within) => `no ping within ${within}`, beforeClose: 'before a ping arrived' },
    ).then(() => undefined);
  }

  async close(code = 1000, reason = ''): Promise<void> {
    if (this.closeInfo || this.socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.socket.terminate();
        resolve();
      }, CLOSE_GRACE_MS);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.close(code, reason);
    });
  }

  renderTranscript(): string {
    return renderLines(this.lines.view());
  }

  record(): RecordedExchange {
    const frames = this.lines.view(RECORDED_HEAD_FRAMES, RECORDED_TAIL_FRAMES);
    const exchange = recordExchange({
      ...this.init.handshake,
      timingMs: performance.now() - this.init.started,
      response: {
        status: this.init.upgradeResponse?.statusCode ?? 101,
        headers: this.init.upgradeResponse ? flattenHeaders(this.init.upgradeResponse.headers) : {},
        body: Buffer.from(renderLines(frames), 'utf8'),
        isBodyTruncated: false,
      },
    });
    exchange.frames = frames.map((entry) => ({ ...entry, atMs: Math.max(0, roundMs(entry.atMs)) }));
    exchange.websocat = renderWebsocat({
      url: this.socket.url,
      headers: this.init.handshake.requestHeaders,
      protocols: this.init.protocols,
    });
    return exchange;
  }

  /**
   * Resolves with `poll()`'s first defined answer, polled now and on every frame, ping or close;
   * rejects with a WsError at the deadline, on the check's abort, or when the connection closes first.
   */
  private wait<T>(options: WsWaitOptions, poll: () => T | undefined, words: WaitWords): Promise<T> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
    const { description } = options;
    return new Promise((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
        this.init.signal?.removeEventListener('abort', onAbort);
      };
      const check = () => {
        let answer: T | undefined;
        try {
          if (this.listenerError !== undefined) throw this.listenerError;
          answer = poll();
        } catch (error) {
          finish();
          reject(error);
          return;
        }
        if (answer !== undefined) {
          finish();
          resolve(answer);
        } else if (this.closeInfo) {
          finish();
          reject(this.error('closed', `${this.describeClose()} ${words.beforeClose}`, description));
        }
      };
      const onAbort = () => {
        finish();
        reject(this.error('aborted', `the check ran out of time waiting for ${description}`, description));
      };
      const timer = setTimeout(() => {
        finish();
        reject(this.error('timeout', words.timedOut(formatDuration(timeoutMs)), description));
      }, timeoutMs);
      this.init.signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(check);
      check();
    });
  }

  /** Says who closed the connection and why: the grader's own limits must not read as the server closing. */
  private describeClose(): string {
    if (this.isTooBig()) {
      return `the server sent a message larger than the ${formatBytes(this.init.maxPayload)} limit, so the grader closed the connection`;
    }
    if (this.isFlooded) {
      return `the server sent more than ${MAX_KEPT_MESSAGES} messages or ${formatBytes(MAX_KEPT_BYTES)}, so the grader closed the connection`;
    }
    return `the connection closed (code ${this.closeInfo?.code ?? 1006})`;
  }

  private isTooBig(): boolean {
    return this.lastError?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
  }

  private receive(data: Buffer, isBinary: boolean): void {
    // ws still delivers the frames already read after terminate(): drop them without a note each,
    // or a flood would grow the transcript by one line per frame.
    if (this.isFlooded) return;
    if (this.init.keepMessages) {
      this.keptBytes += data.length;
      if (this.messages.length >= MAX_KEPT_MESSAGES || this.keptBytes > MAX_KEPT_BYTES) {
        this.isFlooded = true;
        this.note(
          `the server sent more than ${MAX_KEPT_MESSAGES} messages or ${formatBytes(MAX_KEPT_BYTES)}; the grader closed the connection`,
        );
        this.socket.terminate();
        return;
      }
    }
    const message = createMessage(data, isBinary, this.elapsed());
    if (this.init.keepMessages) this.messages.push(message);
    this.lines.push({
      direction: 'received',
      atMs: message.atMs,
      text: isBinary ? `[${data.length} bytes binary]` : previewReceived(data),
    });
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch (error) {
        this.listenerError ??= error;
        this.note(`a message listener threw: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.notify();
  }

  private note(text: string): void {
    this.lines.push({ direction: 'event', atMs: this.elapsed(), text });
  }

  private notify(): void {
    if (this.waiters.size === 0) return;
    for (const waiter of [...this.waiters]) waiter();
  }

  private elapsed(): number {
    return performance.now() - this.openedAt;
  }

  private error(kind: WsErrorKind, message: string, description: string): WsError {
    return new WsError(kind, message, this.record(), description);
  }
}
