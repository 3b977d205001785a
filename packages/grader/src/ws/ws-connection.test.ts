import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type WebSocket from 'ws';
import { type LoopbackServer, startWsServer } from '../testing/loopback-server';
import type { WsConnection, WsMessage } from './types';
import { renderWebsocat } from './websocat';
import { createWsClient, MAX_OPEN_CONNECTIONS } from './ws-client';
import { WsError } from './ws-error';

async function wsRejection(promise: Promise<unknown>): Promise<WsError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof WsError, `expected a WsError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a WsError');
}

/** Polls `condition` every 10 ms until it holds, failing with `message` after `timeoutMs`. */
async function eventually(condition: () => boolean, message: string, timeoutMs = 5_000): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) assert.fail(message);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Collects every frame a connection receives, through `onMessage`. */
function collect(conn: WsConnection): WsMessage[] {
  const seen: WsMessage[] = [];
  conn.onMessage((message) => seen.push(message));
  return seen;
}

const BULK_FRAME_BYTES = 60 * 1024;

/**
 * The server side, by path: `/burst?n=N` sends N small frames on any message, `/big` a 200 KiB frame,
 * `/bulk?n=N` N frames of 60 KiB, `/ping` pings on any message, `/close` closes with 4001 "bye".
 */
function serve(socket: WebSocket, url: string): void {
  const { pathname, searchParams } = new URL(url, 'http://x');
  const n = Number(searchParams.get('n') ?? 0);
  socket.on('message', () => {
    if (pathname === '/burst') for (let i = 0; i < n; i++) socket.send(JSON.stringify({ i }));
    else if (pathname === '/big') socket.send('x'.repeat(200 * 1024));
    else if (pathname === '/bulk') for (let i = 0; i < n; i++) socket.send(Buffer.alloc(BULK_FRAME_BYTES, 1));
    else if (pathname === '/ping') socket.ping(Buffer.from('hello'));
    else if (pathname === '/close') socket.close(4001, 'bye');
  });
}

describe('WebSocket connection', () => {
  let server: LoopbackServer & { wss: import('ws').WebSocketServer };
  let baseUrl: string;
  /** The server's end of the latest connection, and the pongs it got. */
  let latest: { socket: WebSocket; pongs: string[] } | undefined;

  before(async () => {
    server = await startWsServer((socket, request) => {
      const pongs: string[] = [];
      socket.on('pong', (data) => pongs.push(data.toString()));
      latest = { socket, pongs };
      serve(socket, request.url ?? '/');
    });
    baseUrl = server.url;
  });
  after(() => server.close());

  it('answers the server’s pings by default and counts them', async () => {
    const ws = createWsClient({ baseUrl });
    const conn = await ws.connect('/ping');
    conn.send('ping me');
    await conn.waitForPing({ description: 'a ping', timeoutMs: 2_000 });
    await eventually(() => latest?.pongs.length === 1, 'the server never got its pong');
    assert.deepEqual(latest?.pongs, ['hello']);
    assert.equal(conn.pingsReceived, 1);
    await ws.closeAll();
  });

  it('with autoPong: false, reads the pings but never answers them', async () => {
    const ws = createWsClient({ baseUrl });
    const conn = await ws.connect('/ping', { autoPong: false });
    conn.send('ping me');
    conn.send('ping me');
    await conn.waitForPing({ description: 'a ping', timeoutMs: 2_000 });
    await eventually(() => conn.pingsReceived === 2, 'the second ping never arrived');
    // an echo round trip after the pings: a pong, had one been sent, would have arrived before it
    const server = latest;
    await conn.ping({ description: 'a pong', timeoutMs: 2_000 });
    assert.deepEqual(server?.pongs, []);
    assert.equal(conn.isOpen, true);
    await ws.closeAll();
  });

  it('waitForPing counts a ping that came before the call, and each ping once', async () => {
    const ws = createWsClient({ baseUrl });
    const conn = await ws.connect('/ping');
    conn.send('ping me');
    await eventually(() => conn.pingsReceived === 1, 'no ping arrived');
    await conn.waitForPing({ description: 'a ping', timeoutMs: 2_000 });
    const error = await wsRejection(conn.waitForPing({ description: 'another ping', timeoutMs: 200 }));
    assert.equal(error.kind, 'timeout');
    assert.equal(error.message, 'no ping within 200 ms');
    conn.send('ping me');
    await conn.waitForPing({ description: 'another ping', timeoutMs: 2_000 });
    await ws.closeAll();
  });

  it('ping resolves on the server’s pong', async () => {
    const ws = createWsClient({ baseUrl });
    const conn = await ws.connect('/burst');
    await conn.ping({ description: 'a pong', timeoutMs: 2_000 });
    await conn.ping({ description: 'a second pong', timeoutMs: 2_000 });
    assert.match(conn.renderTranscript(), /→ \[ping\][\s\S]*← \[pong\]/);
    await ws.closeAll();
  });

  it('ping fails as closed when the connection closes before the pong', async () => {
    const ws = createWsClient({ baseUrl });
    const conn = await ws.connect('/close');
    conn.send('close now');
    await conn.waitForClose({ description: 'the close' });
    const error = await wsRejection(conn.ping({ description: 'a pong', timeoutMs: 2_000 }));
    assert.equal(error.kind, 'closed');
    assert.equal(error.message, 'the connection closed (code 4001) before a pong arrived');
    assert.deepEqual(conn.closed, { code: 4001, reason: 'bye' });
    assert.equal(conn.isOpen, false);
  });

  it('counting mode sees every frame through onMessage, keeps none, and has no flood limit', async () => {
    const ws = createWsClient({ baseUrl });
    const conn = await ws.connect('/burst?n=3000', { keepMessages: false });
    const seen = collect(conn);
    conn.send('go');
    await eventually(() => seen.length === 3000, `only ${seen.length} of 3000 frames arrived`);
    assert.deepEqual(seen.at(-1)?.json(), { i: 2999 });
    assert.equal(conn.messages.length, 0);
    assert.equal(conn.isOpen, true, 'more than 2,000 frames is no flood in counting mode');
    assert.ok(conn.transcript.length <= 101, `the transcript kept ${conn.transcript.length} lines`);
    assert.match(conn.renderTranscript(), /… 2901 lines left out …/);
    assert.throws(() => conn.waitFor(() => true, { description: 'anything' }), {
      name: 'TypeError',
      message: /keepMessages: false.*use onMessage/,
    });
    await ws.closeAll();
  });

  it('counting mode still closes on a frame larger than maxPayload (1009)', async () => {
    const ws = createWsClient({ baseUrl });
    const conn = await ws.connect('/big', { keepMessages: false });
    const atServer = new Promise<number>((resolve) => latest?.socket.once('close', resolve));
    const seen = collect(conn);
    conn.send('go');
    const closed = await conn.waitForClose({ description: 'the close', timeoutMs: 2_000 });
    assert.equal(closed.code, 1009);
    assert.equal(await atServer, 1009, 'the server was told why');
    assert.equal(seen.length, 0);
    const error = await wsRejection(conn.ping({ description: 'a pong' }));
    assert.match(error.message, /larger than the 64 KiB limit, so the grader closed the connection/);
  });

  it('onMessage returns its unsubscribe, and a listener that throws fails the next wait', async () => {
    const ws = createWsClient({ baseUrl });
    const conn = await ws.connect('/burst?n=1');
    const seen = collect(conn);
    const stop = conn.onMessage(() => {
      throw new Error('listener bug');
    });
    conn.send('go');
    await assert.rejects(
      conn.waitFor(() => true, { description: 'a frame' }),
      /listener bug/,
    );
    stop();
    conn.send('go');
    await eventually(() => seen.length === 2, 'the second frame never arrived');
    assert.equal(conn.messages.length, 2);
    await ws.closeAll();
  });

  it('pause lets the server’s send buffer back up, and resume drains it', async () => {
    const frames = 400; // 24 MB: more than loopback's socket buffers hold
    const ws = createWsClient({ baseUrl });
    const conn = await ws.connect(`/bulk?n=${frames}`, { keepMessages: false });
    const sender = latest?.socket as WebSocket;
    const seen = collect(conn);
    conn.pause();
    conn.send('go');
    await eventually(() => sender.bufferedAmount > 0, 'the server never had to buffer');
    // the kernel's buffers fill and stay full while the grader reads nothing
    const buffered = sender.bufferedAmount;
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(sender.bufferedAmount >= buffered, 'the server drained while the grader was paused');
    assert.ok(seen.length < frames, 'every frame arrived while paused');
    conn.resume();
    await eventually(
      () => seen.length === frames,
      `only ${seen.length} of ${frames} frames after resume`,
      20_000,
    );
    assert.equal(sender.bufferedAmount, 0);
    assert.match(conn.renderTranscript(), /the grader stopped reading[\s\S]*the grader reads again/);
    await ws.closeAll();
  });

  it('record() keeps the first 50 and last 49 frames, says how many went between, and has a websocat command', async () => {
    const ws = createWsClient({ baseUrl });
    const conn = await ws.connect('/burst?n=300&token=a$b', {
      headers: { Origin: 'http://localhost:3000', 'X-Note': "it's $HOME `x`" },
      protocols: ['chat.v1'],
    });
    const seen = collect(conn);
    conn.send('go');
    await eventually(() => seen.length === 300, 'not every frame arrived');
    const exchange = conn.record();
    const frames = exchange.frames ?? [];
    assert.equal(frames.length, 100);
    assert.equal(frames[0]?.text, 'go');
    assert.deepEqual(frames[50], {
      direction: 'event',
      atMs: frames[50]?.atMs,
      text: '… 202 lines left out …',
    });
    assert.equal(frames.at(-1)?.text, '{"i":299}');
    assert.match(exchange.response?.bodyExcerpt ?? '', /^\d+ ms → go/);
    assert.equal(
      exchange.websocat,
      `websocat -H 'origin: http://localhost:3000' -H 'x-note: it'\\''s $HOME \`x\`' --protocol 'chat.v1' 'ws://127.0.0.1:${server.port}/burst?n=300&token=a$b'`,
    );
    await ws.closeAll();
  });

  it(`holds at most ${MAX_OPEN_CONNECTIONS} connections open, and a closed one frees its place`, async () => {
    const ws = createWsClient({ baseUrl });
    const conns = await Promise.all(Array.from({ length: MAX_OPEN_CONNECTIONS }, () => ws.connect('/burst')));
    await assert.rejects(ws.connect('/burst'), {
      name: 'RangeError',
      message: /at most 256 WebSockets open at once/,
    });
    await conns[0]?.close();
    const another = await ws.connect('/burst');
    assert.equal(another.isOpen, true);
    await ws.closeAll();
    assert.equal(ws.openCount, 0);
    await eventually(() => server.wss.clients.size === 0, 'closeAll left connections open at the server');
  });
});

