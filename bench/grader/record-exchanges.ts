// Records every HTTP exchange a grading run makes, in full, from undici's diagnostics channels: they see
// exactly what the grader sent (method, path, headers, body) without changing a byte of how it sends.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  status: number | undefined;
  responseBody: string;
  /** Which connection carried it (1, 2, …), to tell how many the suite used at once. */
  connection: number | undefined;
  /** performance.now() when the request was created and when its response ended. */
  startedAt: number;
  endedAt: number;
}

// the shapes undici publishes (undici/docs/api/DiagnosticsChannel.md)
interface UndiciRequest {
  origin: string | URL;
  method: string;
  path: string;
  headers: string[] | string;
  body: unknown;
}
type CreateMessage = { request: UndiciRequest };
type HeadersMessage = { request: UndiciRequest; response: { statusCode: number } };
type ChunkMessage = { request: UndiciRequest; chunk: Buffer };

const CHANNELS = {
  create: 'undici:request:create',
  sendHeaders: 'undici:client:sendHeaders',
  headers: 'undici:request:headers',
  chunk: 'undici:request:bodyChunkReceived',
  end: 'undici:request:trailers',
  error: 'undici:request:error',
} as const;

/**
 * Starts recording requests to `origin` until `stop()`; `requests` holds them in the order they were made.
 * Only string and Buffer bodies can be replayed; any other body (a stream) is refused loudly.
 */
export function recordExchanges(origin: string): { readonly requests: RecordedRequest[]; stop(): void } {
  const recorded: RecordedRequest[] = [];
  const byRequest = new Map<UndiciRequest, { record: RecordedRequest; chunks: Buffer[] }>();
  const onCreate = (message: unknown) => {
    const { request } = message as CreateMessage;
    if (new URL(String(request.origin)).origin !== new URL(origin).origin) return;
    const record: RecordedRequest = {
      method: request.method,
      path: request.path,
      headers: headersOf(request.headers),
      body: bodyOf(request.body),
      status: undefined,
      responseBody: '',
      connection: undefined,
      startedAt: performance.now(),
      endedAt: Number.NaN,
    };
    recorded.push(record);
    byRequest.set(request, { record, chunks: [] });
  };
  const connections = new WeakMap<object, number>();
  let connectionCount = 0;
  const onSendHeaders = (message: unknown) => {
    const { request, socket } = message as { request: UndiciRequest; socket: object };
    const entry = byRequest.get(request);
    if (!entry) return;
    if (!connections.has(socket)) connections.set(socket, ++connectionCount);
    entry.record.connection = connections.get(socket);
  };
  const onHeaders = (message: unknown) => {
    const { request, response } = message as HeadersMessage;
    const entry = byRequest.get(request);
    if (entry) entry.record.status = response.statusCode;
  };
  const onChunk = (message: unknown) => {
    const { request, chunk } = message as ChunkMessage;
    byRequest.get(request)?.chunks.push(chunk);
  };
  const onEnd = (message: unknown) => {
    const { request } = message as { request: UndiciRequest };
    const entry = byRequest.get(request);
    if (!entry) return;
    entry.record.endedAt = performance.now();
    entry.record.responseBody = Buffer.concat(entry.chunks).toString('utf8');
    byRequest.delete(request);
  };
  subscribe(CHANNELS.create, onCreate);
  subscribe(CHANNELS.sendHeaders, onSendHeaders);
  subscribe(CHANNELS.headers, onHeaders);
  subscribe(CHANNELS.chunk, onChunk);
  subscribe(CHANNELS.end, onEnd);
  subscribe(CHANNELS.error, onEnd);
  return {
    requests: recorded,
    stop() {
      unsubscribe(CHANNELS.create, onCreate);
      unsubscribe(CHANNELS.sendHeaders, onSendHeaders);
      unsubscribe(CHANNELS.headers, onHeaders);
      unsubscribe(CHANNELS.chunk, onChunk);
      unsubscribe(CHANNELS.end, onEnd);
      unsubscribe(CHANNELS.error, onEnd);
    },
  };
}

function headersOf(raw: string[] | string): Record<string, string> {
  const headers: Record<string, string> = {};
  if (typeof raw === 'string') {
    for (const line of raw.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    return headers;
  }
  for (let i = 0; i + 1 < raw.length; i += 2) headers[String(raw[i]).toLowerCase()] = String(raw[i + 1]);
  return headers;
}

function bodyOf(body: unknown): string | undefined {
  if (body === null || body === undefined) return undefined;
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body) || body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  throw new Error('the grader sent a streamed body, which this recorder cannot replay');
}
