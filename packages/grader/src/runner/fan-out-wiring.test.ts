import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { GradingEvent } from '@groundwork/contracts';
import type WebSocket from 'ws';
import { type Check, defineCheck, defineStage, defineSuite, type StageKind } from '../authoring/define';
import { fail, pass } from '../authoring/verdict';
import { type LoopbackServer, startWsServer } from '../testing/loopback-server';
import type { WsMessage } from '../ws/types';
import { runSuite } from './run-suite';

/** A check that fans 20 messages out to 3 receivers through `ctx.load.fanOut`. */
const fansOut = defineCheck({
  id: 'fan-out',
  title: 'Fan-out',
  topic: 'performance',
  async run(ctx) {
    const sender = await ctx.ws.connect('/send');
    const receivers = [];
    for (let r = 0; r < 3; r++) receivers.push(await ctx.ws.connect('/recv', { keepMessages: false }));
    const result = await ctx.load.fanOut({
      sender,
      receivers,
      ratePerSecond: 100,
      durationMs: 200,
      measurementAttempts: 1,
      message: (i) => ({ i }),
      identify: (message: WsMessage) => message.json<{ i?: number }>()?.i,
    });
    return result.delivered === 60
      ? pass()
      : fail({ expected: '60 deliveries', actual: `${result.delivered}` });
  },
});

function suiteOf(check: Check, kind?: StageKind) {
  return defineSuite({
    project: { slug: 'fan-out', title: 'Fan-out' },
    readinessPath: '/health',
    stages: [
      defineStage({
        id: 'fan-out',
        title: 'Fan-out',
        difficulty: 'advanced',
        ...(kind ? { kind } : {}),
        topics: ['performance'],
        checks: [check],
      }),
    ],
  });
}

describe('ctx.load.fanOut', () => {
  let relay: LoopbackServer & { wss: import('ws').WebSocketServer };

  before(async () => {
    const receivers = new Set<WebSocket>();
    relay = await startWsServer((socket, request) => {
      if (request.url === '/recv') {
        receivers.add(socket);
        socket.on('close', () => receivers.delete(socket));
        return;
      }
      socket.on('message', (data) => {
        for (const receiver of receivers) receiver.send(data.toString());
      });
    });
  });
  after(() => relay.close());

  it('measures a fan-out in a load stage, charts it, and closes the check’s sockets when it ends', async () => {
    const events: GradingEvent[] = [];
    const run = runSuite(suiteOf(fansOut, 'load'), { target: relay.url, seed: 1 });
    for await (const event of run.events) events.push(event);
    const report = await run.report;
    assert.equal(report.stages[0]?.checks[0]?.outcome.status, 'pass');
    const metrics = events.flatMap((event) => (event.type === 'metric' ? [event.name] : []));
    assert.deepEqual(metrics, [
      'fan-out.latency.p50',
      'fan-out.latency.p99',
      'fan-out.delivered',
      'fan-out.missing',
    ]);
    // the server hears of the last close a moment after the grader
    for (let tries = 0; relay.wss.clients.size > 0 && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.equal(relay.wss.clients.size, 0, 'every WebSocket the check opened was closed with it');
  });

  it('is a grader error in a stage not declared as a load stage', async () => {
    const report = await runSuite(suiteOf(fansOut), { target: relay.url, seed: 1 }).report;
    const outcome = report.stages[0]?.checks[0]?.outcome;
    assert.equal(outcome?.status, 'error');
    assert.match(
      outcome?.status === 'error' ? outcome.message : '',
      /runs a fan-out but is not declared with kind: 'load'/,
    );
  });
});
