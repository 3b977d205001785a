import {
  type CheckContext,
  defineCheck,
  defineStage,
  type Failure,
  fail,
  pass,
  sleep,
  type WsConnection,
} from '@groundwork/grader';
import {
  type ChatUser,
  connectAs,
  type Id,
  messagesIn,
  quietFor,
  registerUsers,
  roomWith,
  say,
  subscribe,
  waitForText,
} from './chat-client';
import { seqOf } from './frames';
import { TOPIC } from './topics';

/**
 * The shared scene of the first two checks: a reader sees messages 1–2, disconnects, misses 3–5, and
 * reconnects with `since: 2`. Returns the seqs the new connection received after `subscribed`, once
 * message 6 (sent after the resume) has arrived or the wait ran out.
 */
async function resumeAfterMissing(ctx: CheckContext) {
  const [writer, reader] = (await registerUsers(ctx, 2, 'a reader reconnects')) as [ChatUser, ChatUser];
  const roomId = await roomWith(ctx, [writer, reader], 'a reader reconnects to it');
  const sending = await connectAs(ctx, writer);
  await subscribe(sending, roomId);
  const first = await connectAs(ctx, reader);
  await subscribe(first, roomId);
  const texts = Array.from({ length: 6 }, (_, i) => `resume ${i + 1} ${ctx.data.slug()}`);
  const post = async (index: number) => {
    say(sending, roomId, texts[index] as string);
    await waitForText(sending, roomId, texts[index] as string, `${writer.username} (the sender)`);
  };
  await post(0);
  await post(1);
  await waitForText(first, roomId, texts[1] as string, reader.username);
  await first.close();
  for (const index of [2, 3, 4]) await post(index);
  const second = await connectAs(ctx, reader);
  await subscribe(second, roomId, { since: 2 });
  await post(5);
  await waitForText(second, roomId, texts[5] as string, `${reader.username} after reconnecting`).catch(
    () => undefined,
  );
  await quietFor(ctx, 300);
  const seqs = messagesIn(second, roomId).map((message) => seqOf(message) ?? 0);
  return { seqs, conn: second };
}

const resumeDeliversMissed = defineCheck({
  id: 'resume-delivers-missed',
  title: 'Subscribing with "since": 2 after missing messages 3–5 delivers 3, 4, 5, then live ones',
  topic: TOPIC.realTimeCommunication,
  async run(ctx) {
    const { seqs, conn } = await resumeAfterMissing(ctx);
    const missing = [3, 4, 5, 6].filter((seq) => !seqs.includes(seq));
    if (missing.length === 0 && isIncreasing(seqs)) return pass();
    return fail({
      expected: 'seqs 3, 4, 5 (missed while away), then 6 (sent after reconnecting), in that order',
      actual: `seqs ${seqs.join(', ') || 'none'}`,
      hint:
        missing.length > 0
          ? `A client that reconnects with "since": 2 should get every message after seq 2, but seq ${missing.join(', ')} never arrived.`
          : `A client that reconnects with "since": 2 should get the messages it missed in seq order, but they came as ${seqs.join(', ')}.`,
      exchange: conn.record(),
    });
  },
});

const resumeNoDuplicates = defineCheck({
  id: 'resume-no-duplicates',
  title: 'Subscribing with "since": 2 never sends seq 2 or earlier again, nor anything twice',
  topic: TOPIC.realTimeCommunication,
  async run(ctx) {
    const { seqs, conn } = await resumeAfterMissing(ctx);
    const old = seqs.filter((seq) => seq <= 2);
    const twice = seqs.filter((seq, i) => seqs.indexOf(seq) !== i);
    if (old.length === 0 && twice.length === 0) return pass();
    return fail({
      expected: 'only seqs after 2, each once',
      actual: `seqs ${seqs.join(', ')}`,
      hint:
        old.length > 0
          ? `A client that reconnects with "since": 2 already has seq 2, but it got seq ${old.join(', ')} again: replay only messages with seq greater than since.`
          : `A client that reconnects got seq ${twice.join(', ')} twice: a message replayed from the database must not be sent again live.`,
      exchange: conn.record(),
    });
  },
});

const READERS = 4;
const MESSAGES = 60;
const SEND_EVERY_MS = 12;
const RECONNECTS_EACH = 2;

