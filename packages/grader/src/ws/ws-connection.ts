import type { IncomingMessage } from 'node:http';
import type { RecordedExchange } from '@groundwork/contracts';
import WebSocket from 'ws';
import { formatBytes } from '../http/classify-error';
import { flattenHeaders, recordExchange } from '../http/recorder';
import { formatDuration } from '../runner/deadline';
import type { WsConnection, WsMessage, WsTranscriptEntry, WsWaitOptions } from './types';
import { WsError, type WsErrorKind } from './ws-error';

export const DEFAULT_WAIT_TIMEOUT_MS = 5_000;
/** Beyond these the server is flooding: the socket is terminated rather than buffering more. */
export const MAX_KEPT_MESSAGES = 2_000;
export const MAX_KEPT_BYTES = 8 * 1024 * 1024;
const CLOSE_GRACE_MS = 1_000;
const TRANSCRIPT_TEXT_CHARS = 200;

/** The handshake request as recorded, for the curl command in failure output. */
export interface HandshakeRecord {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: undefined;
}

/** An open WebSocket: keeps messages (bounded), waits for them, and records a transcript. */
export class BoundedWsConnection implements WsConnection {
  readonly messages: WsMessage[] = [];
  readonly transcript: WsTranscriptEntry[] = [];
  private cursor = 0;
  private keptBytes = 0;
  /** Set when the grader cut the connection because the server sent more than it keeps. */
  private isFlooded = false;
  private closeInfo: { code: number; reason: string } | undefined;
  private lastError: (Error & { code?: string }) | undefined;
  private readonly waiters = new Set<() => void>();
  private readonly openedAt = performance.now();

  constructor(
    private readonly socket: WebSocket,
    private readonly handshake: HandshakeRecord,
    private readonly upgradeResponse: IncomingMessage | undefined,
    private readonly started: number,
    private readonly signal: AbortSignal | undefined,
    private readonly maxPayload: number,
  ) {
    socket.on('message', (data: Buffer, isBinary: boolean) => this.receive(data, isBinary));
    socket.on('error', (error) => {
      this.lastError = error;
      this.note(`error: ${error.message}`);
    });
    socket.on('close', (code: number, reason: Buffer) => {
      this.closeInfo = { code, reason: reason.toString('utf8') };
      this.note(`closed with code ${code}${reason.length > 0 ? ` (${reason.toString('utf8')})` : ''}`);
      this.notify();
    });
    signal?.addEventListener('abort', () => socket.terminate(), { once: true });
  }

  get url(): string {
    return this.socket.url;
  }

  get protocol(): string {
    return this.socket.protocol;
  }

  send(data: string | Uint8Array | object): void {
    const payload = typeof data === 'string' || data instanceof Uint8Array ? data : JSON.stringify(data);
    this.transcript.push({ direction: 'sent', atMs: this.elapsed(), text: preview(payload) });
    this.socket.send(payload);
  }

  waitFor(predicate: (message: WsMessage) => boolean, options: WsWaitOptions): Promise<WsMessage> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
        this.signal?.removeEventListener('abort', onAbort);
      };
      const check = () => {
        try {
          while (this.cursor < this.messages.length) {
            const message = this.messages[this.cursor++] as WsMessage;
            if (predicate(message)) {
              finish();
              resolve(message);
              return;
            }
          }
        } catch (error) {
          finish();
          reject(error);
          return;
        }
        if (this.closeInfo) {
          finish();
          reject(
            this.error(
              'closed',
              `${this.describeClose()} before ${options.description} arrived`,
              options.description,
            ),
          );
        }
      };
      const onAbort = () => {
        finish();
        reject(
          this.error(
            'aborted',
            `the check ran out of time waiting for ${options.description}`,
            options.description,
          ),
        );
      };
      const timer = setTimeout(() => {
        finish();
        reject(
          this.error(
            'timeout',
            `no ${options.description} within ${formatDuration(timeoutMs)}`,
            options.description,
          ),
        );
      }, timeoutMs);
      this.signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(check);
      check();
    });
  }

  waitForClose(options: WsWaitOptions): Promise<{ code: number; reason: string }> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
    if (this.closeInfo) return Promise.resolve(this.closeInfo);
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!this.closeInfo) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(this.closeInfo);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          this.error(
            'timeout',
            `the connection was not closed within ${formatDuration(timeoutMs)}`,
            options.description,
          ),
        );
      }, timeoutMs);
      this.waiters.add(check);
    });
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

  /** Says who closed the connection and why: the grader's own limits must not read as the server closing. */
  private describeClose(): string {
    if (this.lastError?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
      return `the server sent a message larger than the ${formatBytes(this.maxPayload)} limit, so the grader closed the connection`;
    }
    if (this.isFlooded) {
      return `the server sent more than ${MAX_KEPT_MESSAGES} messages or ${formatBytes(MAX_KEPT_BYTES)}, so the grader closed the connection`;
    }
    return `the connection closed (code ${this.closeInfo?.code ?? 1006})`;
  }

  renderTranscript(): string {
    const arrow = { sent: '→', received: '←', event: '·' } as const;
    return this.transcript
      .map((entry) => `${Math.round(entry.atMs)} ms ${arrow[entry.direction]} ${entry.text}`)
      .join('\n');
  }

  private receive(data: Buffer, isBinary: boolean): void {
    // ws still delivers the frames already read after terminate(): drop them without a note each,
    // or a flood would grow the transcript by one line per frame.
    if (this.isFlooded) return;
    this.keptBytes += data.length;
    if (this.messages.length >= MAX_KEPT_MESSAGES || this.keptBytes > MAX_KEPT_BYTES) {
      this.isFlooded = true;
      this.note(
        `the server sent more than ${MAX_KEPT_MESSAGES} messages or ${formatBytes(MAX_KEPT_BYTES)}; the grader closed the connection`,
      );
      this.socket.terminate();
      return;
    }
    let parsed: { value: unknown } | undefined;
    const message: WsMessage = {
      data,
      isBinary,
      atMs: this.elapsed(),
      text: () => data.toString('utf8'),
      json<T>() {
        if (!parsed) {
          try {
            parsed = { value: isBinary ? undefined : JSON.parse(data.toString('utf8')) };
          } catch {
            parsed = { value: undefined };
          }
        }
        return parsed.value as T | undefined;
      },
    };
    this.messages.push(message);
    this.transcript.push({
      direction: 'received',
      atMs: message.atMs,
      text: isBinary ? `[${data.length} bytes binary]` : preview(data.toString('utf8')),
    });
    this.notify();
  }

  private note(text: string): void {
    this.transcript.push({ direction: 'event', atMs: this.elapsed(), text });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private elapsed(): number {
    return performance.now() - this.openedAt;
  }

  private error(kind: WsErrorKind, message: string, description: string): WsError {
    return new WsError(kind, message, this.record(), description);
  }

  private record(): RecordedExchange {
    const transcript = this.renderTranscript();
    return recordExchange({
      ...this.handshake,
      timingMs: performance.now() - this.started,
      response: {
        status: this.upgradeResponse?.statusCode ?? 101,
        headers: this.upgradeResponse ? flattenHeaders(this.upgradeResponse.headers) : {},
        body: Buffer.from(transcript, 'utf8'),
        isBodyTruncated: false,
      },
    });
  }
}

function preview(payload: string | Uint8Array): string {
  const text = typeof payload === 'string' ? payload : `[${payload.length} bytes binary]`;
  return text.length > TRANSCRIPT_TEXT_CHARS ? `${text.slice(0, TRANSCRIPT_TEXT_CHARS)}…` : text;
}
