import { defineCheck, defineStage, fail, pass } from '@groundwork/grader';
import { connectAs, registerUser } from './chat-client';
import { TOPIC } from './topics';

/** The spec: a ping at least every 5 s, and a peer silent for 15 s dropped. Each with a second to spare. */
const PING_WITHIN_MS = 6_000;
const DROP_WITHIN_MS = 17_000;

const serverPings = defineCheck({
  id: 'server-pings',
  title: 'The server pings an idle connection at least every 5 seconds',
  topic: TOPIC.websockets,
  async run(ctx) {
    const user = await registerUser(ctx, 'an idle client waits for a ping');
    const conn = await connectAs(ctx, user);
    await conn.waitForPing({ description: 'a ping from the server', timeoutMs: PING_WITHIN_MS });
    return pass();
  },
});

const answersPings = defineCheck({
  id: 'answers-pings',
  title: "The server answers the client's ping with a pong",
  topic: TOPIC.websockets,
  async run(ctx) {
    const user = await registerUser(ctx, 'a client pings the server');
    const conn = await connectAs(ctx, user);
    await conn.ping({ description: 'a pong from the server', timeoutMs: 2_000 });
    return pass();
  },
});

const dropsDeadPeer = defineCheck({
  id: 'drops-dead-peer',
  title: 'A client that stops answering pings is dropped within 15 seconds',
  topic: TOPIC.websockets,
  timeoutMs: DROP_WITHIN_MS + 5_000,
  async run(ctx) {
    const user = await registerUser(ctx, 'a client plays dead');
    // the grader's socket stays open but never answers a ping, as a vanished phone would
    const conn = await connectAs(ctx, user, { autoPong: false });
    const closed = await conn
      .waitForClose({ description: 'the server dropping the silent connection', timeoutMs: DROP_WITHIN_MS })
      .catch(() => undefined);
    if (closed) return pass();
    return fail({
      expected: 'the connection closed by the server within 15 s of its last pong',
      actual: `still open after ${DROP_WITHIN_MS / 1000} s without a single pong`,
      hint: 'A client that vanished without closing (a phone that lost signal) keeps its socket open forever unless the server notices: drop a connection that has not answered your pings for 15 seconds.',
      exchange: conn.record(),
    });
  },
});

export const livenessStage = defineStage({
  id: 'liveness',
  title: 'Heartbeats and dead peers',
  difficulty: 'intermediate',
  needs: ['handshake'],
  topics: [TOPIC.websockets],
  checks: [serverPings, answersPings, dropsDeadPeer],
});
