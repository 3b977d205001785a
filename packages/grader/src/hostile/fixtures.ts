import { createHash } from 'node:crypto';
import type http from 'node:http';
import type net from 'node:net';
import { gzipSync } from 'node:zlib';
import type WebSocket from 'ws';
import {
  type LoopbackServer,
  startHttpServer,
  startTcpServer,
  startWsServer,
} from '../testing/loopback-server';

/**
 * Hostile servers on 127.0.0.1, one misbehaviour each. Every fixture but `startSilentServer` answers
 * `GET /health` properly, so the grader's readiness probe passes and the misbehaviour meets a check.
 */

/** How often a trickling fixture sends its next byte: often enough to defeat idle timers. */
const TRICKLE_INTERVAL_MS = 100;
/** The WebSocket handshake trickles slower still, one byte a second, as a slowloris server would. */
const HANDSHAKE_TRICKLE_INTERVAL_MS = 1_000;
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'; // RFC 6455, section 1.3

export const METADATA_URL = 'http://169.254.169.254/latest/meta-data/';
/** What the gzip bomb expands to: far past the 100 MB the grader may grow by. */
export const GZIP_BOMB_EXPANDED_BYTES = 200 * 1024 * 1024;
/** The one frame `startWsHundredMegabyteFrame` sends. */
export const HUNDRED_MEGABYTES = 100 * 1024 * 1024;
/** The room the noisy relay's real traffic is in; the noise is in others, or in no room at all. */
export const NOISY_RELAY_ROOM = 'lobby';

export interface RequestHead {
  method: string;
  path: string;
  /** Lower-case names. */
  headers: Record<string, string>;
}

/** Accepts TCP and never sends a byte, not even to the readiness probe. */
export function startSilentServer(): Promise<LoopbackServer> {
  return startTcpServer((socket) => socket.resume());
}

/**
 * Answers its first request (the readiness probe) with 200, then accepts connections and reads
 * requests without ever answering again: a server that hung after starting.
 */
export function startGoesSilent(): Promise<LoopbackServer> {
  let hasAnswered = false;
  return startTcpServer((socket) => {
    socket.once('data', () => {
      socket.resume();
      if (hasAnswered) return;
      hasAnswered = true;
      socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok');
    });
  });
}

/**
 * A raw TCP server that reads each request head, answers `GET /health` and hands every other
 * request to `misbehave` with the socket, to write whatever a broken server would.
 */
export function startRawHttpFixture(
  misbehave: (socket: net.Socket, head: RequestHead) => void,
): Promise<LoopbackServer> {
  return startTcpServer((socket) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1) return;
      socket.off('data', onData);
      socket.resume(); // discard whatever else arrives: nothing is kept
      const head = parseHead(buffered.slice(0, end));
      if (head.path === '/health') {
        socket.end(
          'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok',
        );
        return;
      }
      misbehave(socket, head);
    };
    socket.on('data', onData);
  });
}

/** A node:http server that answers `GET /health` and hands every other request to `misbehave`. */
export function startHttpFixture(misbehave: http.RequestListener): Promise<LoopbackServer> {
  return startHttpServer((req, res) => {
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    misbehave(req, res);
  });
}

/** Reads the request and never answers it. */
export function startNeverAnswering(): Promise<LoopbackServer> {
  return startRawHttpFixture(() => {});
}

/** Sends a status line, then an endless header one byte at a time. */
export function startTricklingHeaders(): Promise<LoopbackServer> {
  return startRawHttpFixture((socket) => {
    socket.write('HTTP/1.1 200 OK\r\n');
    trickle(socket, 'x-slow: 1\r\n', TRICKLE_INTERVAL_MS);
  });
}

/** Sends the status and headers at once, then the body one byte at a time, forever. */
export function startTricklingBody(): Promise<LoopbackServer> {
  return startHttpFixture((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{');
    const timer = setInterval(() => res.write(' '), TRICKLE_INTERVAL_MS);
    res.on('close', () => clearInterval(timer));
  });
}

/** Streams a chunked body as fast as the grader reads it, and never ends it. */
export function startEndlessBody(): Promise<LoopbackServer> {
  return startHttpFixture((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    pump(res, Buffer.alloc(64 * 1024, ' '));
  });
}

/**
 * Answers JSON compressed with gzip although the request did not ask for it: 200 KiB on the wire
 * that expands to 200 MiB. Concatenated gzip members are one valid gzip stream, so one 10 MiB member
 * repeated makes the bomb without compressing 200 MiB.
 */
export function startGzipBomb(): Promise<LoopbackServer & { body: Buffer }> {
  const memberBytes = 10 * 1024 * 1024;
  const member = gzipSync(Buffer.alloc(memberBytes, ' '));
  const body = Buffer.concat([
    gzipSync('{"padding":"'),
    ...Array.from({ length: GZIP_BOMB_EXPANDED_BYTES / memberBytes }, () => member),
    gzipSync('"}'),
  ]);
  return startHttpFixture((_req, res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'content-length': body.length,
    });
    res.end(body);
  }).then((server) => ({ ...server, body }));
}

