import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import {
  findClosedPort,
  readRequestBody,
  sendJson,
  startHttpServer,
  startTcpServer,
} from '../testing/loopback-server';
import { createHttpClient, MAX_KEPT_EXCHANGES } from './client';
import { ExchangeError } from './exchange-error';

const SHORT_TIMEOUT_MS = 300;

async function rejection(promise: Promise<unknown>): Promise<ExchangeError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ExchangeError, `expected an ExchangeError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the exchange to fail');
}

describe('bounded HTTP client', () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  const gzipped = gzipSync(Buffer.from('{"hello":"world"}'));

  before(async () => {
    server = await startHttpServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      switch (url.pathname) {
        case '/echo':
          sendJson(res, 201, {
            method: req.method,
            body: await readRequestBody(req),
            query: url.search,
            type: req.headers['content-type'],
          });
          return;
        case '/api/links':
          sendJson(res, 200, { prefixed: true });
          return;
        case '/never':
          return; // accepts the request, never answers
        case '/trickle-body':
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.write('x');
          setInterval(() => res.write('x'), 50).unref();
          return;
        case '/huge':
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          for (let i = 0; i < 64; i++) res.write(Buffer.alloc(64 * 1024, 1)); // 4 MiB, well past the 1 MiB cap
          res.end();
          return;
        case '/endless': {
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          const chunk = Buffer.alloc(64 * 1024, 7);
          const pump = () => {
            while (res.write(chunk)) {
              // keep the socket's buffer full until the client gives up
            }
          };
          res.on('drain', pump);
          pump();
          return;
        }
        case '/redirect':
          res.writeHead(302, { location: '/elsewhere' });
          res.end();
          return;
        case '/gzip':
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
          res.end(gzipped);
          return;
        case '/reset':
          res.writeHead(200, { 'content-length': '1000' });
          res.write('partial');
          setTimeout(() => res.socket?.destroy(), 20);
          return;
        default:
          sendJson(res, 404, { error: 'not found' });
      }
    });
  });
  after(() => server.close());

  it('sends JSON, records the exchange and renders it as curl', async () => {
    const http = createHttpClient({ baseUrl: server.url });
    const res = await http.post('/echo', { json: { url: 'https://example.com' }, query: { page: 2 } });
    await http.close();
    assert.equal(res.status, 201);
    assert.deepEqual(res.json(), {
      method: 'POST',
      body: '{"url":"https://example.com"}',
      query: '?page=2',
      type: 'application/json',
    });
    assert.equal(http.exchanges.length, 1);
    assert.equal(res.exchange.response?.status, 201);
    assert.equal(res.exchange.request.bodyExcerpt, '{"url":"https://example.com"}');
    assert.equal(
      res.exchange.curl,
      `curl -i -X POST '${server.url}/echo?page=2' -H 'content-type: application/json' --data-raw '{"url":"https://example.com"}'`,
    );
  });

  it('joins paths under a base URL that has a path prefix', async () => {
    const http = createHttpClient({ baseUrl: `${server.url}/api/` });
    const res = await http.get('/links');
    await http.close();
    assert.deepEqual(res.json(), { prefixed: true });
  });

  it('ends an exchange at its deadline when the server never answers', async () => {
    const http = createHttpClient({ baseUrl: server.url, timeoutMs: SHORT_TIMEOUT_MS });
    const error = await rejection(http.get('/never'));
    await http.close();
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /no response within 300 ms/);
    assert.match(error.toFailure().hint ?? '', /GET \/never got no usable response/);
  });

  it('ends an exchange at its deadline while the body trickles forever (idle timers would not)', async () => {
    const http = createHttpClient({ baseUrl: server.url, timeoutMs: SHORT_TIMEOUT_MS });
    const error = await rejection(http.get('/trickle-body'));
    await http.close();
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /body did not finish/);
    assert.equal(error.exchange.response?.status, 200);
    assert.equal(error.exchange.response?.isBodyTruncated, true);
  });

  it('refuses a body past the size cap instead of buffering it', async () => {
    const http = createHttpClient({ baseUrl: server.url });
    const error = await rejection(http.get('/huge'));
    await http.close();
    assert.equal(error.kind, 'body-too-large');
    assert.match(error.message, /larger than the 1 MiB limit/);
    assert.ok((error.exchange.response?.bodyBytes ?? 0) <= 1024 * 1024);
  });

  it('cuts an endless body at the cap', async () => {
    const http = createHttpClient({ baseUrl: server.url, maxBodyBytes: 256 * 1024 });
    const error = await rejection(http.get('/endless'));
    await http.close();
    assert.equal(error.kind, 'body-too-large');
    assert.match(error.message, /256 KiB/);
  });

  it('does not follow redirects: the 302 itself is the answer', async () => {
    const http = createHttpClient({ baseUrl: server.url });
    const res = await http.get('/redirect');
    await http.close();
    assert.equal(res.status, 302);
    assert.equal(res.header('Location'), '/elsewhere');
  });

  it('does not decompress: the gzip bytes come back as sent', async () => {
    const http = createHttpClient({ baseUrl: server.url });
    const res = await http.get('/gzip');
    await http.close();
    assert.equal(res.header('content-encoding'), 'gzip');
    assert.deepEqual(res.body, gzipped);
    assert.equal(res.exchange.request.headers['accept-encoding'], undefined);
  });

  it('reports a reset mid-body as a closed connection', async () => {
    const http = createHttpClient({ baseUrl: server.url });
    const error = await rejection(http.get('/reset'));
    await http.close();
    assert.equal(error.kind, 'connection-reset');
  });

  it('keeps the last exchanges of a check that loops, not all of them, and counts every one', async () => {
    const http = createHttpClient({ baseUrl: server.url });
    for (let i = 0; i < MAX_KEPT_EXCHANGES + 5; i++) await http.get(`/echo?i=${i}`);
    await http.close();
    assert.equal(http.exchangeCount, MAX_KEPT_EXCHANGES + 5);
    assert.equal(http.exchanges.length, MAX_KEPT_EXCHANGES);
    assert.match(http.exchanges[0]?.url ?? '', /\?i=5$/, 'the oldest ones were let go');
  });

  it('uses one connection for a target however many requests it makes', async () => {
    const before = server.connectionCount();
    const http = createHttpClient({ baseUrl: server.url });
    await Promise.all([http.get('/echo'), http.get('/echo'), http.get('/echo'), http.get('/echo')]);
    await http.get('/echo');
    await http.close();
    assert.equal(server.connectionCount() - before, 1);
  });

  it('opens more connections only through withConnections', async () => {
    const before = server.connectionCount();
    const http = createHttpClient({ baseUrl: server.url });
    const wide = http.withConnections(4);
    await Promise.all(Array.from({ length: 8 }, () => wide.get('/echo')));
    await http.close();
    const opened = server.connectionCount() - before;
    assert.ok(opened > 1 && opened <= 4, `opened ${opened} connections`);
    assert.equal(http.exchanges.length, 8, 'exchanges of the wider client are recorded on the parent');
  });

  it('refuses absolute URLs on another origin without connecting', async () => {
    const http = createHttpClient({ baseUrl: server.url });
    const error = await rejection(http.get('http://127.0.0.2:1/'));
    await http.close();
    assert.equal(error.kind, 'refused-by-policy');
  });

  it('reports a refused connection', async () => {
    const http = createHttpClient({ baseUrl: `http://127.0.0.1:${await findClosedPort()}` });
    const error = await rejection(http.get('/'));
    await http.close();
    assert.equal(error.kind, 'connection-refused');
  });
});

