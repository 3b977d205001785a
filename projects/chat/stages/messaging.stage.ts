import { defineCheck, defineStage, fail, pass, type WsConnection } from '@groundwork/grader';
import {
  type ChatUser,
  connectAs,
  type Id,
  messagesIn,
  QUIET_MS,
  quietFor,
  registerUser,
  registerUsers,
  roomWith,
  say,
  subscribe,
  waitForText,
} from './chat-client';
import { frameOf, frameProblem, isFrame, isSameId, quoteFrame, seqOf } from './frames';
import { TOPIC } from './topics';

const subscribeAcknowledged = defineCheck({
  id: 'subscribe-acknowledged',
  title: 'A member who subscribes gets {"type": "subscribed", "roomId", "lastSeq"}',
  topic: TOPIC.websockets,
  async run(ctx) {
    const [owner] = await registerUsers(ctx, 1, 'a member subscribes to a room');
    const member = owner as ChatUser;
    const roomId = await roomWith(ctx, [member], 'a member subscribes to it');
    const conn = await connectAs(ctx, member);
    conn.send({ type: 'subscribe', roomId });
    const answer = await conn.waitFor(
      (message) => isFrame(message, 'subscribed', roomId) || isFrame(message, 'error'),
      {
        description: `a "subscribed" frame for room ${roomId}`,
      },
    );
    const frame = frameOf(answer);
    const problem = frame?.type === 'subscribed' ? frameProblem(frame, 'subscribed') : 'it is an error frame';
    if (problem === undefined && frame?.lastSeq === 0) return pass();
    return fail({
      expected: `{"type": "subscribed", "roomId": ${JSON.stringify(roomId)}, "lastSeq": 0} for a room with no messages yet`,
      actual: quoteFrame(answer),
      hint: `A member subscribing to a room should get a "subscribed" frame with the room's newest seq (0 when empty), but ${problem ?? `lastSeq is ${JSON.stringify(frame?.lastSeq)}`}.`,
      exchange: conn.record(),
    });
  },
});

const messageReachesMembers = defineCheck({
  id: 'message-reaches-members',
  title: 'A message reaches every subscribed connection of every member, with seq, sender and clientId',
  topic: TOPIC.realTimeCommunication,
  async run(ctx) {
    const [alice, bob, carol] = (await registerUsers(ctx, 3, 'three members chat')) as [
      ChatUser,
      ChatUser,
      ChatUser,
    ];
    const roomId = await roomWith(ctx, [alice, bob, carol], 'three members chat in it');
    const named: [string, WsConnection][] = [
      [`${alice.username} (the sender)`, await connectAs(ctx, alice)],
      [`${bob.username}'s first connection`, await connectAs(ctx, bob)],
      [`${bob.username}'s second connection`, await connectAs(ctx, bob)],
      [carol.username, await connectAs(ctx, carol)],
    ];
    for (const [, conn] of named) await subscribe(conn, roomId);
    const text = `hello from ${ctx.data.slug()}`;
    const clientId = `c-${ctx.data.string(10)}`;
    say(named[0]?.[1] as WsConnection, roomId, text, clientId);
    for (const [who, conn] of named) {
      const received = await waitForText(conn, roomId, text, who);
      const frame = frameOf(received) ?? {};
      const problem =
        frameProblem(frame, 'message') ??
        (frame.seq !== 1
          ? `its seq is ${JSON.stringify(frame.seq)}, not 1 (the room's first message)`
          : undefined) ??
        (!isSameId((frame.sender as Record<string, unknown> | undefined)?.id, alice.id)
          ? `its sender is not ${alice.username}`
          : undefined) ??
        (frame.clientId !== clientId
          ? `its clientId is ${JSON.stringify(frame.clientId)}, not "${clientId}"`
          : undefined);
      if (problem !== undefined) {
        return fail({
          expected: `{"type": "message", "roomId", "seq": 1, "sender": {"id": ${JSON.stringify(alice.id)}, …}, "text", "sentAt", "clientId": "${clientId}"}`,
          actual: quoteFrame(received),
          hint: `The message ${who} received does not follow the contract: ${problem}.`,
          exchange: conn.record(),
        });
      }
    }
    return pass();
  },
});

const senderGetsOneCopy = defineCheck({
  id: 'sender-gets-one-copy',
  title: 'Each connection, the sender’s included, receives each message exactly once',
  topic: TOPIC.realTimeCommunication,
  async run(ctx) {
    const [alice, bob] = (await registerUsers(ctx, 2, 'two members chat')) as [ChatUser, ChatUser];
    const roomId = await roomWith(ctx, [alice, bob], 'two members chat in it');
    const sender = await connectAs(ctx, alice);
    const reader = await connectAs(ctx, bob);
    await subscribe(sender, roomId);
    await subscribe(reader, roomId);
    const texts = [1, 2, 3].map((n) => `copy ${n} ${ctx.data.slug()}`);
    for (const text of texts) say(sender, roomId, text);
    for (const text of texts) await waitForText(reader, roomId, text, bob.username);
    await waitForText(sender, roomId, texts[2] as string, `${alice.username} (the sender)`);
    await quietFor(ctx);
    for (const [who, conn] of [
      [`${alice.username} (the sender)`, sender],
      [bob.username, reader],
    ] as const) {
      const seen = messagesIn(conn, roomId).map((message) => frameOf(message)?.text);
      const twice = texts.find((text) => seen.filter((one) => one === text).length > 1);
      if (twice !== undefined) {
        return fail({
          expected: `each of the ${texts.length} messages once at ${who}`,
          actual: `"${twice}" ${seen.filter((one) => one === twice).length} times`,
          hint: `${who} received the same message more than once: send each message once to each subscribed connection (is the sender added to the broadcast twice?).`,
          exchange: conn.record(),
        });
      }
    }
    return pass();
  },
});

