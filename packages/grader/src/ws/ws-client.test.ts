import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { WebSocketServer } from 'ws';
import { startHttpServer, startTcpServer } from '../testing/loopback-server';
import { createWsClient } from './ws-client';
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

describe('WebSocket client', () => {
  let wss: WebSocketServer;
  let baseUrl: string;

  before(async () => {
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: true });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    baseUrl = `http://127.0.0.1:${(wss.address() as AddressInfo).port}`;
    wss.on('connection', (socket, request) => {
      socket.on('message', (data) => {
        const text = data.toString();
        if (request.url === '/chat') {
          socket.send(JSON.stringify({ type: 'noise' }));
          socket.send(JSON.stringify({ type: 'echo', text }));
        } else if (request.url === '/huge') {
          socket.send('x'.repeat(200 * 1024));
        } else if (request.url === '/flood') {
          for (let i = 0; i < 5_000; i++) socket.send('flood');
        }
      });
    });
  });
  after(async () => {
    for (const client of wss.clients) client.terminate();
    await new Promise((resolve) => wss.close(resolve));
  });

  it('waits for the first message matching a predicate, skipping others', async () => {
    const ws = createWsClient({ baseUrl });
    const conn = await ws.connect('/chat');
    conn.send({ hello: 'there' });
    const echo = await conn.waitFor((m) => m.json<{ type: string }>()?.type === 'echo', {
      description: 'an echo',
    });
    assert.deepEqual(echo.json(), { type: 'echo', text: '{"hello":"there"}' });
    assert.match(
      conn.renderTranscript(),
      /→ \{"hello":"there"\}[\s\S]*← \{"type":"noise"\}[\s\S]*← \{"type":"echo"/,
    );
    await ws.closeAll();
  });

  it('offers no compression even when the server supports it', async () => {
    const ws = createWsClient({ baseUrl });
    const conn = await ws.connect('/chat');
    const [server] = [...wss.clients].slice(-1);
    assert.equal(server?.extensions, '');
    assert.ok(conn.url.startsWith('ws://127.0.0.1:'));
    await ws.closeAll();
  });

  it('fails a wait at its deadline with the transcript in the failure', async () => {
    const ws = createWsClient({ baseUrl });
    const conn = await ws.connect('/chat');
    conn.send('ping');
    const error = await wsRejection(
      conn.waitFor(() => false, { description: 'a "joined" message', timeoutMs: 200 }),
    );
    await ws.closeAll();
    assert.equal(error.kind, 'timeout');
    const failure = error.toFailure();
    assert.equal(failure.expected, 'a "joined" message');
    assert.match(failure.actual, /no a "joined" message within 200 ms|within 200 ms/);
    assert.match(failure.exchange?.response?.bodyExcerpt ?? '', /→ ping/);
    assert.match(failure.exchange?.curl ?? '', /upgrade: websocket/);
  });

  it('closes on a message larger than maxPayload instead of buffering it', async () => {
    const ws = createWsClient({ baseUrl });
    const conn = await ws.connect('/huge');
    conn.send('go');
    const error = await wsRejection(
      conn.waitFor(() => true, { description: 'any message', timeoutMs: 2_000 }),
    );
    await ws.closeAll();
    assert.equal(error.kind, 'closed');
    assert.match(error.message, /larger than the 64 KiB limit/);
  });

  it('stops a message flood at its own bound', async () => {
    const ws = createWsClient({ baseUrl });
    const conn = await ws.connect('/flood');
    conn.send('go');
    const error = await wsRejection(
      conn.waitFor(() => false, { description: 'a real message', timeoutMs: 3_000 }),
    );
    await ws.closeAll();
    assert.equal(error.kind, 'closed');
    assert.ok(conn.messages.length <= 2_000);
    const notes = conn.transcript.filter((entry) => /the grader closed the connection/.test(entry.text));
    assert.equal(
      notes.length,
      1,
      'the frames still arriving after the cut are dropped, not noted one by one',
    );
    assert.match(error.message, /more than 2000 messages or 8 MiB, so the grader closed the connection/);
  });
});

describe('WebSocket handshake', () => {
  it('ends the handshake at its deadline and drops the socket when the server never upgrades', async () => {
    let closedByClient = false;
    const silent = await startTcpServer((socket) => {
      socket.resume(); // read, so the client's FIN is seen
      socket.on('close', () => {
        closedByClient = true;
      });
    });
    const ws = createWsClient({ baseUrl: silent.url, handshakeTimeoutMs: 300 });
    const error = await wsRejection(ws.connect('/chat'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await silent.close();
    assert.equal(error.kind, 'handshake-timeout');
    assert.match(error.message, /did not finish within 300 ms/);
    assert.equal(closedByClient, true);
  });

  it('ends the handshake at its deadline when the server trickles its response', async () => {
    const trickle = await startTcpServer((socket) => {
      socket.write('HTTP/1.1 101 Switching Protocols\r\n');
      const timer = setInterval(() => socket.write('x-slow: 1\r\n'), 50);
      socket.on('close', () => clearInterval(timer));
    });
    const ws = createWsClient({ baseUrl: trickle.url, handshakeTimeoutMs: 300 });
    const error = await wsRejection(ws.connect('/'));
    await trickle.close();
    assert.equal(error.kind, 'handshake-timeout');
  });

  it('reports a plain HTTP answer as a refused upgrade, with its status', async () => {
    const plain = await startHttpServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('no websockets here');
    });
    const ws = createWsClient({ baseUrl: plain.url });
    const error = await wsRejection(ws.connect('/chat'));
    await plain.close();
    assert.equal(error.kind, 'handshake-refused');
    assert.equal(error.exchange.response?.status, 404);
    assert.match(error.toFailure().hint ?? '', /answered 404 instead of 101/);
  });
});
