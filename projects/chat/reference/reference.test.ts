import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningReference } from '../../kit/project';
import { startReference } from './server';
import {
  type Account,
  call,
  isType,
  openSocket,
  refusedStatus,
  registerAccount,
  roomOf,
  type TestSocket,
} from './test-client';

let reference: RunningReference;
let base: string;
const sockets: TestSocket[] = [];

/** Opens a socket as the account and waits for `ready`; closed after the tests. */
async function connect(account: Account): Promise<TestSocket> {
  const socket = await openSocket(base, account.token);
  sockets.push(socket);
  await socket.next(isType('ready'));
  return socket;
}

async function subscribe(socket: TestSocket, roomId: string, since?: number) {
  socket.send({ type: 'subscribe', roomId, ...(since === undefined ? {} : { since }) });
  return socket.next(isType('subscribed', roomId));
}

const textsIn = (socket: TestSocket, roomId: string) =>
  socket.frames.filter(isType('message', roomId)).map((frame) => frame.text);

before(async () => {
  reference = await startReference({ config: { allowedOrigins: ['https://app.example'] } });
  base = reference.url;
});
after(async () => {
  for (const { socket } of sockets) socket.terminate();
  await reference.close();
});

describe('REST', () => {
  test('register, log in, rooms, members and the errors of each', async () => {
    const register = await call(base, 'POST', '/auth/register', {
      body: { username: 'Ada_Lovelace', password: 'correct horse' },
    });
    assert.equal(register.status, 201);
    assert.deepEqual(Object.keys(register.body).sort(), ['token', 'user']);
    assert.equal((register.body.user as Account).username, 'ada_lovelace');
    const taken = await call(base, 'POST', '/auth/register', {
      body: { username: 'ADA_LOVELACE', password: 'another one' },
    });
    assert.equal(taken.status, 409);
    const short = await call(base, 'POST', '/auth/register', {
      body: { username: 'ab', password: 'correct horse' },
    });
    assert.equal(short.status, 400);
    assert.equal(short.body.field, 'username');

    const login = await call(base, 'POST', '/auth/login', {
      body: { username: 'ada_lovelace', password: 'correct horse' },
    });
    assert.equal(login.status, 200);
    const wrong = await call(base, 'POST', '/auth/login', {
      body: { username: 'ada_lovelace', password: 'nope nope' },
    });
    const unknown = await call(base, 'POST', '/auth/login', {
      body: { username: 'nobody_here', password: 'nope nope' },
    });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.detail, unknown.body.detail);

    const token = String(login.body.token);
    assert.equal((await call(base, 'POST', '/rooms', { body: { name: 'x' } })).status, 401);
    const created = await call(base, 'POST', '/rooms', { token, body: { name: '  Book club  ' } });
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('location'), `/rooms/${created.body.id}`);
    assert.equal(created.body.name, 'Book club');
    const roomId = String(created.body.id);
    assert.equal((await call(base, 'GET', `/rooms/${roomId}`, { token })).status, 200);
    assert.equal((await call(base, 'GET', '/rooms/999999', { token })).status, 404);
    assert.equal((await call(base, 'GET', '/rooms/abc', { token })).status, 404);

    const other = await registerAccount(base);
    assert.equal((await call(base, 'GET', `/rooms/${roomId}/members`, { token: other.token })).status, 403);
    assert.equal(
      (await call(base, 'PUT', `/rooms/${roomId}/members/me`, { token: other.token })).status,
      204,
    );
    assert.equal(
      (await call(base, 'PUT', `/rooms/${roomId}/members/me`, { token: other.token })).status,
      204,
    );
    const members = await call(base, 'GET', `/rooms/${roomId}/members`, { token: other.token });
    assert.deepEqual(
      (members.body.members as { username: string; online: boolean }[]).map((m) => [m.username, m.online]),
      [
        ['ada_lovelace', false],
        [other.username, false],
      ],
    );
    assert.equal(
      (await call(base, 'DELETE', `/rooms/${roomId}/members/me`, { token: other.token })).status,
      204,
    );
    assert.equal((await call(base, 'GET', `/rooms/${roomId}/members`, { token: other.token })).status, 403);
  });
});

