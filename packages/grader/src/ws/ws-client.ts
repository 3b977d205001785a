import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type net from 'node:net';
import WebSocket from 'ws';
import { resolveTargetUrl } from '../http/client';
import { flattenHeaders, recordExchange } from '../http/recorder';
import { formatDuration } from '../runner/deadline';
import type { WsClient, WsConnectOptions } from './types';
import { BoundedWsConnection, type HandshakeRecord } from './ws-connection';
import { WsError, type WsErrorKind } from './ws-error';

export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 5_000;
export const DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;
/**
 * WebSockets one client may hold open (or be opening) at once. The runner gives each check a client of
 * its own and closes it when the check ends, so this is also the most a grading run holds open.
 */
export const MAX_OPEN_CONNECTIONS = 256;

/** Opens a socket to the target for the handshake; the runner passes the policy's pinned dialer. */
export type WsDialer = (
  protocol: 'http:' | 'https:',
  port: number,
  callback: (error: Error | null, socket?: net.Socket) => void,
) => void;

export interface WsClientOptions {
  baseUrl: string;
  dial?: WsDialer;
  signal?: AbortSignal;
  handshakeTimeoutMs?: number;
  maxPayloadBytes?: number;
}

export interface ClosableWsClient extends WsClient {
  /** Closes every connection this client opened (terminating those that do not answer the close). */
  closeAll(): Promise<void>;
  /** Connections open or opening now; a closed one frees its place at once. */
  readonly openCount: number;
}

/**
 * A WebSocket client with a real handshake deadline, small frames and no compression.
 * @example
 * const ws = createWsClient({ baseUrl: 'http://localhost:8080' });
 * const conn = await ws.connect('/chat');
 * conn.send({ type: 'join', room: 'a' });
 * await conn.waitFor((m) => m.json<{ type: string }>()?.type === 'joined', { description: 'a "joined" message' });
 * await ws.closeAll();
 */
export function createWsClient(options: WsClientOptions): ClosableWsClient {
  const open = new Set<BoundedWsConnection>();
  let opening = 0;
  return {
    async connect(path, connectOptions = {}) {
      // a check that needs more is written wrong: a grader error, not the learner's failure
      if (open.size + opening >= MAX_OPEN_CONNECTIONS) {
        throw new RangeError(
          `a check may hold at most ${MAX_OPEN_CONNECTIONS} WebSockets open at once; close some before opening ${path}`,
        );
      }
      opening++;
      try {
        let connection: BoundedWsConnection | undefined;
        connection = await openConnection(options, path, connectOptions, () => {
          if (connection) open.delete(connection);
        });
        // a socket that closed before the caller saw it has already run its onClose
        if (connection.closed === undefined) open.add(connection);
        return connection;
      } finally {
        opening--;
      }
    },
    async closeAll() {
      await Promise.all([...open].map((connection) => connection.close()));
      open.clear();
    },
    get openCount() {
      return open.size + opening;
    },
  };
}

function openConnection(
  options: WsClientOptions,
  path: string,
  connect: WsConnectOptions,
  onClose: () => void,
): Promise<BoundedWsConnection> {
  const httpUrl = resolveTargetUrl(new URL(options.baseUrl), path);
  const wsUrl = new URL(httpUrl);
  wsUrl.protocol = httpUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  const timeoutMs = connect.handshakeTimeoutMs ?? options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
  const maxPayload = connect.maxPayloadBytes ?? options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  const headers = Object.fromEntries(
    Object.entries(connect.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const started = performance.now();
  const handshake: HandshakeRecord = {
    method: 'GET',
    url: httpUrl.href,
    requestHeaders: {
      ...headers,
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-version': '13',
      'sec-websocket-key': randomBytes(16).toString('base64'),
      ...(connect.protocols?.length ? { 'sec-websocket-protocol': connect.protocols.join(', ') } : {}),
    },
    requestBody: undefined,
  };

  return new Promise((resolve, reject) => {
    let isSettled = false;
    const dial = options.dial;
    const socket = new WebSocket(wsUrl, [...(connect.protocols ?? [])], {
      headers,
      perMessageDeflate: false,
      maxPayload,
      autoPong: connect.autoPong ?? true,
      followRedirects: false,
      handshakeTimeout: timeoutMs,
      ...(dial ? { createConnection: dialAsCreateConnection(dial, httpUrl) } : {}),
    });
    const fail = (kind: WsErrorKind, message: string, response?: IncomingMessage) => {
      if (isSettled) return;
      isSettled = true;
      cleanup();
      socket.terminate();
      const exchange = recordExchange({
        ...handshake,
        timingMs: performance.now() - started,
        ...(response
          ? {
              response: {
                status: response.statusCode ?? 0,
                headers: flattenHeaders(response.headers),
                body: Buffer.alloc(0),
                isBodyTruncated: false,
              },
            }
          : {}),
        error: { kind: kind === 'handshake-timeout' ? 'timeout' : 'network', message },
      });
      reject(new WsError(kind, message, exchange));
    };
    const timer = setTimeout(
      () =>
        fail(
          'handshake-timeout',
          `the WebSocket handshake did not finish within ${formatDuration(timeoutMs)}`,
        ),
      timeoutMs,
    );
    const onAbort = () => fail('aborted', 'the check ran out of time during the WebSocket handshake');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const cleanup = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    let upgradeResponse: IncomingMessage | undefined;

    socket.on('error', (error) =>
      fail('handshake-failed', `the WebSocket handshake failed: ${error.message}`),
    );
    socket.on('unexpected-response', (request, response) => {
      request.destroy();
      response.destroy();
      fail(
        'handshake-refused',
        `the server answered ${response.statusCode} instead of 101 Switching Protocols`,
        response,
      );
    });
    socket.on('upgrade', (response) => {
      upgradeResponse = response;
    });
    socket.once('open', () => {
      if (isSettled) return;
      isSettled = true;
      cleanup();
      socket.removeAllListeners('error');
      resolve(
        new BoundedWsConnection(socket, {
          handshake,
          protocols: connect.protocols ?? [],
          upgradeResponse,
          started,
          signal: options.signal,
          maxPayload,
          keepMessages: connect.keepMessages ?? true,
          onClose,
        }),
      );
    });
    if (options.signal?.aborted) onAbort();
  });
}

function dialAsCreateConnection(dial: WsDialer, httpUrl: URL) {
  const protocol = httpUrl.protocol === 'https:' ? 'https:' : 'http:';
  const port = Number(httpUrl.port) || (protocol === 'https:' ? 443 : 80);
  // Node's ClientRequest accepts an async createConnection(options, callback).
  const create = (_options: unknown, callback: (error: Error | null, socket?: net.Socket) => void) => {
    dial(protocol, port, callback);
    return undefined;
  };
  return create as unknown as typeof net.createConnection;
}
