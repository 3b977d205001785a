import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { defineCheck, defineStage, defineSuite } from '../authoring/define';
import { pass } from '../authoring/verdict';
import { runFanOut } from '../load/fan-out';
import { runSuite } from '../runner/run-suite';
import type { WsMessage } from '../ws/types';
import { createWsClient } from '../ws/ws-client';
import {
  NOISY_RELAY_ROOM,
  startWsFlood,
  startWsHugeFrame,
  startWsHundredMegabyteFrame,
  startWsNeverPonging,
  startWsNeverUpgrading,
  startWsNoisyRelay,
  startWsTricklingHandshake,
} from './fixtures';
import {
  assertHostileBounds,
  assertOneSentence,
  gradeAgainst,
  HOSTILE_DEADLINES,
  warmUpGrader,
} from './hostile-run';

/** What a chat check does: open a WebSocket and wait for the server's greeting. */
const awaitsWelcome = defineCheck({
  id: 'awaits-welcome',
  title: 'A WebSocket at /ws greets a new client',
  topic: 'websockets',
  async run(ctx) {
    // The check's own bounds sit inside the stage deadline, as a project's checks do.
    const conn = await ctx.ws.connect('/ws', { handshakeTimeoutMs: HOSTILE_DEADLINES.requestTimeoutMs });
    await conn.waitFor((message) => message.json<{ type?: string }>()?.type === 'welcome', {
      description: 'a "welcome" message',
      timeoutMs: HOSTILE_DEADLINES.requestTimeoutMs,
    });
    return pass();
  },
});

describe('hostile WebSocket servers, graded through runSuite', () => {
  before(warmUpGrader);

  it('a server that never upgrades', async (t) => {
    const measured = await gradeAgainst(t, startWsNeverUpgrading, awaitsWelcome);
    assertHostileBounds(
      measured,
      /^Opening a WebSocket at \/ws failed: the WebSocket handshake did not finish within 1 s\.$/,
    );
  });

  it('a server that trickles its handshake response, a byte a second', async (t) => {
    const measured = await gradeAgainst(t, startWsTricklingHandshake, awaitsWelcome);
    assertHostileBounds(measured, /the WebSocket handshake did not finish within 1 s/);
  });

  it('a server that floods small frames', async (t) => {
    const measured = await gradeAgainst(t, startWsFlood, awaitsWelcome);
    assertHostileBounds(
      measured,
      /^The WebSocket at \/ws did not deliver a "welcome" message: the server sent more than 2000 messages or 8 MiB, so the grader closed the connection before a "welcome" message arrived\.$/,
    );
  });

  it('a server that sends one frame larger than the message limit', async (t) => {
    const measured = await gradeAgainst(t, startWsHugeFrame, awaitsWelcome);
    assertHostileBounds(
      measured,
      /^The WebSocket at \/ws did not deliver a "welcome" message: the server sent a message larger than the 64 KiB limit, so the grader closed the connection before a "welcome" message arrived\.$/,
    );
  });
});

describe('hostile WebSocket servers: a real 100 MB frame, no pongs, a noisy room', () => {
  before(warmUpGrader);

  it('a server that sends one real 100 MB frame', async (t) => {
    let fixture: Awaited<ReturnType<typeof startWsHundredMegabyteFrame>> | undefined;
    const measured = await gradeAgainst(
      t,
      async () => {
        fixture = await startWsHundredMegabyteFrame();
        return fixture;
      },
      awaitsWelcome,
    );
    assertHostileBounds(
      measured,
      /^The WebSocket at \/ws did not deliver a "welcome" message: the server sent a message larger than the 64 KiB limit, so the grader closed the connection before a "welcome" message arrived\.$/,
    );
    assert.deepEqual(fixture?.closeCodes, [1009], 'the grader closed with 1009, message too big');
  });

  it('a server that never answers a ping: that check fails, and the run goes on', async () => {
    const server = await startWsNeverPonging();
    try {
      const answersPings = defineCheck({
        id: 'answers-pings',
        title: "The server answers the client's ping",
        topic: 'websockets',
        async run(ctx) {
          const conn = await ctx.ws.connect('/ws');
          await conn.ping({
            description: 'a pong from the server',
            timeoutMs: HOSTILE_DEADLINES.requestTimeoutMs,
          });
          return pass();
        },
      });
      const suite = defineSuite({
        project: { slug: 'hostile', title: 'Hostile servers' },
        readinessPath: '/health',
        stages: [
          defineStage({
            id: 'liveness',
            title: 'Pings',
            difficulty: 'beginner',
            topics: ['websockets'],
            checks: [answersPings, awaitsWelcome],
          }),
        ],
      });
      const report = await runSuite(suite, {
        target: server.url,
        seed: 1,
        requestTimeoutMs: HOSTILE_DEADLINES.requestTimeoutMs,
        stageTimeoutMs: 5_000,
        runTimeoutMs: 6_000,
      }).report;
      const [pinged, welcomed] = report.stages[0]?.checks ?? [];
      if (pinged?.outcome.status !== 'fail')
        assert.fail(`expected a failure, got ${JSON.stringify(pinged?.outcome)}`);
      assert.equal(
        pinged.outcome.hint,
        'The WebSocket at /ws did not deliver a pong from the server: no pong within 1 s.',
      );
      assertOneSentence(pinged.outcome.hint);
      assert.match(pinged.outcome.exchange?.websocat ?? '', /^websocat 'ws:\/\/127\.0\.0\.1:\d+\/ws'$/);
      assert.equal(welcomed?.outcome.status, 'pass', 'the next check still ran against the same server');
    } finally {
      await server.close();
    }
  });

  it('a fan-out target that mixes other rooms and garbage into the traffic', async () => {
    const server = await startWsNoisyRelay();
    const ws = createWsClient({ baseUrl: server.url });
    try {
      const sender = await ws.connect('/send');
      const receivers = [];
      for (let r = 0; r < 4; r++) receivers.push(await ws.connect('/recv', { keepMessages: false }));
      const result = await runFanOut({
        sender,
        receivers,
        ratePerSecond: 200,
        durationMs: 250,
        settleMs: 5_000,
        message: (i) => ({ room: NOISY_RELAY_ROOM, i }),
        identify(message: WsMessage) {
          const frame = message.json<{ room?: unknown; i?: unknown }>();
          return frame?.room === NOISY_RELAY_ROOM && typeof frame.i === 'number' ? frame.i : undefined;
        },
      });
      assert.equal(result.sent, 50);
      assert.equal(result.delivered, 200);
      assert.equal(result.missing, 0);
      assert.equal(result.duplicates, 0, 'the same index in another room is not a duplicate');
      assert.equal(result.closedReceivers, 0);
    } finally {
      await ws.closeAll();
      await server.close();
    }
  });
});
