import {
  type CheckContext,
  defineCheck,
  defineStage,
  describeStatus,
  expectMatchesSchema,
  fail,
  type HttpResponse,
  pass,
  type WsConnection,
} from '@groundwork/grader';
import { expectJsonError, isObject } from '../../kit/checks/problem-body';
import {
  type ChatUser,
  connectAs,
  type Id,
  registerUsers,
  roomPath,
  roomWith,
  say,
  subscribe,
  waitForText,
} from './chat-client';
import { TOPIC } from './topics';

const PAGE_SCHEMA = {
  type: 'object',
  required: ['messages', 'nextCursor'],
  properties: {
    messages: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'roomId', 'seq', 'sender', 'text', 'sentAt'],
        properties: { seq: { type: 'integer', minimum: 1 }, text: { type: 'string' } },
      },
    },
    nextCursor: { type: ['string', 'null'] },
  },
};

/** Posts messages over the WebSocket and waits until the sender has its own copy of each. */
async function post(conn: WsConnection, roomId: Id, texts: readonly string[]): Promise<void> {
  for (const text of texts) say(conn, roomId, text);
  for (const text of texts) await waitForText(conn, roomId, text, 'the sender', 10_000);
}

/** A room whose member has posted `count` messages. */
async function roomWithMessages(ctx: CheckContext, count: number) {
  const [member, outsider] = (await registerUsers(ctx, 2, 'a room has a history')) as [ChatUser, ChatUser];
  const roomId = await roomWith(ctx, [member], 'it has a history');
  const conn = await connectAs(ctx, member);
  await subscribe(conn, roomId);
  const texts = Array.from({ length: count }, (_, i) => `history ${i + 1} ${ctx.data.slug()}`);
  await post(conn, roomId, texts);
  return { member, outsider, roomId, conn, texts };
}

function seqsOf(res: HttpResponse): number[] {
  const body = res.json();
  if (!isObject(body) || !Array.isArray(body.messages)) return [];
  return body.messages.map((message) => (isObject(message) ? Number(message.seq) : 0));
}

function cursorOf(res: HttpResponse): string | null | undefined {
  const body = res.json();
  return isObject(body) && (typeof body.nextCursor === 'string' || body.nextCursor === null)
    ? body.nextCursor
    : undefined;
}

const historyNewestFirst = defineCheck({
  id: 'history-newest-first',
  title: 'GET /rooms/{id}/messages answers the room’s messages newest first',
  topic: TOPIC.restApis,
  async run(ctx) {
    const { member, roomId } = await roomWithMessages(ctx, 5);
    const path = roomPath(roomId, '/messages');
    const res = await ctx.http.get(path, { headers: member.headers });
    const failure =
      expectMatchesSchema(res, PAGE_SCHEMA, { topic: TOPIC.restApis }) ??
      (res.status === 200
        ? undefined
        : fail({
            expected: '200 with a page of messages',
            actual: describeStatus(res.status),
            hint: `GET ${path} should answer 200 with the room's messages, but it answered ${describeStatus(res.status)}.`,
            exchange: res.exchange,
          }));
    if (failure) return failure;
    const seqs = seqsOf(res);
    if (seqs.join() === '5,4,3,2,1' && cursorOf(res) === null) return pass();
    return fail({
      expected: 'seqs 5, 4, 3, 2, 1 and "nextCursor": null (five messages fit one page)',
      actual: `seqs ${seqs.join(', ')}, nextCursor ${JSON.stringify(cursorOf(res))}`,
      hint: `GET ${path} should list the newest message first, as a chat window loads it, but it answered seqs ${seqs.join(', ')}.`,
      exchange: res.exchange,
    });
  },
});

const historyCursorPages = defineCheck({
  id: 'history-cursor-pages',
  title:
    'Pages of 10 follow nextCursor to the oldest message, never repeating or skipping one, even as new ones arrive',
  topic: TOPIC.restApis,
  async run(ctx) {
    const { member, roomId, conn, texts } = await roomWithMessages(ctx, 25);
    const seen: number[] = [];
    let cursor: string | null | undefined;
    let last: HttpResponse | undefined;
    for (let page = 1; page <= 4; page++) {
      const query = cursor ? `?limit=10&cursor=${encodeURIComponent(cursor)}` : '?limit=10';
      last = await ctx.http.get(roomPath(roomId, `/messages${query}`), { headers: member.headers });
      seen.push(...seqsOf(last));
      cursor = cursorOf(last);
      // new messages arriving between pages must not shift the pages that follow
      if (page === 1) await post(conn, roomId, [`newer ${texts.length + 1} ${ctx.data.slug()}`]);
      if (!cursor) break;
    }
    const expected = Array.from({ length: 25 }, (_, i) => 25 - i);
    if (seen.join() === expected.join() && cursor === null) return pass();
    return fail({
      expected: 'seqs 25 down to 1 over three pages (10, 10, 5), then "nextCursor": null',
      actual: `seqs ${seen.join(', ')}${cursor === undefined ? ' and no nextCursor' : ''}`,
      hint: 'Following nextCursor should walk back through the history with no message twice and none missing, even when a new message arrives between pages: make the cursor point at the last seq the page showed, not at an offset.',
      ...(last ? { exchange: last.exchange } : {}),
    });
  },
});

const historyMembersOnly = defineCheck({
  id: 'history-members-only',
  title: "Only a room's members may read its history (403 for anyone else)",
  topic: TOPIC.authenticationVsAuthorization,
  async run(ctx) {
    const { outsider, roomId } = await roomWithMessages(ctx, 1);
    const res = await ctx.http.get(roomPath(roomId, '/messages'), { headers: outsider.headers });
    return (
      expectJsonError(res, {
        status: 403,
        request: `GET ${roomPath(roomId, '/messages')} by a signed-in user who is not a member`,
        why: "a room's messages are for its members",
      }) ?? pass()
    );
  },
});

const historyLimitValidated = defineCheck({
  id: 'history-limit-validated',
  title: 'A limit outside 1–100 answers 400 naming "limit"',
  topic: TOPIC.inputValidation,
  async run(ctx) {
    const { member, roomId } = await roomWithMessages(ctx, 1);
    for (const limit of ['0', '101', 'many']) {
      const path = roomPath(roomId, `/messages?limit=${limit}`);
      const res = await ctx.http.get(path, { headers: member.headers });
      const failure = expectJsonError(res, {
        status: 400,
        field: 'limit',
        request: `GET ${path}`,
        rule: 'limit is a whole number from 1 to 100',
        why: 'an unbounded page lets one request read a whole room',
      });
      if (failure) return failure;
    }
    return pass();
  },
});

export const historyStage = defineStage({
  id: 'history',
  title: 'Message history',
  difficulty: 'intermediate',
  needs: ['messaging'],
  topics: [TOPIC.restApis, TOPIC.authenticationVsAuthorization, TOPIC.inputValidation],
  checks: [historyNewestFirst, historyCursorPages, historyMembersOnly, historyLimitValidated],
});