/** Sends 5,000 headers (about 150 KiB of them) before an empty body. */
export function startThousandsOfHeaders(): Promise<LoopbackServer> {
  const headers = Array.from({ length: 5_000 }, (_, i) => `x-header-${i}: ${'v'.repeat(16)}\r\n`).join('');
  return startRawHttpFixture((socket) => {
    socket.end(`HTTP/1.1 200 OK\r\n${headers}content-length: 0\r\n\r\n`);
  });
}

/** `/hop/a` redirects to `/hop/b` and `/hop/b` back to `/hop/a`, promptly, forever. */
export function startRedirectLoop(): Promise<LoopbackServer> {
  return startHttpFixture((req, res) => {
    res.writeHead(302, { location: req.url === '/hop/a' ? '/hop/b' : '/hop/a', 'content-length': 0 });
    res.end();
  });
}

/** Redirects every request to the cloud metadata service. */
export function startMetadataRedirect(): Promise<LoopbackServer> {
  return startHttpFixture((_req, res) => {
    res.writeHead(302, { location: METADATA_URL, 'content-length': 0 });
    res.end();
  });
}

/** Answers with something that is not HTTP at all (what an SSH server on the port would say). */
export function startInvalidHttp(): Promise<LoopbackServer> {
  return startRawHttpFixture((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\nProtocol mismatch.\r\n'));
}

/** Promises 64 KiB, sends 1 KiB, then resets the connection (TCP RST, not a polite close). */
export function startResetMidBody(): Promise<LoopbackServer> {
  return startHttpFixture((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': 64 * 1024 });
    res.write(Buffer.alloc(1024, ' '), () => res.socket?.resetAndDestroy());
  });
}

/** Reads the WebSocket handshake and never answers it. */
export function startWsNeverUpgrading(): Promise<LoopbackServer> {
  return startRawHttpFixture(() => {});
}

/** Sends a correct 101 handshake response, one byte a second. */
export function startWsTricklingHandshake(): Promise<LoopbackServer> {
  return startRawHttpFixture((socket, head) => {
    trickleOnce(socket, upgradeResponse(head), HANDSHAKE_TRICKLE_INTERVAL_MS);
  });
}

/** Upgrades, then sends one-byte text frames as fast as the grader reads them, forever. */
export function startWsFlood(): Promise<LoopbackServer> {
  const frame = Buffer.from([0x81, 0x01, 0x78]); // FIN + text, unmasked, 1 byte: "x"
  const burst = Buffer.concat(Array.from({ length: 20_000 }, () => frame));
  return startRawHttpFixture((socket, head) => {
    socket.write(upgradeResponse(head));
    pump(socket, burst);
  });
}

/** Upgrades, then starts a single binary frame that claims to be 1 TiB long and streams it. */
export function startWsHugeFrame(): Promise<LoopbackServer> {
  const header = Buffer.alloc(10);
  header[0] = 0x82; // FIN + binary
  header[1] = 127; // unmasked, 64-bit length follows
  header.writeBigUInt64BE(2n ** 40n, 2);
  return startRawHttpFixture((socket, head) => {
    socket.write(upgradeResponse(head));
    socket.write(header);
    pump(socket, Buffer.alloc(64 * 1024, 0));
  });
}

/**
 * Upgrades, then sends one binary frame of 100 MiB, streamed as fast as the grader reads (nothing that
 * size is held here). `closeCodes` lists the codes of the close frames the grader sent back.
 */
export function startWsHundredMegabyteFrame(): Promise<LoopbackServer & { closeCodes: number[] }> {
  const closeCodes: number[] = [];
  const header = Buffer.alloc(10);
  header[0] = 0x82; // FIN + binary
  header[1] = 127; // unmasked, 64-bit length follows
  header.writeBigUInt64BE(BigInt(HUNDRED_MEGABYTES), 2);
  return startRawHttpFixture((socket, head) => {
    socket.removeAllListeners('data');
    socket.on('data', (chunk: Buffer) => {
      const code = readCloseCode(chunk);
      if (code !== undefined) closeCodes.push(code);
    });
    socket.write(upgradeResponse(head));
    socket.write(header);
    pumpBytes(socket, Buffer.alloc(64 * 1024, 0), HUNDRED_MEGABYTES);
  }).then((server) => ({ ...server, closeCodes }));
}

/** Upgrades, sends `{"type":"welcome"}`, then reads everything and never sends another byte: no pong, ever. */
export function startWsNeverPonging(): Promise<LoopbackServer> {
  const welcome = Buffer.from('{"type":"welcome"}');
  return startRawHttpFixture((socket, head) => {
    socket.write(upgradeResponse(head));
    socket.write(Buffer.concat([Buffer.from([0x81, welcome.length]), welcome]));
  });
}

/**
 * A chat room's relay that also sends the grader what a busy real server would: frames sent on `/send`
 * go to every socket on `/recv`, each followed by the same message in another room, a message with no
 * room, text that is not JSON, JSON that is not an object, and binary bytes.
 */
export function startWsNoisyRelay(): Promise<LoopbackServer> {
  const receivers: WebSocket[] = [];
  return startWsServer((socket, request) => {
    if (request.url === '/recv') {
      receivers.push(socket);
      return;
    }
    socket.on('message', (data) => {
      const frame = data.toString();
      const sent = JSON.parse(frame) as { i: number };
      const noise = [
        JSON.stringify({ room: 'elsewhere', i: sent.i }),
        JSON.stringify({ i: sent.i }),
        `not json ${sent.i}`,
        'null',
        Buffer.from([0xff, 0x00, sent.i % 256]),
      ];
      for (const receiver of receivers) {
        receiver.send(frame);
        for (const junk of noise) receiver.send(junk);
      }
    });
  });
}

function parseHead(text: string): RequestHead {
  const [requestLine = '', ...lines] = text.split('\r\n');
  const [method = '', path = ''] = requestLine.split(' ');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { method, path, headers };
}

function upgradeResponse(head: RequestHead): string {
  const accept = createHash('sha1')
    .update(`${head.headers['sec-websocket-key'] ?? ''}${WS_GUID}`)
    .digest('base64');
  return `HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\nsec-websocket-accept: ${accept}\r\n\r\n`;
}

/** Writes `pattern` one byte per interval, over and over, until the socket closes. */
function trickle(socket: net.Socket, pattern: string, intervalMs: number): void {
  let index = 0;
  const timer = setInterval(() => socket.write(pattern.charAt(index++ % pattern.length)), intervalMs);
  socket.on('close', () => clearInterval(timer));
}

/** Writes `text` one byte per interval, once. */
function trickleOnce(socket: net.Socket, text: string, intervalMs: number): void {
  let index = 0;
  const timer = setInterval(() => {
    socket.write(text.charAt(index++));
    if (index >= text.length) clearInterval(timer);
  }, intervalMs);
  socket.on('close', () => clearInterval(timer));
}

/** The code of a (masked, client-sent) close frame at the start of `chunk`, if it is one. */
function readCloseCode(chunk: Buffer): number | undefined {
  if (chunk.length < 8 || (chunk[0] ?? 0) !== 0x88) return undefined;
  const mask = chunk.subarray(2, 6);
  return (((chunk[6] ?? 0) ^ (mask[0] ?? 0)) << 8) | ((chunk[7] ?? 0) ^ (mask[1] ?? 0));
}

/** Writes `chunk` over and over as the peer reads, until `total` bytes are out or the connection closes. */
function pumpBytes(socket: net.Socket, chunk: Buffer, total: number): void {
  let written = 0;
  const write = () => {
    while (!socket.destroyed && written < total) {
      const part = chunk.subarray(0, Math.min(chunk.length, total - written));
      written += part.length;
      if (!socket.write(part)) return;
    }
  };
  socket.on('drain', write);
  write();
}

/** Writes `chunk` whenever the peer has read the last one, until the connection closes. */
function pump(stream: net.Socket | http.ServerResponse, chunk: Buffer): void {
  const write = () => {
    while (!stream.destroyed && stream.write(chunk)) {
      // the peer keeps up: write again at once
    }
  };
  stream.on('drain', write);
  write();
}
