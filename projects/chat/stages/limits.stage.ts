import { defineCheck, defineStage, describeStatus, fail, pass } from '@groundwork/grader';
import {
  type ChatUser,
  connectAs,
  messagesIn,
  quietFor,
  registerUsers,
  roomPath,
  roomWith,
  say,
  subscribe,
  waitForText,
} from './chat-client';
import { frameOf, isFrame, isSameId, quoteFrame } from './frames';
import { TOPIC } from './topics';

/** Over the 64 KiB frame limit by a margin no framing can explain. */
const OVERSIZED_TEXT_CHARS = 70 * 1024;

const oversizedRefused = defineCheck({
  id: 'oversized-refused',
  title: 'A frame over 64 KiB is refused (close 1009 or error "too-large") and reaches nobody',
  topic: TOPIC.websockets,
  async run(ctx) {
    const [sender, reader] = (await registerUsers(ctx, 2, 'a member sends a huge frame')) as [
      ChatUser,
      ChatUser,
    ];
    const roomId = await roomWith(ctx, [sender, reader], 'a huge frame is sent to it');
    const sending = await connectAs(ctx, sender);
    // the reader accepts big frames, so a broadcast of the huge one shows as such rather than as a closed socket
    const reading = await connectAs(ctx, reader, { maxPayloadBytes: 256 * 1024 });
    await subscribe(sending, roomId);
    await subscribe(reading, roomId);
    say(sending, roomId, 'x'.repeat(OVERSIZED_TEXT_CHARS));
    const refusal = await Promise.race([
      sending
        .waitForClose({ description: 'a close with code 1009', timeoutMs: 3_000 })
        .then((closed) => ({ kind: 'closed' as const, code: closed.code }))
        .catch(() => ({ kind: 'none' as const })),
      sending
        .waitFor((message) => isFrame(message, 'error') && frameOf(message)?.code === 'too-large', {
          description: 'an error frame with code "too-large"',
          timeoutMs: 3_000,
        })
        .then(() => ({ kind: 'error-frame' as const }))
        .catch(() => ({ kind: 'none' as const })),
    ]);
    await quietFor(ctx);
    const delivered = messagesIn(reading, roomId).find(
      (message) => String(frameOf(message)?.text).length >= OVERSIZED_TEXT_CHARS,
    );
    const isRefused = refusal.kind === 'error-frame' || (refusal.kind === 'closed' && refusal.code === 1009);
    if (isRefused && delivered === undefined) return pass();
    return fail({
      expected:
        'close code 1009, or an error frame with code "too-large"; and the message delivered to nobody',
      actual: delivered
        ? `the other member received the ${Math.round(OVERSIZED_TEXT_CHARS / 1024)} KiB message`
        : refusal.kind === 'closed'
          ? `the connection closed with code ${refusal.code}`
          : 'no refusal',
      hint: `A ${Math.round(OVERSIZED_TEXT_CHARS / 1024)} KiB frame is over the 64 KiB limit: refuse it before reading it all (most WebSocket libraries have a max payload option) and never store or broadcast it.`,
      exchange: (delivered ? reading : sending).record(),
    });
  },
});

const roomsIsolated = defineCheck({
  id: 'rooms-isolated',
  title: "A subscriber of room A never receives room B's traffic",
  topic: TOPIC.websockets,
  async run(ctx) {
    const [both, onlyA, onlyB] = (await registerUsers(ctx, 3, 'two rooms run side by side')) as [
      ChatUser,
      ChatUser,
      ChatUser,
    ];
    const roomA = await roomWith(ctx, [both, onlyA], 'it runs next to another room');
    const roomB = await roomWith(ctx, [both, onlyB], 'it runs next to another room');
    const sending = await connectAs(ctx, both);
    const inA = await connectAs(ctx, onlyA);
    const inB = await connectAs(ctx, onlyB);
    await subscribe(inA, roomA);
    await subscribe(inB, roomB);
    const texts = Array.from({ length: 6 }, (_, i) => `isolated ${i} ${ctx.data.slug()}`);
    texts.forEach((text, i) => {
      say(sending, i % 2 === 0 ? roomA : roomB, text);
    });
    await waitForText(inA, roomA, texts[4] as string, `${onlyA.username} in room A`);
    await waitForText(inB, roomB, texts[5] as string, `${onlyB.username} in room B`);
    await quietFor(ctx);
    for (const [conn, own, who] of [
      [inA, roomA, onlyA.username],
      [inB, roomB, onlyB.username],
    ] as const) {
      const foreign = conn.messages.find((message) => {
        const roomId = frameOf(message)?.roomId;
        return roomId !== undefined && !isSameId(roomId, own);
      });
      if (foreign) {
        return fail({
          expected: `only frames of room ${own} at ${who}`,
          actual: quoteFrame(foreign),
          hint: `${who} subscribed to room ${own} alone but received another room's frame: send a message only to the connections subscribed to its room.`,
          exchange: conn.record(),
        });
      }
    }
    return pass();
  },
});

