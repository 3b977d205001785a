import {
  type CheckContext,
  defineCheck,
  defineStage,
  describeStatus,
  fail,
  pass,
  sleep,
  type WsConnection,
  type WsMessage,
} from '@groundwork/grader';
import { describeJson, isObject } from '../../kit/checks/problem-body';
import {
  type ChatUser,
  connectAs,
  type Id,
  quietFor,
  registerUsers,
  roomPath,
  roomWith,
  subscribe,
} from './chat-client';
import { frameOf, frameProblem, isFrame, isSameId, quoteFrame } from './frames';
import { TOPIC } from './topics';

function isPresence(message: WsMessage, roomId: Id, user: ChatUser, status: 'online' | 'offline'): boolean {
  const frame = frameOf(message);
  return (
    isFrame(message, 'presence', roomId) &&
    isSameId((frame?.user as Record<string, unknown> | undefined)?.id, user.id) &&
    frame?.status === status
  );
}

/** Two members of a room; the watcher is subscribed, the other is not connected yet. */
async function twoMembers(ctx: CheckContext, purpose: string) {
  const [watcher, other] = (await registerUsers(ctx, 2, purpose)) as [ChatUser, ChatUser];
  const roomId = await roomWith(ctx, [watcher, other], purpose);
  const watching = await connectAs(ctx, watcher);
  await subscribe(watching, roomId);
  return { watcher, other, roomId, watching };
}

async function expectPresence(
  watching: WsConnection,
  roomId: Id,
  user: ChatUser,
  status: 'online' | 'offline',
  when: string,
) {
  const message = await watching.waitFor((one) => isPresence(one, roomId, user, status), {
    description: `a presence frame saying ${user.username} is ${status}`,
  });
  const problem = frameProblem(frameOf(message), 'presence');
  if (problem === undefined) return undefined;
  return fail({
    expected: `{"type": "presence", "roomId", "user": {"id", "username"}, "status": "${status}"} ${when}`,
    actual: quoteFrame(message),
    hint: `The presence frame sent ${when} does not follow the contract: ${problem}.`,
    exchange: watching.record(),
  });
}

const presenceOnline = defineCheck({
  id: 'presence-online',
  title:
    'When a member subscribes, the room’s other subscribers get {"type": "presence", "status": "online"}',
  topic: TOPIC.realTimeCommunication,
  async run(ctx) {
    const { other, roomId, watching } = await twoMembers(ctx, 'a member comes online');
    await subscribe(await connectAs(ctx, other), roomId);
    return (
      (await expectPresence(watching, roomId, other, 'online', `when ${other.username} subscribed`)) ?? pass()
    );
  },
});

const presenceOffline = defineCheck({
  id: 'presence-offline',
  title: 'When a member’s only connection closes, the room’s subscribers get "status": "offline"',
  topic: TOPIC.realTimeCommunication,
  async run(ctx) {
    const { other, roomId, watching } = await twoMembers(ctx, 'a member goes offline');
    const theirs = await connectAs(ctx, other);
    await subscribe(theirs, roomId);
    await watching.waitFor((one) => isPresence(one, roomId, other, 'online'), {
      description: `a presence frame saying ${other.username} is online`,
    });
    await theirs.close();
    return (
      (await expectPresence(
        watching,
        roomId,
        other,
        'offline',
        `when ${other.username}'s connection closed`,
      )) ?? pass()
    );
  },
});