describe('bounded HTTP client against servers that do not speak HTTP properly', () => {
  it('names invalid HTTP as such', async () => {
    const tcp = await startTcpServer((socket) => socket.end('HELLO THERE\r\n\r\n'));
    const http = createHttpClient({ baseUrl: tcp.url, timeoutMs: 2_000 });
    const error = await rejection(http.get('/'));
    await http.close();
    await tcp.close();
    assert.equal(error.kind, 'invalid-response');
    assert.match(
      error.message,
      /^the response is not HTTP, as it has no status line such as HTTP\/1\.1 200 OK \(parsing stopped at "ELLO THERE\\r\\n\\r\\n"\)$/,
    );
  });

  it('ends at its deadline when headers trickle in forever', async () => {
    const tcp = await startTcpServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\n');
      const timer = setInterval(() => socket.write('x-slow: 1\r\n'), 50);
      socket.on('close', () => clearInterval(timer));
    });
    const http = createHttpClient({ baseUrl: tcp.url, timeoutMs: SHORT_TIMEOUT_MS });
    const error = await rejection(http.get('/'));
    await http.close();
    await tcp.close();
    assert.equal(error.kind, 'timeout');
    assert.equal(
      error.message,
      'the server started answering, but its status line and headers did not finish within 300 ms',
      'a server that answers too slowly is not reported as one that never answered',
    );
  });

  it('fails cleanly on thousands of headers', async () => {
    const tcp = await startTcpServer((socket) => {
      const headers = Array.from({ length: 5_000 }, (_, i) => `x-h-${i}: ${'v'.repeat(20)}\r\n`).join('');
      socket.end(`HTTP/1.1 200 OK\r\n${headers}content-length: 0\r\n\r\n`);
    });
    const http = createHttpClient({ baseUrl: tcp.url, timeoutMs: 2_000 });
    const error = await rejection(http.get('/'));
    await http.close();
    await tcp.close();
    assert.equal(error.kind, 'invalid-response');
    assert.match(error.message, /headers are too large/);
  });

  it('names where a response stops being valid HTTP', async () => {
    const tcp = await startTcpServer((socket) => socket.end('HTTP/1.1 200 OK\r\nbad header\r\n\r\n'));
    const http = createHttpClient({ baseUrl: tcp.url, timeoutMs: 2_000 });
    const error = await rejection(http.get('/'));
    await http.close();
    await tcp.close();
    assert.equal(
      error.message,
      'the response is not valid HTTP/1.1 (invalid header token; parsing stopped at " header\\r\\n\\r\\n")',
    );
  });
});
