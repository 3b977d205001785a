import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type WebSocket from 'ws';
import { startWsServer } from '../testing/loopback-server';
import type { WsMessage } from '../ws/types';
import { createWsClient } from '../ws/ws-client';
import { runFanOut } from './fan-out';
import { describeFanOutProblems, judgeLatency } from './judge';
import type { FanOutOptions } from './types';

const RECEIVERS = 5;
/** 100 messages in half a second. */
const PACE = { ratePerSecond: 200, durationMs: 500 } as const;
const SENT = 100;

/** How a relay passes message `index` on to its receivers (in the order they connected). */
type Forward = (frame: string, index: number, receivers: readonly WebSocket[]) => void;

const forwardToAll: Forward = (frame, _index, receivers) => {
  for (const receiver of receivers) receiver.send(frame);
};

/** A room: frames sent on `/send` go out to every socket on `/recv`, as `forward` decides. */
async function startRelay(forward: Forward = forwardToAll) {
  const receivers: WebSocket[] = [];
  const server = await startWsServer((socket, request) => {
    if (request.url === '/recv') {
      receivers.push(socket);
      return;
    }
    socket.on('message', (data) => {
      const text = data.toString();
      forward(text, (JSON.parse(text) as { i: number }).i, receivers);
    });
  });
  return server;
}

/** Opens a sender and RECEIVERS counting-mode receivers on the relay, and runs a fan-out over them. */
async function fanOutThrough(
  forward: Forward,
  options: Partial<FanOutOptions> = {},
  run: { signal?: AbortSignal } = {},
) {
  const relay = await startRelay(forward);
  const ws = createWsClient({ baseUrl: relay.url });
  try {
    const sender = await ws.connect('/send');
    const receivers = [];
    for (let r = 0; r < RECEIVERS; r++) receivers.push(await ws.connect('/recv', { keepMessages: false }));
    return await runFanOut(
      {
        sender,
        receivers,
        ...PACE,
        settleMs: 500,
        message: (i) => ({ i }),
        identify: (message: WsMessage) => message.json<{ i?: number }>()?.i,
        ...options,
      },
      run,
    );
  } finally {
    await ws.closeAll();
    await relay.close();
  }
}

describe('fan-out', () => {
  it('against a correct relay, every message reaches every receiver once', async () => {
    const result = await fanOutThrough(forwardToAll, { settleMs: 5_000 });
    assert.equal(result.sent, SENT);
    assert.equal(result.receivers, RECEIVERS);
    assert.equal(result.expectedDeliveries, SENT * RECEIVERS);
    assert.equal(result.delivered, SENT * RECEIVERS);
    assert.equal(result.missing, 0);
    assert.equal(result.duplicates, 0);
    assert.equal(result.closedReceivers, 0);
    assert.equal(result.stoppedBy, 'schedule');
    const { p50, p90, p99, max } = result.latencyMs;
    assert.ok(p50 > 0 && p50 <= p90 && p90 <= p99 && p99 <= max, JSON.stringify(result.latencyMs));
    assert.deepEqual(describeFanOutProblems(result), { definite: [], uncertain: [] });
    const judged = judgeLatency(result, { p50Ms: 10_000, p99Ms: 10_000 });
    assert.equal(judged, result.validity.isValid ? 'within' : 'unknown');
  });

  it('counts deliveries one receiver missed, and a message nobody got', async () => {
    const result = await fanOutThrough((frame, index, receivers) => {
      if (index === 7) return;
      for (const [r, receiver] of receivers.entries())
        if (!(r === 0 && index % 10 === 3)) receiver.send(frame);
    });
    assert.equal(result.delivered, SENT * RECEIVERS - 10 - RECEIVERS);
    assert.equal(result.missing, 10 + RECEIVERS);
    assert.equal(result.missingWhereOthersGotIt, 10);
    assert.equal(result.messagesNobodyGot, 1);
    const { definite, uncertain } = describeFanOutProblems(result);
    assert.ok(
      definite.includes('10 deliveries never arrived although other connections got the same messages'),
    );
    const lost = '1 message of 100 reached no connection at all';
    // nobody got it: the server's loss for certain only when the grader kept its schedule
    assert.ok((result.validity.isValid ? definite : uncertain).includes(lost));
  });

  it('counts a message that arrives twice at a receiver as a duplicate, not a delivery', async () => {
    const result = await fanOutThrough((frame, index, receivers) => {
      forwardToAll(frame, index, receivers);
      if (index === 5) forwardToAll(frame, index, receivers);
    });
    assert.equal(result.delivered, SENT * RECEIVERS);
    assert.equal(result.duplicates, RECEIVERS);
    assert.ok(
      describeFanOutProblems(result).definite.includes(
        '5 messages arrived twice (or more) at the same connection',
      ),
    );
  });

  it('leaves a receiver the server closed out of the deliveries, and says so', async () => {
    const result = await fanOutThrough((frame, index, receivers) => {
      if (index === 10) receivers[1]?.close(1008, 'too slow');
      for (const receiver of receivers) if (receiver.readyState === receiver.OPEN) receiver.send(frame);
    });
    assert.equal(result.closedReceivers, 1);
    assert.deepEqual(result.closeCodes, [1008]);
    assert.equal(result.expectedDeliveries, SENT * (RECEIVERS - 1));
    assert.equal(result.delivered, SENT * (RECEIVERS - 1));
    assert.equal(result.missing, 0);
    assert.deepEqual(describeFanOutProblems(result).definite, [
      '1 of the 5 receiving connections closed during the run (close code 1008)',
    ]);
  });

  it('stops early once every receiver has closed', async () => {
    const result = await fanOutThrough(
      (frame, index, receivers) => {
        if (index === 3) for (const receiver of receivers) receiver.close(1001, 'going away');
        else forwardToAll(frame, index, receivers);
      },
      { ratePerSecond: 100, durationMs: 10_000 },
    );
    assert.equal(result.stoppedBy, 'receivers-closed');
    assert.ok(result.sent < 1_000, `sent ${result.sent} of 1,000`);
    assert.equal(result.closedReceivers, RECEIVERS);
  });

  it('stops early when the check’s signal aborts', async () => {
    const controller = new AbortController();
    const result = await fanOutThrough(
      (frame, index, receivers) => {
        forwardToAll(frame, index, receivers);
        if (index === 3) controller.abort();
      },
      { ratePerSecond: 100, durationMs: 10_000 },
      { signal: controller.signal },
    );
    assert.equal(result.stoppedBy, 'aborted');
    assert.ok(result.sent < 1_000);
    assert.match(
      describeFanOutProblems(result).uncertain.join('\n'),
      /the check ran out of time after sending/,
    );
  });

  it('reports an identify that throws as the grader bug it is', async () => {
    await assert.rejects(
      fanOutThrough(forwardToAll, {
        identify: () => {
          throw new Error('identify bug');
        },
      }),
      /identify bug/,
    );
  });

  it('refuses bounds it cannot keep', async () => {
    const base = { message: () => 'x', identify: () => undefined, ...PACE };
    const fake = {} as never;
    await assert.rejects(runFanOut({ ...base, sender: fake, receivers: [] }), /from 1 to 256 receivers/);
    await assert.rejects(
      runFanOut({ ...base, sender: fake, receivers: [fake], ratePerSecond: 10_000 }),
      /ratePerSecond must be in/,
    );
  });
});