const membersShowOnline = defineCheck({
  id: 'members-show-online',
  title:
    'GET /rooms/{id}/members says who is online: true for a subscribed member, false for one not connected',
  topic: TOPIC.realTimeCommunication,
  async run(ctx) {
    const { watcher, other, roomId } = await twoMembers(ctx, 'the member list shows who is online');
    const path = roomPath(roomId, '/members');
    const res = await ctx.http.get(path, { headers: watcher.headers });
    const body = res.json();
    const members = isObject(body) && Array.isArray(body.members) ? body.members.filter(isObject) : [];
    const onlineOf = (user: ChatUser) => members.find((member) => isSameId(member.id, user.id))?.online;
    if (res.status === 200 && onlineOf(watcher) === true && onlineOf(other) === false) return pass();
    return fail({
      expected: `200 with ${watcher.username} "online": true (subscribed) and ${other.username} "online": false (not connected)`,
      actual: `${describeStatus(res.status)} with ${describeJson(body)}`,
      hint: `GET ${path} should say who is online right now: a member is online while one of their connections is subscribed to the room.`,
      exchange: res.exchange,
    });
  },
});

const typingForwarded = defineCheck({
  id: 'typing-forwarded',
  title: 'A typing notice reaches the room’s other members, and not the typist’s own connections',
  topic: TOPIC.realTimeCommunication,
  async run(ctx) {
    const { watcher, other, roomId, watching } = await twoMembers(ctx, 'a member types');
    const typist = await connectAs(ctx, other);
    const typistSecond = await connectAs(ctx, other);
    await subscribe(typist, roomId);
    await subscribe(typistSecond, roomId);
    typist.send({ type: 'typing', roomId });
    const notice = await watching.waitFor((one) => isFrame(one, 'typing', roomId), {
      description: `a typing frame for ${other.username} at ${watcher.username}`,
    });
    const problem =
      frameProblem(frameOf(notice), 'typing') ??
      (isSameId((frameOf(notice)?.user as Record<string, unknown> | undefined)?.id, other.id)
        ? undefined
        : `it names another user than ${other.username}`);
    if (problem !== undefined) {
      return fail({
        expected: `{"type": "typing", "roomId", "user": {"id": ${JSON.stringify(other.id)}, …}}`,
        actual: quoteFrame(notice),
        hint: `The typing frame does not follow the contract: ${problem}.`,
        exchange: watching.record(),
      });
    }
    await quietFor(ctx);
    const echoed = [typist, typistSecond].find((conn) =>
      conn.messages.some((one) => isFrame(one, 'typing', roomId)),
    );
    if (echoed === undefined) return pass();
    return fail({
      expected: `no typing frame at ${other.username}'s own connections`,
      actual: 'the typist received their own typing notice',
      hint: "A typing notice is for the other members: don't send it back to the typist's connections.",
      exchange: echoed.record(),
    });
  },
});

const typingRateLimited = defineCheck({
  id: 'typing-rate-limited',
  title: 'Ten typing notices in half a second reach the other members at most twice',
  topic: TOPIC.rateLimiting,
  async run(ctx) {
    const { other, roomId, watching } = await twoMembers(ctx, 'a member types a lot');
    const typist = await connectAs(ctx, other);
    await subscribe(typist, roomId);
    for (let n = 0; n < 10; n++) {
      typist.send({ type: 'typing', roomId });
      await sleep(50, ctx.signal);
    }
    await watching.waitFor((one) => isFrame(one, 'typing', roomId), {
      description: `a typing frame for ${other.username}`,
    });
    await quietFor(ctx);
    const forwarded = watching.messages.filter((one) => isFrame(one, 'typing', roomId)).length;
    if (forwarded <= 2) return pass();
    return fail({
      expected: 'at most one typing notice per member every 2 seconds (two at the most in this check)',
      actual: `${forwarded} typing notices`,
      hint: `${other.username} sent 10 typing notices in half a second and the room got ${forwarded}: forward at most one per member and room every 2 seconds, and drop the rest.`,
      exchange: watching.record(),
    });
  },
});

export const presenceStage = defineStage({
  id: 'presence',
  title: 'Presence and typing',
  difficulty: 'intermediate',
  needs: ['messaging'],
  topics: [TOPIC.realTimeCommunication, TOPIC.rateLimiting],
  checks: [presenceOnline, presenceOffline, membersShowOnline, typingForwarded, typingRateLimited],
});
