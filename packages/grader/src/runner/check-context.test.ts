import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { GradingEvent } from '@groundwork/contracts';
import { WebSocketServer } from 'ws';
import { defineCheck, defineStage, defineSuite } from '../authoring/define';
import { expectStatus } from '../authoring/expect';
import { fail, inconclusive, pass } from '../authoring/verdict';
import type { SocketConnector } from '../policy/pinned-connect';
import { sendJson, startHttpServer } from '../testing/loopback-server';
import { runSuite } from './run-suite';

/** Everything a check reaches goes through the run's pinned, policy-checked connector. */
describe('check context wiring', () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let wss: WebSocketServer;
  const attempts: string[] = [];
  const connector: SocketConnector = ({ address, port }) => {
    attempts.push(`${address}:${port}`);
    return net.connect({ host: address, port });
  };

  before(async () => {
    server = await startHttpServer((req, res) => {
      if (req.url === '/slow') {
        setTimeout(() => sendJson(res, 200, {}), 30);
        return;
      }
      sendJson(res, 200, { ok: true });
    });
    wss = new WebSocketServer({ server: server.server });
    wss.on('connection', (socket) => socket.on('message', (data) => socket.send(`echo:${data.toString()}`)));
  });
  after(async () => {
    for (const client of wss.clients) client.terminate();
    wss.close();
    await server.close();
  });

  it('gives checks a WebSocket, a load runner, wider HTTP clients and probes, all through the pinned connector', async () => {
    const suite = defineSuite({
      project: { slug: 'wiring', title: 'Wiring' },
      stages: [
        defineStage({
          id: 'everything',
          title: 'Everything',
          difficulty: 'advanced',
          kind: 'load',
          topics: [],
          checks: [
            defineCheck({
              id: 'websocket',
              title: 'WebSocket echo',
              topic: 'websockets',
              async run(ctx) {
                const conn = await ctx.ws.connect('/');
                conn.send('hi');
                const message = await conn.waitFor((m) => m.text() === 'echo:hi', {
                  description: 'the echo',
                });
                return message.text() === 'echo:hi'
                  ? pass()
                  : fail({ expected: 'echo:hi', actual: message.text() });
              },
            }),
            defineCheck({
              id: 'load',
              title: 'Load',
              topic: 'performance',
              async run(ctx) {
                const result = await ctx.load.run({
                  path: '/',
                  ratePerSecond: 100,
                  durationMs: 200,
                  connections: 2,
                });
                if (!result.validity.isValid) return inconclusive('busy machine');
                return result.completed === 20
                  ? pass()
                  : fail({ expected: '20 completed', actual: `${result.completed}` });
              },
            }),
            defineCheck({
              id: 'concurrency',
              title: 'Concurrent requests',
              topic: 'concurrency',
              async run(ctx) {
                const wide = ctx.http.withConnections(5);
                const responses = await Promise.all(Array.from({ length: 5 }, () => wide.get('/slow')));
                return responses.every((res) => res.status === 200) && ctx.http.exchanges.length === 5
                  ? pass()
                  : fail({ expected: '5 answers', actual: String(ctx.http.exchanges.length) });
              },
            }),
            defineCheck({
              id: 'probe',
              title: 'CORS probe',
              topic: 'cors',
              run: (ctx) => ctx.probes.corsReflection({ path: '/' }),
            }),
            defineCheck({
              id: 'plain',
              title: 'Plain request',
              topic: 'http',
              run: async (ctx) => expectStatus(await ctx.http.get('/'), [200]) ?? pass(),
            }),
          ],
        }),
      ],
    });
    const events: GradingEvent[] = [];
    const run = runSuite(suite, { target: server.url, connector });
    for await (const event of run.events) events.push(event);
    const report = await run.report;
    assert.deepEqual(
      report.stages[0]?.checks.map((c) => [c.id, c.outcome.status]),
      [
        ['websocket', 'pass'],
        ['load', report.stages[0]?.checks[1]?.outcome.status === 'inconclusive' ? 'inconclusive' : 'pass'],
        ['concurrency', 'pass'],
        ['probe', 'pass'],
        ['plain', 'pass'],
      ],
    );
    assert.ok(attempts.length >= 4, `connections went through the connector (${attempts.length})`);
    assert.ok(attempts.every((a) => a === `127.0.0.1:${server.port}`));
    const metrics = events.filter((e) => e.type === 'metric').map((e) => (e.type === 'metric' ? e.name : ''));
    assert.deepEqual(metrics, ['load.latency.p50', 'load.latency.p99', 'load.rate', 'load.errors']);
  });
});
