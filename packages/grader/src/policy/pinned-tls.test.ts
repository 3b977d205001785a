import assert from 'node:assert/strict';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { TLSSocket } from 'node:tls';
import tls from 'node:tls';
import { WebSocketServer } from 'ws';
import { defineCheck, defineStage, defineSuite } from '../authoring/define';
import { fail, pass } from '../authoring/verdict';
import { runSuite } from '../runner/run-suite';
import { TEST_TLS_CERT, TEST_TLS_HOSTNAME, TEST_TLS_KEY } from '../testing/tls-fixture';
import type { SocketConnector } from './pinned-connect';

/** HTTPS to a pinned address: the socket goes to the IP, the name stays in SNI, Host and the certificate check. */
describe('pinned TLS connections', () => {
  let server: https.Server;
  let port: number;
  const seen: Array<{ sni: string | false | null; host: string | undefined }> = [];

  before(async () => {
    server = https.createServer({ cert: TEST_TLS_CERT, key: TEST_TLS_KEY }, (req, res) => {
      seen.push({ sni: (req.socket as TLSSocket).servername, host: req.headers.host });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    const wss = new WebSocketServer({ server });
    wss.on('connection', (socket) => socket.on('message', (data) => socket.send(`echo:${data.toString()}`)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('speaks HTTPS and WSS to the pinned address with the name kept for SNI and Host', async () => {
    const connections: string[] = [];
    // The default connector with the test certificate trusted.
    const connector: SocketConnector = ({ address, port: p, servername }) => {
      connections.push(`${address}:${p} sni=${servername}`);
      return tls.connect({
        host: address,
        port: p,
        ca: TEST_TLS_CERT,
        ALPNProtocols: ['http/1.1'],
        ...(servername ? { servername } : {}),
      });
    };
    const suite = defineSuite({
      project: { slug: 'tls', title: 'TLS' },
      stages: [
        defineStage({
          id: 'tls',
          title: 'TLS',
          difficulty: 'beginner',
          topics: [],
          checks: [
            defineCheck({
              id: 'https',
              title: 'HTTPS',
              topic: 'https',
              run: async (ctx) =>
                (await ctx.http.get('/')).json<{ ok: boolean }>()?.ok
                  ? pass()
                  : fail({ expected: 'ok', actual: 'not ok' }),
            }),
            defineCheck({
              id: 'wss',
              title: 'WSS',
              topic: 'websockets',
              async run(ctx) {
                const conn = await ctx.ws.connect('/');
                conn.send('hi');
                await conn.waitFor((m) => m.text() === 'echo:hi', { description: 'the echo' });
                return pass();
              },
            }),
          ],
        }),
      ],
    });
    const run = runSuite(suite, {
      target: `https://${TEST_TLS_HOSTNAME}:${port}`,
      policy: { mode: 'loopback-allowed', resolve: async () => [{ address: '127.0.0.1', family: 4 }] },
      connector,
    });
    const report = await run.report;
    assert.deepEqual(
      report.stages[0]?.checks.map((c) => c.outcome.status),
      ['pass', 'pass'],
    );
    assert.ok(connections.length >= 2);
    assert.ok(connections.every((c) => c === `127.0.0.1:${port} sni=${TEST_TLS_HOSTNAME}`));
    assert.ok(seen.length >= 2);
    for (const request of seen)
      assert.deepEqual(request, { sni: TEST_TLS_HOSTNAME, host: `${TEST_TLS_HOSTNAME}:${port}` });
  });
});