/** Sends `count` messages to a room and returns the seqs the sender's connection saw for them. */
async function seqsFor(
  conn: WsConnection,
  roomId: Id,
  texts: readonly string[],
  who: string,
): Promise<number[]> {
  const seqs: number[] = [];
  for (const text of texts) {
    say(conn, roomId, text);
    seqs.push(seqOf(await waitForText(conn, roomId, text, who)) ?? 0);
  }
  return seqs;
}

const seqPerRoom = defineCheck({
  id: 'seq-per-room',
  title: 'Each room numbers its own messages 1, 2, 3, …',
  topic: TOPIC.realTimeCommunication,
  async run(ctx) {
    const user = await registerUser(ctx, 'one member posts in two rooms');
    const first = await roomWith(ctx, [user], 'messages are numbered in it');
    const second = await roomWith(ctx, [user], 'messages are numbered in it, apart from the first room');
    const conn = await connectAs(ctx, user);
    await subscribe(conn, first);
    await subscribe(conn, second);
    const inFirst = await seqsFor(
      conn,
      first,
      [`a1 ${ctx.data.slug()}`, `a2 ${ctx.data.slug()}`],
      user.username,
    );
    const inSecond = await seqsFor(
      conn,
      second,
      [`b1 ${ctx.data.slug()}`, `b2 ${ctx.data.slug()}`],
      user.username,
    );
    const thirdInFirst = await seqsFor(conn, first, [`a3 ${ctx.data.slug()}`], user.username);
    const actual = { first: [...inFirst, ...thirdInFirst], second: inSecond };
    if (JSON.stringify(actual) === JSON.stringify({ first: [1, 2, 3], second: [1, 2] })) return pass();
    return fail({
      expected: 'seqs 1, 2, 3 in the first room and 1, 2 in the second',
      actual: `seqs ${actual.first.join(', ')} in the first room and ${actual.second.join(', ')} in the second`,
      hint: 'Each room should number its messages from 1 with no gaps, on a counter of its own: a reconnecting client asks for "everything after seq N" of one room.',
      exchange: conn.record(),
    });
  },
});

const nonMemberRefused = defineCheck({
  id: 'non-member-refused',
  title: 'A non-member cannot subscribe or post: error "not-a-member", and nothing is delivered',
  topic: TOPIC.authenticationVsAuthorization,
  async run(ctx) {
    const [member, outsider] = (await registerUsers(ctx, 2, 'an outsider tries a room')) as [
      ChatUser,
      ChatUser,
    ];
    const roomId = await roomWith(ctx, [member], 'an outsider tries to post in it');
    const inside = await connectAs(ctx, member);
    await subscribe(inside, roomId);
    const outside = await connectAs(ctx, outsider);
    const text = `from outside ${ctx.data.slug()}`;
    say(outside, roomId, text);
    const answer = await outside.waitFor(
      (message) => isFrame(message, 'error') || isFrame(message, 'message'),
      {
        description: 'an error frame with code "not-a-member"',
      },
    );
    const code = frameOf(answer)?.code;
    await quietFor(ctx);
    const leaked = messagesIn(inside, roomId).find((message) => frameOf(message)?.text === text);
    if (code === 'not-a-member' && leaked === undefined) return pass();
    return fail({
      expected: 'an error frame with code "not-a-member", and the message delivered to nobody',
      actual: leaked ? `the room's member received ${quoteFrame(leaked)}` : quoteFrame(answer),
      hint: `A user who is not a member of a room should not be able to post in it, but ${leaked ? 'the message reached the room' : `the answer was not a "not-a-member" error`}.`,
      exchange: (leaked ? inside : outside).record(),
    });
  },
});

const badFrameAnswered = defineCheck({
  id: 'bad-frame-answered',
  title:
    'A frame that is not valid JSON, or has an unknown type, gets error "bad-frame" and the connection stays usable',
  topic: TOPIC.inputValidation,
  async run(ctx) {
    const user = await registerUser(ctx, 'it sends broken frames');
    const roomId = await roomWith(ctx, [user], 'the connection is still usable after broken frames');
    const conn = await connectAs(ctx, user);
    for (const broken of ['{"type": "message", "roomId": ', '{"type": "warble"}']) {
      conn.send(broken);
      const answer = await conn.waitFor((message) => isFrame(message, 'error'), {
        description: `an error frame with code "bad-frame" for ${broken}`,
      });
      if (frameOf(answer)?.code !== 'bad-frame') {
        return fail({
          expected: `an error frame with code "bad-frame" for ${broken}`,
          actual: quoteFrame(answer),
          hint: `A frame the server cannot read (${broken}) should be answered with {"type": "error", "code": "bad-frame", …}.`,
          exchange: conn.record(),
        });
      }
    }
    await subscribe(conn, roomId, { timeoutMs: 2_000 + QUIET_MS });
    return pass();
  },
});

export const messagingStage = defineStage({
  id: 'messaging',
  title: 'Subscribing and messaging',
  difficulty: 'intermediate',
  needs: ['rooms', 'handshake'],
  topics: [
    TOPIC.websockets,
    TOPIC.realTimeCommunication,
    TOPIC.authenticationVsAuthorization,
    TOPIC.inputValidation,
  ],
  checks: [
    subscribeAcknowledged,
    messageReachesMembers,
    senderGetsOneCopy,
    seqPerRoom,
    nonMemberRefused,
    badFrameAnswered,
  ],
});
