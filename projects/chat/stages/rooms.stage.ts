import {
  type CheckContext,
  defineCheck,
  defineStage,
  describeStatus,
  expectHeader,
  expectStatus,
  fail,
  type HttpResponse,
  is,
  pass,
} from '@groundwork/grader';
import { describeJson, expectJsonError, isObject } from '../../kit/checks/problem-body';
import {
  type ChatUser,
  createRoom,
  type Id,
  isSameId,
  joinRoom,
  newRoomName,
  registerUser,
  registerUsers,
  roomIdOf,
  roomPath,
} from './chat-client';
import { TOPIC } from './topics';

/** The member list of a members answer, when it has one. */
function membersOf(res: HttpResponse): Record<string, unknown>[] | undefined {
  const body = res.json();
  if (!isObject(body) || !Array.isArray(body.members)) return undefined;
  return body.members.filter(isObject);
}

function lists(members: readonly Record<string, unknown>[], user: ChatUser): boolean {
  return members.some((member) => isSameId(member.id, user.id));
}

async function readMembers(ctx: CheckContext, reader: ChatUser, roomId: Id) {
  const res = await ctx.http.get(roomPath(roomId, '/members'), { headers: reader.headers });
  return { res, members: membersOf(res) };
}

const roomsNeedToken = defineCheck({
  id: 'rooms-need-token',
  title: 'Rooms cannot be created or read without a token (401)',
  topic: TOPIC.tokenAuthentication,
  async run(ctx) {
    const create = await ctx.http.post('/rooms', { json: { name: newRoomName(ctx) } });
    const failure = expectJsonError(create, {
      status: 401,
      request: 'POST /rooms without an Authorization header',
      why: 'only signed-in users may create rooms',
    });
    if (failure) return failure;
    const owner = await registerUser(ctx, 'there is a room to read');
    const roomId = await createRoom(ctx, owner, 'there is a room to read');
    const read = await ctx.http.get(roomPath(roomId));
    return (
      expectJsonError(read, {
        status: 401,
        request: `GET ${roomPath(roomId)} without an Authorization header`,
        why: 'every room route needs a token',
      }) ?? pass()
    );
  },
});

const createRoom201 = defineCheck({
  id: 'create-room-201',
  title: 'POST /rooms answers 201 with the room, its creator and a Location',
  topic: TOPIC.restApis,
  async run(ctx) {
    const owner = await registerUser(ctx, 'a signed-in user creates a room');
    const name = newRoomName(ctx);
    const res = await ctx.http.post('/rooms', { json: { name }, headers: owner.headers });
    const failure =
      expectStatus(res, 201, {
        hint: `POST /rooms should answer 201 Created for a new room, but it answered ${describeStatus(res.status)}.`,
        topic: TOPIC.httpStatusCodes,
      }) ?? expectHeader(res, 'location', is.present(), { topic: TOPIC.httpStatusCodes });
    if (failure) return failure;
    const body = res.json();
    const id = roomIdOf(res);
    const createdBy = isObject(body) && isObject(body.createdBy) ? body.createdBy : undefined;
    if (!isObject(body) || body.name !== name || id === undefined || !isSameId(createdBy?.id, owner.id)) {
      return fail({
        expected: `{"id", "name": "${name}", "createdBy": {"id": ${JSON.stringify(owner.id)}, …}, "createdAt"}`,
        actual: describeJson(body),
        hint: 'POST /rooms should answer the room it created: its id, its name, and the user who created it.',
        exchange: res.exchange,
      });
    }
    const read = await ctx.http.get(roomPath(id), { headers: owner.headers });
    const readBody = read.json();
    if (read.status === 200 && isObject(readBody) && isSameId(readBody.id, id)) return pass();
    return fail({
      expected: `200 with the room ${JSON.stringify(id)}`,
      actual: `${describeStatus(read.status)} with ${describeJson(readBody)}`,
      hint: `GET ${roomPath(id)} should answer the room POST /rooms just created, but it answered ${describeStatus(read.status)}.`,
      exchange: read.exchange,
    });
  },
});