/** One reader that drops its connection at the given times and resumes from the last seq it has. */
async function readWithReconnections(
  ctx: CheckContext,
  reader: ChatUser,
  roomId: Id,
  dropAtMs: readonly number[],
  done: Promise<void>,
): Promise<{ seqs: number[]; conn: WsConnection; failure?: Failure }> {
  const seqs: number[] = [];
  let conn = await connectAs(ctx, reader);
  await subscribe(conn, roomId, { since: 0 });
  const started = performance.now();
  const collect = (from: WsConnection) => {
    for (const message of messagesIn(from, roomId)) seqs.push(seqOf(message) ?? 0);
  };
  for (const at of dropAtMs) {
    await sleep(Math.max(0, at - (performance.now() - started)), ctx.signal);
    await conn.close();
    collect(conn);
    conn = await connectAs(ctx, reader);
    await subscribe(conn, roomId, { since: seqs.at(-1) ?? 0 });
  }
  await done;
  const last = conn;
  await last
    .waitFor((message) => seqOf(message) === MESSAGES, {
      description: `seq ${MESSAGES} at ${reader.username}`,
    })
    .catch(() => undefined);
  await quietFor(ctx, 200);
  collect(last);
  return { seqs, conn: last };
}

const randomReconnections = defineCheck({
  id: 'random-reconnections',
  title: `Four readers that reconnect at random moments while ${MESSAGES} messages flow each end with seqs 1…${MESSAGES} exactly once`,
  topic: TOPIC.realTimeCommunication,
  async run(ctx) {
    const users = (await registerUsers(
      ctx,
      READERS + 1,
      'readers reconnect while messages flow',
    )) as ChatUser[];
    const [writer, ...readers] = users as [ChatUser, ...ChatUser[]];
    const roomId = await roomWith(ctx, users, 'readers reconnect while messages flow in it');
    const sending = await connectAs(ctx, writer);
    await subscribe(sending, roomId);
    // the moments each reader drops, from the run's seed: the same seed replays the same run
    const window = MESSAGES * SEND_EVERY_MS;
    const plans = readers.map(() =>
      Array.from({ length: RECONNECTS_EACH }, () => ctx.data.int(20, window - 40)).sort((a, b) => a - b),
    );
    let finish = () => {};
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const reading = readers.map((reader, i) =>
      readWithReconnections(ctx, reader, roomId, plans[i] ?? [], done),
    );
    for (let n = 1; n <= MESSAGES; n++) {
      say(sending, roomId, `flow ${n} ${ctx.data.string(6)}`);
      await sleep(SEND_EVERY_MS, ctx.signal);
    }
    finish();
    const results = await Promise.all(reading);
    for (const [i, { seqs, conn }] of results.entries()) {
      const missing = Array.from({ length: MESSAGES }, (_, k) => k + 1).filter((seq) => !seqs.includes(seq));
      const twice = [...new Set(seqs.filter((seq, k) => seqs.indexOf(seq) !== k))];
      if (missing.length === 0 && twice.length === 0 && isIncreasing(seqs)) continue;
      const who = readers[i]?.username;
      return fail({
        expected: `seqs 1 to ${MESSAGES}, each once, in order, across ${who}'s connections`,
        actual:
          missing.length > 0
            ? `seq ${missing.slice(0, 8).join(', ')} never arrived`
            : `seq ${twice.slice(0, 8).join(', ')} arrived twice`,
        hint: `${who} reconnected at ${plans[i]?.map((ms) => `${ms} ms`).join(' and ')} and resumed from its last seq each time, but ${missing.length > 0 ? `missed seq ${missing.slice(0, 8).join(', ')}` : `got seq ${twice.slice(0, 8).join(', ')} twice`}: start delivering live messages before reading the backlog, and skip the ones already sent.`,
        exchange: conn.record(),
      });
    }
    return pass();
  },
});

function isIncreasing(seqs: readonly number[]): boolean {
  return seqs.every((seq, i) => i === 0 || seq > (seqs[i - 1] as number));
}

export const recoveryStage = defineStage({
  id: 'recovery',
  title: 'Recovery after reconnecting',
  difficulty: 'advanced',
  needs: ['messaging'],
  topics: [TOPIC.realTimeCommunication, TOPIC.websockets],
  checks: [resumeDeliversMissed, resumeNoDuplicates, randomReconnections],
});
