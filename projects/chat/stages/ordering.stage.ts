import { defineCheck, defineStage, fail, pass, sleep, type WsConnection } from '@groundwork/grader';
import { type ChatUser, connectAs, messagesIn, registerUsers, roomWith, say, subscribe } from './chat-client';
import { frameOf, seqOf } from './frames';
import { TOPIC } from './topics';

const SENDERS = 5;
const MESSAGES_EACH = 8;

/** What one connection saw of the room: seq → text, and what was wrong with the order. */
function judgeSequence(conn: WsConnection, roomId: string | number, total: number) {
  const seen = messagesIn(conn, roomId);
  const seqs = seen.map((message) => seqOf(message) ?? 0);
  const expected = Array.from({ length: total }, (_, i) => i + 1);
  const isExact = seqs.length === total && seqs.every((seq, i) => seq === expected[i]);
  const texts = new Map(seen.map((message) => [seqOf(message) ?? 0, String(frameOf(message)?.text)]));
  return { seqs, isExact, texts };
}

function summarise(seqs: readonly number[]): string {
  return seqs.length > 14 ? `${seqs.slice(0, 12).join(', ')}, … (${seqs.length} in all)` : seqs.join(', ');
}

const concurrentSendersOneOrder = defineCheck({
  id: 'concurrent-senders-one-order',
  title:
    'With five members posting at once, every member sees seqs 1…40 once each, in order, with the same text for each seq',
  topic: TOPIC.transactionsAndAcid,
  async run(ctx) {
    const users = (await registerUsers(ctx, SENDERS, 'five members post at once')) as ChatUser[];
    const roomId = await roomWith(ctx, users, 'five members post in it at once');
    const conns = await Promise.all(users.map((user) => connectAs(ctx, user)));
    for (const conn of conns) await subscribe(conn, roomId);
    const total = SENDERS * MESSAGES_EACH;
    // each sender posts its messages with small pauses from the run's seed, so the interleaving is
    // different from run to run but the same for the same seed
    const pauses = conns.map(() => Array.from({ length: MESSAGES_EACH }, () => ctx.data.int(0, 3)));
    await Promise.all(
      conns.map(async (conn, who) => {
        for (let n = 0; n < MESSAGES_EACH; n++) {
          say(conn, roomId, `sender ${who} message ${n} ${ctx.data.string(6)}`);
          await sleep(pauses[who]?.[n] ?? 0, ctx.signal);
        }
      }),
    );
    await Promise.all(
      conns.map((conn, who) =>
        conn
          .waitFor(() => messagesIn(conn, roomId).length >= total, {
            description: `all ${total} messages at ${users[who]?.username}`,
          })
          .catch(() => undefined),
      ),
    );
    const views = conns.map((conn) => ({ conn, ...judgeSequence(conn, roomId, total) }));
    for (const [who, view] of views.entries()) {
      if (!view.isExact) {
        return fail({
          expected: `seqs 1 to ${total}, each once, in increasing order`,
          actual: `seqs ${summarise(view.seqs)}`,
          hint: `With ${SENDERS} members posting at once, ${users[who]?.username} received seqs ${summarise(view.seqs)}: give each message the room's next seq atomically (one transaction, or a lock per room) and send in seq order.`,
          exchange: view.conn.record(),
        });
      }
    }
    const [first, ...others] = views;
    for (const [index, view] of others.entries()) {
      for (let seq = 1; seq <= total; seq++) {
        if (view.texts.get(seq) !== first?.texts.get(seq)) {
          return fail({
            expected: `the same message as seq ${seq} at every member`,
            actual: `"${first?.texts.get(seq)}" at ${users[0]?.username}, "${view.texts.get(seq)}" at ${users[index + 1]?.username}`,
            hint: `Members disagree about which message is seq ${seq}: a seq must name one message for everyone.`,
            exchange: view.conn.record(),
          });
        }
      }
    }
    return pass();
  },
});

export const orderingStage = defineStage({
  id: 'ordering',
  title: 'One order under concurrency',
  difficulty: 'advanced',
  needs: ['messaging'],
  topics: [TOPIC.transactionsAndAcid, TOPIC.threadsAndConcurrency],
  checks: [concurrentSendersOneOrder],
});
