import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let port: number;

before(async () => {
  t = await createTestApp();
  // Node's HTTP parser rejects some requests before Fastify sees them: only a real socket reaches that path
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
after(() => t.close());

/** Sends raw bytes, as a broken client would, and returns the status line, headers and parsed body. */
function sendRaw(request: string): Promise<{ head: string; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('close', () => {
      const split = answer.indexOf('\r\n\r\n');
      resolve({ head: answer.slice(0, split), body: JSON.parse(answer.slice(split + 4)) });
    });
    socket.on('error', reject);
  });
}

describe('errors raised before any route runs are problem documents too', () => {
  it('a broken percent-encoding in the URL → 400 problem, with the usual headers and request id', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/x%zz' });
    assert.equal(response.statusCode, 400);
    assert.equal(response.headers['content-type'], 'application/problem+json');
    const problem = response.json();
    assert.equal(problem.code, 'bad_request');
    assert.equal(problem.type, '/problems/bad_request');
    assert.match(problem.detail, /percent-encoding/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['x-frame-options'], 'DENY');
    assert.ok(response.headers['x-request-id'], 'the answer carries a request id');
    assert.equal(problem.requestId, response.headers['x-request-id']);
  });

  it('a request line the HTTP parser rejects → 400 problem written to the socket', async () => {
    const { head, body } = await sendRaw('NOT A REQUEST\r\n\r\n');
    assert.match(head, /^HTTP\/1\.1 400 Bad Request\r\n/);
    assert.match(head, /\r\nContent-Type: application\/problem\+json\r\n/);
    assert.match(head, /\r\nx-content-type-options: nosniff\r\n/);
    assert.equal(body.code, 'bad_request');
    assert.equal(body.type, '/problems/bad_request');
  });

  it('headers larger than Node accepts → 431 problem', async () => {
    const { head, body } = await sendRaw(
      `GET /healthz HTTP/1.1\r\nHost: x\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    assert.match(head, /^HTTP\/1\.1 431 /);
    assert.match(head, /\r\nContent-Type: application\/problem\+json\r\n/);
    assert.equal(body.code, 'headers_too_large');
  });
});
