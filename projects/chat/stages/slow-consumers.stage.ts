import {
  type CheckContext,
  defineCheck,
  defineStage,
  fail,
  inconclusive,
  pass,
  sleep,
  type WsConnection,
} from '@groundwork/grader';
import {
  type ChatUser,
  connectAs,
  type Id,
  registerUsers,
  roomWith,
  say,
  subscribeUnkept,
} from './chat-client';
import { isFrame, seqOf } from './frames';
import { TOPIC } from './topics';

/**
 * 2,000 messages of about 3,990 three-byte characters (under the 4,000-character limit with the
 * number in front): about 24 MB for the stalled reader, well beyond what the kernel's socket buffers
 * absorb on loopback (8–10 MB seen), so a server that keeps buffering past its 1 MiB limit is caught.
 */
const MESSAGES = 2_000;
const TEXT = '漢'.repeat(3_990);
/** How long the reading member may take to receive them all. */
const READER_WITHIN_MS = 20_000;
/** How many messages the sender may be ahead of the reader. */
const IN_FLIGHT = 100;
const PACE_POLL_MS = 5;
/** A reader that got nothing for this long before time ran out was held up, not merely slow. */
const HELD_UP_MS = 5_000;
/** How long the stalled one, once it reads again, has to show what it was sent. */
const DRAIN_MS = 15_000;

/** Seqs of the room's messages at a connection in counting mode (nothing kept: the grader's memory stays flat). */
interface SeqCount {
  seqs: number[];
  done: Promise<void>;
  /** When the last of the room's messages arrived (performance.now()), or undefined before the first. */
  lastAt(): number | undefined;
}

function countSeqs(conn: WsConnection, roomId: Id): SeqCount {
  const seqs: number[] = [];
  let lastAt: number | undefined;
  let finish = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  conn.onMessage((message) => {
    if (!isFrame(message, 'message', roomId)) return;
    seqs.push(seqOf(message) ?? 0);
    lastAt = performance.now();
    if (seqs.length >= MESSAGES) finish();
  });
  return { seqs, done, lastAt: () => lastAt };
}

/** Whether `promise` settled within `ms` (the timer is cleared either way). */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(resolve, ms, false);
  });
  const isInTime = await Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    late,
  ]);
  clearTimeout(timer);
  return isInTime;
}

/**
 * A sender (posting, not subscribed: it need not read the stream back), a reader, and a reader that stops
 * reading. The sender posts MESSAGES large messages, never more than IN_FLIGHT ahead of the reader, so
 * neither the grader nor the server holds megabytes of them at once; the stalled member is sent all of them.
 */
async function stalledReaderScene(ctx: CheckContext) {
  const users = (await registerUsers(ctx, 3, 'one member stops reading')) as [ChatUser, ChatUser, ChatUser];
  const roomId = await roomWith(ctx, users, 'one member stops reading while the others chat');
  const [sending, reading, stalled] = (await Promise.all(
    users.map((user) => connectAs(ctx, user, { keepMessages: false })),
  )) as [WsConnection, WsConnection, WsConnection];
  const readerCount = countSeqs(reading, roomId);
  const stalledCount = countSeqs(stalled, roomId);
  for (const conn of [reading, stalled]) await subscribeUnkept(ctx, conn, roomId);
  stalled.pause();
  const endsAt = performance.now() + READER_WITHIN_MS;
  for (let n = 1; n <= MESSAGES && performance.now() < endsAt; n++) {
    say(sending, roomId, `${n} ${TEXT}`);
    while (n - readerCount.seqs.length >= IN_FLIGHT && performance.now() < endsAt) {
      await sleep(PACE_POLL_MS, ctx.signal);
    }
  }
  const readerDone = await within(readerCount.done, Math.max(0, endsAt - performance.now()));
  return {
    roomId,
    reading,
    stalled,
    readerCount,
    stalledCount,
    readerDone,
    who: users.map((user) => user.username),
  };
}

const othersUnaffected = defineCheck({
  id: 'others-unaffected',
  title: `While one member stops reading, another still receives all ${MESSAGES} messages promptly`,
  topic: TOPIC.realTimeCommunication,
  timeoutMs: 60_000,
  async run(ctx) {
    const scene = await stalledReaderScene(ctx);
    const endedAt = performance.now();
    scene.stalled.resume();
    if (scene.readerDone) return pass();
    const received = scene.readerCount.seqs.length;
    const quietMs = endedAt - (scene.readerCount.lastAt() ?? 0);
    if (quietMs < HELD_UP_MS) {
      // messages were still arriving when time ran out: a slow server (or a busy grader), not a held-up room
      return inconclusive(
        `${scene.who[1]} was still receiving (${received} of ${MESSAGES}) when the check's ${READER_WITHIN_MS / 1000} s ran out`,
      );
    }
    return fail({
      expected: `all ${MESSAGES} messages at ${scene.who[1]} within ${READER_WITHIN_MS / 1000} s`,
      actual: `${received} of them, then nothing for the last ${Math.floor(quietMs / 1000)} s`,
      hint: `While ${scene.who[2]} had stopped reading, ${scene.who[1]} got ${received} of ${MESSAGES} messages and then nothing more: one slow member must not hold up the room, so never wait for one member's socket before sending to the next.`,
      exchange: scene.reading.record(),
    });
  },
});

/** Whether the seqs a connection received skip one: the server dropped messages for it. */
function hasGap(seqs: readonly number[]): boolean {
  return seqs.some((seq, i) => seq !== i + 1);
}

const slowConsumerBounded = defineCheck({
  id: 'slow-consumer-bounded',
  title: 'A member who stops reading is closed or has messages dropped, not buffered without bound',
  topic: TOPIC.performanceOptimization,
  timeoutMs: 60_000,
  async run(ctx) {
    const scene = await stalledReaderScene(ctx);
    const { stalled, stalledCount } = scene;
    stalled.resume();
    await within(
      Promise.race([
        stalledCount.done,
        stalled.waitForClose({ description: 'the end of the stalled connection', timeoutMs: DRAIN_MS }),
      ]),
      DRAIN_MS,
    );
    const seqs = stalledCount.seqs;
    if (stalled.closed !== undefined || hasGap(seqs)) return pass();
    if (seqs.length < MESSAGES) {
      // neither closed nor short of a message yet: still catching up when time ran out, so unknown
      return inconclusive(
        `the stalled connection was still receiving (${seqs.length} of ${MESSAGES}, none skipped) when the check's ${DRAIN_MS / 1000} s ran out`,
      );
    }
    return fail({
      expected: `the stalled connection closed (1008 or 1013) or some messages dropped, once more than 1 MiB waited for it`,
      actual: `all ${MESSAGES} messages (about ${Math.round((MESSAGES * TEXT.length * 3) / 1e6)} MB) delivered after it read again`,
      hint: `${scene.who[2]} read nothing while ${MESSAGES} large messages went by, and the server kept every one for them: check how much is waiting on a socket (its buffered amount) and close or skip a consumer that is more than 1 MiB behind.`,
      exchange: stalled.record(),
    });
  },
});

export const slowConsumersStage = defineStage({
  id: 'slow-consumers',
  title: 'Slow consumers',
  difficulty: 'advanced',
  // a load stage: it pushes about 72 MB through the grader's sockets and judges by the clock, so it runs
  // after every correctness stage, and a grader too busy to keep up makes it inconclusive, never a fail
  kind: 'load',
  needs: ['messaging'],
  topics: [TOPIC.realTimeCommunication, TOPIC.performanceOptimization],
  checks: [othersUnaffected, slowConsumerBounded],
});