const logoutClosesSockets = defineCheck({
  id: 'logout-closes-sockets',
  title: 'After POST /auth/logout, the sockets opened with that token are closed and their frames refused',
  topic: TOPIC.tokenAuthentication,
  async run(ctx) {
    const [leaving, staying] = (await registerUsers(ctx, 2, 'a member logs out')) as [ChatUser, ChatUser];
    const roomId = await roomWith(ctx, [leaving, staying], 'a member logs out of it');
    const theirs = await connectAs(ctx, leaving);
    const watching = await connectAs(ctx, staying);
    await subscribe(theirs, roomId);
    await subscribe(watching, roomId);
    const res = await ctx.http.post('/auth/logout', { headers: leaving.headers });
    if (res.status < 200 || res.status > 299) {
      return fail({
        expected: 'a 2xx status (204) from POST /auth/logout',
        actual: describeStatus(res.status),
        hint: `POST /auth/logout should revoke the token (204), but it answered ${describeStatus(res.status)}.`,
        exchange: res.exchange,
      });
    }
    const closed = await theirs
      .waitForClose({ description: 'a close with code 4401', timeoutMs: 2_000 })
      .catch(() => undefined);
    const text = `after logout ${ctx.data.slug()}`;
    if (!closed) say(theirs, roomId, text);
    await quietFor(ctx);
    const leaked = messagesIn(watching, roomId).find((message) => frameOf(message)?.text === text);
    if (closed && leaked === undefined) return pass();
    return fail({
      expected: 'the socket closed (code 4401) when its token was revoked, and nothing it sends delivered',
      actual: leaked ? `the room received "${text}", sent after the logout` : 'the socket stayed open',
      hint: 'Logging out should end the sessions of that token everywhere: close the WebSockets opened with it (code 4401), or a stolen socket keeps talking after the token is gone.',
      exchange: (leaked ? watching : theirs).record(),
    });
  },
});

const leftRoomSilenced = defineCheck({
  id: 'left-room-silenced',
  title: "After leaving a room over REST, a member's open socket gets none of its traffic",
  topic: TOPIC.authenticationVsAuthorization,
  async run(ctx) {
    const [staying, leaving] = (await registerUsers(ctx, 2, 'a member leaves while connected')) as [
      ChatUser,
      ChatUser,
    ];
    const roomId = await roomWith(ctx, [staying, leaving], 'a member leaves it while connected');
    const sending = await connectAs(ctx, staying);
    const theirs = await connectAs(ctx, leaving);
    await subscribe(sending, roomId);
    await subscribe(theirs, roomId);
    const res = await ctx.http.delete(roomPath(roomId, '/members/me'), { headers: leaving.headers });
    if (res.status < 200 || res.status > 299) {
      return fail({
        expected: 'a 2xx status (204)',
        actual: describeStatus(res.status),
        hint: `DELETE ${roomPath(roomId, '/members/me')} should take the caller out of the room, but it answered ${describeStatus(res.status)}.`,
        exchange: res.exchange,
      });
    }
    const text = `after leaving ${ctx.data.slug()}`;
    say(sending, roomId, text);
    await waitForText(sending, roomId, text, `${staying.username} (the sender)`);
    await quietFor(ctx);
    const leaked = messagesIn(theirs, roomId).find((message) => frameOf(message)?.text === text);
    if (leaked === undefined) return pass();
    return fail({
      expected: `no traffic of room ${roomId} at ${leaving.username}, who left it`,
      actual: quoteFrame(leaked),
      hint: "Leaving a room should end the member's subscriptions to it at once: a former member's open socket must not keep receiving the room's messages.",
      exchange: theirs.record(),
    });
  },
});

export const limitsStage = defineStage({
  id: 'limits',
  title: 'Limits and isolation',
  difficulty: 'intermediate',
  needs: ['messaging'],
  topics: [TOPIC.websockets, TOPIC.tokenAuthentication, TOPIC.authenticationVsAuthorization],
  checks: [oversizedRefused, roomsIsolated, logoutClosesSockets, leftRoomSilenced],
});
