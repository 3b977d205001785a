import {
  defineCheck,
  defineStage,
  describeFanOutProblems,
  type FanOutResult,
  fail,
  inconclusive,
  judgeLatency,
  pass,
  type Verdict,
} from '@groundwork/grader';
import { type ChatUser, connectAs, registerUsers, roomWith, subscribe, subscribeUnkept } from './chat-client';
import { frameOf, isFrame } from './frames';
import { TOPIC } from './topics';

const MEMBERS = 10;
const CONNECTIONS_EACH = 2;
const RATE_PER_SECOND = 20;
const DURATION_MS = 4_000;
const BUDGET = { p50Ms: 50, p99Ms: 250 };

const fanOutLatency = defineCheck({
  id: 'fan-out-latency',
  title: `One sender at ${RATE_PER_SECOND} messages/s reaches ${MEMBERS * CONNECTIONS_EACH} subscribed connections with p50 ≤ ${BUDGET.p50Ms} ms and p99 ≤ ${BUDGET.p99Ms} ms`,
  topic: TOPIC.performanceOptimization,
  timeoutMs: 60_000,
  async run(ctx) {
    const users = (await registerUsers(ctx, MEMBERS + 1, 'a busy room is measured')) as ChatUser[];
    const [writer, ...members] = users as [ChatUser, ...ChatUser[]];
    const roomId = await roomWith(ctx, users, 'its fan-out is measured');
    const sender = await connectAs(ctx, writer);
    await subscribe(sender, roomId);
    const receivers = [];
    for (const member of members) {
      for (let n = 0; n < CONNECTIONS_EACH; n++) {
        const conn = await connectAs(ctx, member, { keepMessages: false });
        receivers.push(conn);
      }
    }
    for (const conn of receivers) await subscribeUnkept(ctx, conn, roomId);
    const tag = ctx.data.string(8);
    const result = await ctx.load.fanOut({
      sender,
      receivers,
      ratePerSecond: RATE_PER_SECOND,
      durationMs: DURATION_MS,
      message: (index) => ({ type: 'message', roomId, text: `fan-out ${tag} ${index}` }),
      identify(message) {
        if (!isFrame(message, 'message', roomId)) return undefined;
        const match = /^fan-out (\w+) (\d+)$/.exec(String(frameOf(message)?.text));
        return match?.[1] === tag ? Number(match[2]) : undefined;
      },
    });
    return judgeFanOut(result);
  },
});

/** Lost, doubled or cut-off deliveries fail whatever the latency; then the percentiles are judged. */
function judgeFanOut(result: FanOutResult): Verdict {
  const { definite, uncertain } = describeFanOutProblems(result);
  const delivered = `${result.delivered} of ${result.expectedDeliveries} deliveries`;
  if (definite.length > 0) {
    return fail({
      expected: `each of the ${result.sent} messages at each of the ${result.receivers} subscribed connections, once`,
      actual: definite.join('; '),
      hint: `While one member posted ${RATE_PER_SECOND} messages a second, every subscribed connection should get every message exactly once, but ${definite.join('; ')}. Send each message to each subscriber as it is stored, and keep a connection open while it keeps up.`,
    });
  }
  const judged = judgeLatency(result, BUDGET);
  if (judged === 'unknown') {
    const why = result.validity.reason ?? uncertain.join('; ');
    return inconclusive(`the measurement is not valid: ${why || 'the grader could not keep its schedule'}`);
  }
  const { p50, p99 } = result.latencyMs;
  const actual = `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms over ${delivered}`;
  if (judged === 'within') return pass(actual);
  return fail({
    expected: `p50 ≤ ${BUDGET.p50Ms} ms and p99 ≤ ${BUDGET.p99Ms} ms from when each message was sent to its arrival`,
    actual: result.delivered === 0 ? 'no message arrived' : actual,
    hint: `With ${MEMBERS * CONNECTIONS_EACH} connections subscribed, half the deliveries should arrive within ${BUDGET.p50Ms} ms and 99% within ${BUDGET.p99Ms} ms, but ${result.delivered === 0 ? 'none arrived' : `the median took ${p50.toFixed(1)} ms and the 99th percentile ${p99.toFixed(1)} ms`}. Push each message to the room's sockets as soon as it is stored, instead of polling for new ones or awaiting each socket in turn.`,
  });
}

export const fanOutStage = defineStage({
  id: 'fan-out',
  title: 'Fan-out',
  kind: 'load',
  difficulty: 'advanced',
  needs: ['messaging'],
  topics: [TOPIC.performanceOptimization, TOPIC.realTimeCommunication],
  checks: [fanOutLatency],
});