describe('WebSocket', () => {
  test('the handshake: 401 without a valid token, 403 for a foreign Origin, ready for the own one', async () => {
    const ada = await registerAccount(base);
    assert.equal(await refusedStatus(openSocket(base, '')), 401);
    assert.equal(await refusedStatus(openSocket(base, 'not-a-token')), 401);
    assert.equal(await refusedStatus(openSocket(base, ada.token, { origin: 'https://evil.example' })), 403);
    assert.equal(await refusedStatus(openSocket(base, ada.token, { origin: 'https://app.example' })), 'open');
    const own = await openSocket(base, ada.token, { origin: base });
    sockets.push(own);
    assert.deepEqual(await own.next(() => true), {
      type: 'ready',
      user: { id: ada.id, username: ada.username },
    });
  });

  test('messages reach every subscribed connection once, with the room’s seq and the clientId', async () => {
    const [ada, bob, eve] = [
      await registerAccount(base),
      await registerAccount(base),
      await registerAccount(base),
    ];
    const roomId = await roomOf(base, ada, bob);
    const [adaSocket, bobFirst, bobSecond, eveSocket] = [
      await connect(ada),
      await connect(bob),
      await connect(bob),
      await connect(eve),
    ];
    assert.deepEqual(await subscribe(adaSocket, roomId), { type: 'subscribed', roomId, lastSeq: 0 });
    await subscribe(bobFirst, roomId);
    await subscribe(bobSecond, roomId);
    adaSocket.send({ type: 'message', roomId, text: 'hello 👋', clientId: 'c-1' });
    for (const socket of [adaSocket, bobFirst, bobSecond]) {
      const frame = await socket.next(isType('message', roomId));
      assert.equal(frame.seq, 1);
      assert.equal(frame.text, 'hello 👋');
      assert.equal(frame.clientId, 'c-1');
      assert.deepEqual(frame.sender, { id: ada.id, username: ada.username });
    }
    adaSocket.send({ type: 'message', roomId, text: 'two' });
    await bobFirst.next((frame) => frame.seq === 2);

    eveSocket.send({ type: 'subscribe', roomId });
    assert.equal((await eveSocket.next(isType('error'))).code, 'not-a-member');
    eveSocket.send({ type: 'message', roomId: '999999', text: 'hi' });
    assert.equal((await eveSocket.next((frame) => frame.code === 'room-not-found')).roomId, '999999');
    adaSocket.send('{"type": "message", "roomId": ');
    adaSocket.send({ type: 'message', roomId, text: 'x'.repeat(4001) });
    adaSocket.send({ type: 'message', roomId, text: '😀'.repeat(4000) });
    assert.equal((await adaSocket.next((frame) => frame.code === 'bad-frame')).type, 'error');
    assert.equal((await adaSocket.next((frame) => frame.code === 'invalid-message')).type, 'error');
    await bobFirst.next((frame) => frame.seq === 3);
    await sleep(200);
    assert.equal(textsIn(adaSocket, roomId).length, 3, 'the sender got each of its messages once');
    assert.equal(textsIn(bobSecond, roomId).length, 3);
    assert.equal(eveSocket.frames.filter(isType('message')).length, 0, 'the outsider got nothing');
  });

  test('since resumes with exactly the missed messages, then live ones', async () => {
    const [ada, bob] = [await registerAccount(base), await registerAccount(base)];
    const roomId = await roomOf(base, ada, bob);
    const adaSocket = await connect(ada);
    await subscribe(adaSocket, roomId);
    for (const n of [1, 2, 3, 4, 5]) adaSocket.send({ type: 'message', roomId, text: `m${n}` });
    await adaSocket.next((frame) => frame.seq === 5);
    const bobSocket = await connect(bob);
    assert.equal((await subscribe(bobSocket, roomId, 2)).lastSeq, 5);
    adaSocket.send({ type: 'message', roomId, text: 'm6' });
    await bobSocket.next((frame) => frame.seq === 6);
    assert.deepEqual(textsIn(bobSocket, roomId), ['m3', 'm4', 'm5', 'm6']);

    const history = await call(base, 'GET', `/rooms/${roomId}/messages?limit=4`, { token: bob.token });
    assert.deepEqual(
      (history.body.messages as { seq: number }[]).map((m) => m.seq),
      [6, 5, 4, 3],
    );
    const older = await call(
      base,
      'GET',
      `/rooms/${roomId}/messages?limit=4&cursor=${encodeURIComponent(String(history.body.nextCursor))}`,
      { token: bob.token },
    );
    assert.deepEqual(
      (older.body.messages as { seq: number }[]).map((m) => m.seq),
      [2, 1],
    );
    assert.equal(older.body.nextCursor, null);
    const badLimit = await call(base, 'GET', `/rooms/${roomId}/messages?limit=101`, { token: bob.token });
    assert.equal(badLimit.body.field, 'limit');
    const badCursor = await call(base, 'GET', `/rooms/${roomId}/messages?cursor=nope`, { token: bob.token });
    assert.equal(badCursor.body.field, 'cursor');
  });

  test('presence and typing: online and offline for the room, typing to the others once per 2 s', async () => {
    const [ada, bob] = [await registerAccount(base), await registerAccount(base)];
    const roomId = await roomOf(base, ada, bob);
    const adaSocket = await connect(ada);
    await subscribe(adaSocket, roomId);
    const bobSocket = await connect(bob);
    await subscribe(bobSocket, roomId);
    const isBob = (frame: Record<string, unknown>) => (frame.user as Account | undefined)?.id === bob.id;
    const online = await adaSocket.next((frame) => isType('presence', roomId)(frame) && isBob(frame));
    assert.deepEqual(online, {
      type: 'presence',
      roomId,
      user: { id: bob.id, username: bob.username },
      status: 'online',
    });
    const members = await call(base, 'GET', `/rooms/${roomId}/members`, { token: ada.token });
    assert.ok((members.body.members as { online: boolean }[]).every((member) => member.online));

    for (let n = 0; n < 5; n++) bobSocket.send({ type: 'typing', roomId });
    assert.deepEqual(await adaSocket.next(isType('typing', roomId)), {
      type: 'typing',
      roomId,
      user: { id: bob.id, username: bob.username },
    });
    await sleep(300);
    assert.equal(adaSocket.frames.filter(isType('typing')).length, 1, 'one notice in 2 s');
    assert.equal(bobSocket.frames.filter(isType('typing')).length, 0, 'none back to the typist');

    bobSocket.socket.close();
    await adaSocket.next(
      (frame) => isType('presence', roomId)(frame) && isBob(frame) && frame.status === 'offline',
    );
  });

  test('limits: a frame over 64 KiB closes with 1009; leaving silences the room; logout closes with 4401', async () => {
    const [ada, bob] = [await registerAccount(base), await registerAccount(base)];
    const roomId = await roomOf(base, ada, bob);
    const adaSocket = await connect(ada);
    const bobSocket = await connect(bob);
    await subscribe(adaSocket, roomId);
    await subscribe(bobSocket, roomId);

    const huge = await connect(ada);
    huge.send({ type: 'message', roomId, text: 'x'.repeat(70 * 1024) });
    assert.equal((await huge.closed).code, 1009);

    assert.equal(
      (await call(base, 'DELETE', `/rooms/${roomId}/members/me`, { token: bob.token })).status,
      204,
    );
    adaSocket.send({ type: 'message', roomId, text: 'after bob left' });
    await adaSocket.next((frame) => frame.text === 'after bob left');
    bobSocket.send({ type: 'message', roomId, text: 'from a former member' });
    assert.equal((await bobSocket.next(isType('error'))).code, 'not-a-member');
    await sleep(200);
    assert.deepEqual(textsIn(bobSocket, roomId), []);

    assert.equal((await call(base, 'POST', '/auth/logout', { token: ada.token })).status, 204);
    assert.deepEqual(await adaSocket.closed, { code: 4401, reason: 'unauthenticated' });
    assert.equal((await call(base, 'POST', '/rooms', { token: ada.token, body: { name: 'x' } })).status, 401);
    assert.equal(await refusedStatus(openSocket(base, ada.token)), 401);
  });

  test('liveness: the server pings each second and answers pings', async () => {
    const ada = await registerAccount(base);
    const socket = await connect(ada);
    const pinged = new Promise((resolve) => socket.socket.once('ping', resolve));
    const ponged = new Promise((resolve) => socket.socket.once('pong', resolve));
    socket.socket.ping();
    await Promise.all([pinged, ponged]);
  });
});

describe('faults', () => {
  test('--fault switches one bug on: sender-echoed-twice sends the sender its message twice', async () => {
    const faulty = await startReference({ fault: 'sender-echoed-twice', config: { allowedOrigins: [] } });
    try {
      const ada = await registerAccount(faulty.url);
      const roomId = await roomOf(faulty.url, ada);
      const socket = await openSocket(faulty.url, ada.token);
      sockets.push(socket);
      socket.send({ type: 'subscribe', roomId });
      await socket.next(isType('subscribed', roomId));
      socket.send({ type: 'message', roomId, text: 'echo' });
      await socket.next((frame) => frame.seq === 1);
      await sleep(200);
      assert.equal(textsIn(socket, roomId).length, 2);
    } finally {
      await faulty.close();
    }
  });

  test('an unknown fault is refused', async () => {
    await assert.rejects(startReference({ fault: 'no-such-fault' }), /Unknown chat fault "no-such-fault"/);
  });
});
