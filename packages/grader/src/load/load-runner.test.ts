import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHttpServer } from '../testing/loopback-server';
import { createLoadRunner } from './load-runner';

describe('load runner', () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let hits = 0;

  before(async () => {
    server = await startHttpServer((req, res) => {
      hits++;
      if (req.url === '/stall') return; // never answers
      if (req.url === '/private') {
        res.writeHead(req.headers.authorization === 'Bearer load-token' ? 200 : 401);
        res.end();
        return;
      }
      if (req.url === '/big') {
        res.end(Buffer.alloc(100 * 1024, 1));
        return;
      }
      if (req.url === '/missing') {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(302, { location: 'https://example.com/' });
      res.end();
    });
  });
  after(() => server.close());

  it('sends exactly rate × duration requests and counts every answer', async () => {
    hits = 0;
    const load = createLoadRunner({ baseUrl: server.url });
    const result = await load.run({ path: '/abc', ratePerSecond: 200, durationMs: 1_000, connections: 8 });
    assert.equal(result.sent, 200);
    assert.equal(result.completed, 200);
    assert.equal(hits, 200, 'the server saw every request exactly once');
    assert.equal(result.errorCount, 0);
    assert.deepEqual(result.statusCounts, { '302': 200 });
    assert.equal(result.stoppedBy, 'schedule');
    assert.ok(result.latencyMs.p50 > 0 && result.latencyMs.p50 <= result.latencyMs.p99);
    assert.ok(result.latencyMs.p99 <= result.latencyMs.max);
    assert.equal(typeof result.validity.isValid, 'boolean');
    assert.equal(result.validity.isValid, result.validity.reason === undefined);
  });

  it('sends the given headers with every request (a bearer token for a protected listing)', async () => {
    const load = createLoadRunner({ baseUrl: server.url });
    const result = await load.run({
      path: '/private',
      headers: { authorization: 'Bearer load-token' },
      ratePerSecond: 100,
      durationMs: 200,
    });
    assert.deepEqual(result.statusCounts, { '200': 20 });
  });

  it('stops at maxRequests', async () => {
    hits = 0;
    const load = createLoadRunner({ baseUrl: server.url });
    const result = await load.run({ path: '/abc', ratePerSecond: 200, durationMs: 1_000, maxRequests: 30 });
    assert.equal(result.sent, 30);
    assert.equal(hits, 30);
  });

  it('counts status codes as the server sent them', async () => {
    const load = createLoadRunner({ baseUrl: server.url });
    const result = await load.run({ path: '/missing', ratePerSecond: 100, durationMs: 200 });
    assert.deepEqual(result.statusCounts, { '404': 20 });
  });

  it('counts a server that never answers as timeouts, and still ends by itself', async () => {
    const load = createLoadRunner({ baseUrl: server.url });
    const result = await load.run({
      path: '/stall',
      ratePerSecond: 50,
      durationMs: 200,
      requestTimeoutMs: 300,
      connections: 4,
    });
    assert.equal(result.sent, 10);
    assert.equal(result.completed, 0);
    assert.equal(result.errors.timeout, 10);
    assert.equal(result.errorCount, 10);
  });

  it('stops the whole run when the byte budget is spent', async () => {
    const load = createLoadRunner({ baseUrl: server.url });
    const result = await load.run({
      path: '/big',
      ratePerSecond: 100,
      durationMs: 1_000,
      maxBytes: 500 * 1024,
      maxBodyBytesPerResponse: 200 * 1024,
    });
    assert.equal(result.stoppedBy, 'max-bytes');
    assert.ok(result.sent < 100, `sent ${result.sent}`);
    assert.ok((result.errors.unsent ?? 0) > 0);
  });

  it('counts an answer past the per-response cap as body-too-large and goes on', async () => {
    const load = createLoadRunner({ baseUrl: server.url });
    const result = await load.run({
      path: '/big',
      ratePerSecond: 50,
      durationMs: 200,
      maxBodyBytesPerResponse: 10 * 1024,
    });
    assert.equal(result.sent, 10);
    assert.equal(result.errors['body-too-large'], 10);
    assert.equal(result.completed, 0);
    assert.equal(result.stoppedBy, 'schedule');
  });

  it('ends at once when its caller gives up (the check deadline), counting what was cut short', async () => {
    const giveUp = new AbortController();
    const load = createLoadRunner({ baseUrl: server.url, signal: giveUp.signal });
    setTimeout(() => giveUp.abort(), 150);
    const result = await load.run({ path: '/stall', ratePerSecond: 100, durationMs: 5_000, connections: 4 });
    assert.equal(result.stoppedBy, 'aborted');
    assert.ok(result.sent > 0 && result.sent < 500, `sent ${result.sent} of the 500 planned`);
    assert.equal(result.completed, 0);
    assert.equal(result.errors.aborted, result.sent);
    assert.equal(result.errors.unsent, 500 - result.sent);
  });

  it('refuses settings past its hard bounds', async () => {
    const load = createLoadRunner({ baseUrl: server.url });
    await assert.rejects(load.run({ path: '/', ratePerSecond: 100, durationMs: 120_000 }), RangeError);
    await assert.rejects(
      load.run({ path: '/', ratePerSecond: 100, durationMs: 1_000, connections: 500 }),
      RangeError,
    );
    await assert.rejects(load.run({ path: '/', ratePerSecond: 1_000_000, durationMs: 1_000 }), RangeError);
  });

  it('reports an invalid measurement when its own event loop is blocked', async () => {
    const load = createLoadRunner({ baseUrl: server.url });
    const blocker = setInterval(() => {
      const until = performance.now() + 60;
      while (performance.now() < until) {
        // the grader's process is busy: the load runner cannot keep its schedule
      }
    }, 100);
    const result = await load.run({ path: '/abc', ratePerSecond: 100, durationMs: 600 });
    clearInterval(blocker);
    assert.equal(result.validity.isValid, false);
    assert.match(result.validity.reason ?? '', /say nothing about your server/);
  });
});
