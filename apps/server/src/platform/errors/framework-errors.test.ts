import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerSecurityHeaders } from '../security-headers';
import { registerErrorHandler } from './error-handler';
import { handleClientError, handleFrameworkError } from './framework-errors';

let app: FastifyInstance;
let port: number;

before(async () => {
  // the two options buildApp passes to Fastify, on an app with one route
  app = Fastify({ frameworkErrors: handleFrameworkError, clientErrorHandler: handleClientError });
  registerErrorHandler(app);
  registerSecurityHeaders(app, { isHttps: false });
  app.get('/items/:id', async () => ({ ok: true }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
after(() => app.close());

/** Sends raw bytes, as a broken client would, and returns what the server wrote back. */
function sendRaw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('errors raised before any route runs are problem documents too', () => {
  it('a broken percent-encoding in the URL → 400 problem, with the usual security headers', async () => {
    const response = await app.inject({ method: 'GET', url: '/items/%zz' });
    assert.equal(response.statusCode, 400);
    assert.equal(response.headers['content-type'], 'application/problem+json');
    assert.equal(response.json().code, 'bad_request');
    assert.match(response.json().detail, /percent-encoding/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.json().requestId, response.headers['x-request-id']);
  });

  it('a request line the HTTP parser rejects → 400 problem written to the socket', async () => {
    const answer = await sendRaw('NOT A REQUEST\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 400 Bad Request\r\n/);
    assert.match(answer, /Content-Type: application\/problem\+json/);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    assert.equal(body.code, 'bad_request');
    assert.equal(body.type, '/problems/bad_request');
  });

  it('headers larger than Node accepts → 431 problem', async () => {
    const answer = await sendRaw(`GET /items/1 HTTP/1.1\r\nHost: x\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`);
    assert.match(answer, /^HTTP\/1\.1 431 /);
    assert.equal(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).code, 'headers_too_large');
  });
});
