import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { type ServerOptions, type WebSocket, WebSocketServer } from 'ws';

/** A server a test started on 127.0.0.1 with a free port; `close` also drops open sockets. */
export interface LoopbackServer {
  url: string;
  port: number;
  /** Sockets accepted so far. */
  connectionCount(): number;
  /** Sockets accepted and not yet closed (by either side). */
  openConnectionCount(): number;
  close(): Promise<void>;
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function track(server: net.Server): { count(): number; open(): number; destroyAll(): void } {
  const sockets = new Set<net.Socket>();
  let count = 0;
  server.on('connection', (socket: net.Socket) => {
    count++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    count: () => count,
    open: () => sockets.size,
    destroyAll: () => {
      for (const socket of sockets) socket.destroy();
    },
  };
}

/** An HTTP server on loopback. */
export async function startHttpServer(
  handler: http.RequestListener,
): Promise<LoopbackServer & { server: http.Server }> {
  const server = http.createServer(handler);
  const sockets = track(server);
  const port = await listen(server);
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    port,
    connectionCount: sockets.count,
    openConnectionCount: sockets.open,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.destroyAll();
        server.close(() => resolve());
      }),
  };
}

/**
 * A WebSocket server on loopback (any path upgrades; `GET /health` answers 200 over plain HTTP);
 * `close` terminates its sockets.
 * @example const server = await startWsServer((socket) => socket.on('message', (data) => socket.send(data)));
 */
export async function startWsServer(
  onConnection: (socket: WebSocket, request: http.IncomingMessage) => void,
  options: Omit<ServerOptions, 'server' | 'port' | 'host' | 'noServer'> = {},
): Promise<LoopbackServer & { wss: WebSocketServer }> {
  const plain = await startHttpServer((req, res) => {
    res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'text/plain' });
    res.end(req.url === '/health' ? 'ok' : 'not found');
  });
  const wss = new WebSocketServer({ ...options, server: plain.server });
  wss.on('connection', onConnection);
  return {
    ...plain,
    wss,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await plain.close();
    },
  };
}

/** A raw TCP server on loopback, for servers that do not speak proper HTTP. */
export async function startTcpServer(onSocket: (socket: net.Socket) => void): Promise<LoopbackServer> {
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    onSocket(socket);
  });
  const sockets = track(server);
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connectionCount: sockets.count,
    openConnectionCount: sockets.open,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.destroyAll();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port that nothing listens on (bound, then released). */
export async function findClosedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Reads a request body as text. */
export async function readRequestBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Answers JSON. */
export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: http.OutgoingHttpHeaders = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