const joinRoomCheck = defineCheck({
  id: 'join-room',
  title: 'PUT /rooms/{id}/members/me joins the room: the member list shows the new member',
  topic: TOPIC.restApis,
  async run(ctx) {
    const [owner, joiner] = (await registerUsers(ctx, 2, 'a user joins a room')) as [ChatUser, ChatUser];
    const roomId = await createRoom(ctx, owner, 'a user joins it');
    const res = await ctx.http.put(roomPath(roomId, '/members/me'), { headers: joiner.headers });
    const failure = expectStatus(res, [200, 201, 204], {
      hint: `PUT ${roomPath(roomId, '/members/me')} should add the caller to the room (204), but it answered ${describeStatus(res.status)}.`,
    });
    if (failure) return failure;
    const { res: list, members } = await readMembers(ctx, owner, roomId);
    if (list.status === 200 && members && lists(members, joiner) && lists(members, owner)) return pass();
    return fail({
      expected: `200 with {"members": [...]} listing the creator ${owner.username} and ${joiner.username}, who just joined`,
      actual: `${describeStatus(list.status)} with ${describeJson(list.json())}`,
      hint: `After ${joiner.username} joined, GET ${roomPath(roomId, '/members')} should list them next to the creator, but it does not.`,
      exchange: list.exchange,
    });
  },
});

const leaveRoom = defineCheck({
  id: 'leave-room',
  title: 'DELETE /rooms/{id}/members/me leaves the room: the member list no longer shows them',
  topic: TOPIC.restApis,
  async run(ctx) {
    const [owner, leaver] = (await registerUsers(ctx, 2, 'a member leaves a room')) as [ChatUser, ChatUser];
    const roomId = await createRoom(ctx, owner, 'a member leaves it');
    await joinRoom(ctx, leaver, roomId, 'they can leave it');
    const res = await ctx.http.delete(roomPath(roomId, '/members/me'), { headers: leaver.headers });
    const failure = expectStatus(res, [200, 204], {
      hint: `DELETE ${roomPath(roomId, '/members/me')} should take the caller out of the room (204), but it answered ${describeStatus(res.status)}.`,
    });
    if (failure) return failure;
    const { res: list, members } = await readMembers(ctx, owner, roomId);
    if (list.status === 200 && members && !lists(members, leaver) && lists(members, owner)) return pass();
    return fail({
      expected: `200 with {"members": [...]} without ${leaver.username}, who left`,
      actual: `${describeStatus(list.status)} with ${describeJson(list.json())}`,
      hint: `After ${leaver.username} left, GET ${roomPath(roomId, '/members')} should no longer list them, but it still does (or did not answer the list).`,
      exchange: list.exchange,
    });
  },
});

const membersOnlyMembers = defineCheck({
  id: 'members-only-members',
  title: "Only a room's members may list its members (403 for anyone else)",
  topic: TOPIC.authenticationVsAuthorization,
  async run(ctx) {
    const [owner, outsider] = (await registerUsers(ctx, 2, 'an outsider asks for the members')) as [
      ChatUser,
      ChatUser,
    ];
    const roomId = await createRoom(ctx, owner, 'an outsider asks who is in it');
    const res = await ctx.http.get(roomPath(roomId, '/members'), { headers: outsider.headers });
    return (
      expectJsonError(res, {
        status: 403,
        request: `GET ${roomPath(roomId, '/members')} by a signed-in user who is not a member`,
        why: 'who is in a room is for its members to see',
      }) ?? pass()
    );
  },
});

export const roomsStage = defineStage({
  id: 'rooms',
  title: 'Rooms and members',
  difficulty: 'beginner',
  needs: ['accounts'],
  topics: [
    TOPIC.restApis,
    TOPIC.httpStatusCodes,
    TOPIC.tokenAuthentication,
    TOPIC.authenticationVsAuthorization,
  ],
  checks: [roomsNeedToken, createRoom201, joinRoomCheck, leaveRoom, membersOnlyMembers],
});