describe('websocat command', () => {
  it('pastes into a shell as exactly the arguments meant, whatever the header holds', () => {
    const headers = { authorization: "Bearer a'b", 'x-ctl': 'tab\there', cookie: 'a=$(rm -rf ~); b=`id`' };
    const url = "ws://127.0.0.1:8080/ws?token=a'b&c=$x";
    const command = renderWebsocat({ url, headers, protocols: ['v1', 'v2'] });
    // replace websocat with printf, and let bash say what arguments it would have passed
    const shown = spawnSync('bash', ['-c', `printf '%s\\n' ${command.slice('websocat '.length)}`], {
      encoding: 'utf8',
    });
    assert.equal(shown.status, 0, shown.stderr);
    assert.deepEqual(shown.stdout.split('\n').slice(0, -1), [
      '-H',
      "authorization: Bearer a'b",
      '-H',
      'x-ctl: tab\there',
      '-H',
      'cookie: a=$(rm -rf ~); b=`id`',
      '--protocol',
      'v1, v2',
      url,
    ]);
  });

  it('leaves out the handshake headers websocat sends itself', () => {
    const command = renderWebsocat({
      url: 'ws://localhost/ws',
      headers: {
        'sec-websocket-key': 'abc',
        upgrade: 'websocket',
        connection: 'Upgrade',
        origin: 'http://a',
      },
    });
    assert.equal(command, `websocat -H 'origin: http://a' 'ws://localhost/ws'`);
  });
});
