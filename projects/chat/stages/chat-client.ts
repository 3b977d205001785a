import {
  type CheckContext,
  describeStatus,
  type Failure,
  fail,
  type HttpResponse,
  sleep,
  TargetError,
  type WsConnection,
  type WsConnectOptions,
  type WsMessage,
} from '@groundwork/grader';
import { describeJson, isObject } from '../../kit/checks/problem-body';
import { frameOf, isFrame, isSameId } from './frames';
import { TOPIC } from './topics';

/** An id as the contract allows it: a non-empty string or an integer. */
export type Id = string | number;

export interface ChatUser {
  id: Id;
  username: string;
  password: string;
  token: string;
  /** `{ authorization: 'Bearer …' }` */
  headers: Record<string, string>;
}

/**
 * A setup step the server got wrong: the check stops and reports it. Checks judge what they name;
 * setup steps are lenient (any 2xx, the id from the body or the Location).
 */
export class SetupFailure extends TargetError {
  constructor(private readonly failure: Failure) {
    super(failure.actual);
    this.name = 'SetupFailure';
  }

  toFailure(): Failure {
    return this.failure;
  }
}

const USERNAME_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh, valid username: `gw_` and 12 characters from the run's seed (never one an earlier run took). */
export function newUsername(ctx: CheckContext): string {
  return `gw_${ctx.data.string(12, USERNAME_ALPHABET)}`;
}

function idIn(value: unknown): Id | undefined {
  return (typeof value === 'string' && value !== '') || Number.isInteger(value) ? (value as Id) : undefined;
}

/** The user and token a register or log-in answer carries, when it has both. */
export function sessionOf(res: HttpResponse): { id: Id; username: string; token: string } | undefined {
  const body = res.json();
  if (!isObject(body) || !isObject(body.user)) return undefined;
  const id = idIn(body.user.id);
  const token = typeof body.token === 'string' && body.token !== '' ? body.token : undefined;
  if (id === undefined || token === undefined) return undefined;
  return { id, username: String(body.user.username), token };
}

/**
 * Registers a new user for a check (setup: any 2xx with a user and a token will do; the accounts stage
 * grades registration itself).
 */
export async function registerUser(ctx: CheckContext, purpose: string): Promise<ChatUser> {
  const username = newUsername(ctx);
  const password = ctx.data.password();
  const res = await ctx.http.post('/auth/register', { json: { username, password } });
  const session = sessionOf(res);
  if (res.status >= 200 && res.status <= 299 && session) {
    return { ...session, password, headers: { authorization: `Bearer ${session.token}` } };
  }
  throw new SetupFailure(
    fail({
      expected: 'a 2xx status with {"user": {"id", "username"}, "token"}',
      actual: `${describeStatus(res.status)} with ${describeJson(res.json())}`,
      hint: `POST /auth/register should create an account so that ${purpose}, but it answered ${describeStatus(res.status)}${session ? '' : ' without a user and a token'}.`,
      topic: TOPIC.signupAndLoginFlows,
      exchange: res.exchange,
    }),
  );
}

/** Registers `count` users at once. */
export function registerUsers(ctx: CheckContext, count: number, purpose: string): Promise<ChatUser[]> {
  return Promise.all(Array.from({ length: count }, () => registerUser(ctx, purpose)));
}

export function roomPath(roomId: Id, rest = ''): string {
  return `/rooms/${encodeURIComponent(String(roomId))}${rest}`;
}

function idFromLocation(res: HttpResponse): string | undefined {
  const location = res.header('location');
  if (location === undefined || !URL.canParse(location, res.url)) return undefined;
  const last = new URL(location, res.url).pathname.split('/').filter(Boolean).at(-1);
  return last === undefined ? undefined : decodeURIComponent(last);
}

/** The id of a created room: from the body, or the Location. */
export function roomIdOf(res: HttpResponse): Id | undefined {
  const body = res.json();
  return (isObject(body) ? idIn(body.id) : undefined) ?? idFromLocation(res);
}

/** A unique room name. */
export function newRoomName(ctx: CheckContext): string {
  return `Groundwork ${ctx.data.slug()}`;
}

/** Creates a room owned by `owner` (setup: any 2xx with an id). */
export async function createRoom(ctx: CheckContext, owner: ChatUser, purpose: string): Promise<Id> {
  const res = await ctx.http.post('/rooms', { json: { name: newRoomName(ctx) }, headers: owner.headers });
  const id = roomIdOf(res);
  if (res.status >= 200 && res.status <= 299 && id !== undefined) return id;
  throw new SetupFailure(
    fail({
      expected: 'a 2xx status with the new room and its id',
      actual: `${describeStatus(res.status)}${id === undefined ? ' without an id' : ''}`,
      hint: `POST /rooms should create a room so that ${purpose}, but it answered ${describeStatus(res.status)}${id === undefined ? ' with no id' : ''}.`,
      topic: TOPIC.restApis,
      exchange: res.exchange,
    }),
  );
}

/** Makes `user` a member of the room (setup: any 2xx). */
export async function joinRoom(
  ctx: CheckContext,
  user: ChatUser,
  roomId: Id,
  purpose: string,
): Promise<void> {
  const res = await ctx.http.put(roomPath(roomId, '/members/me'), { headers: user.headers });
  if (res.status >= 200 && res.status <= 299) return;
  throw new SetupFailure(
    fail({
      expected: 'a 2xx status',
      actual: describeStatus(res.status),
      hint: `PUT ${roomPath(roomId, '/members/me')} should make the caller a member so that ${purpose}, but it answered ${describeStatus(res.status)}.`,
      topic: TOPIC.restApis,
      exchange: res.exchange,
    }),
  );
}

/** A room created by the first user, with every other user joined. */
export async function roomWith(ctx: CheckContext, users: readonly ChatUser[], purpose: string): Promise<Id> {
  const [owner, ...others] = users;
  if (!owner) throw new TypeError('roomWith needs at least one user');
  const roomId = await createRoom(ctx, owner, purpose);
  await Promise.all(others.map((user) => joinRoom(ctx, user, roomId, purpose)));
  return roomId;
}

/** The WebSocket path for a token, as the spec names it: `/ws?token=…`. */
export function wsPath(token: string): string {
  return `/ws?token=${encodeURIComponent(token)}`;
}

/** Opens a WebSocket as `user` (a refused or stalled handshake fails the check with its own message). */
export function connectAs(
  ctx: CheckContext,
  user: ChatUser,
  options: WsConnectOptions = {},
): Promise<WsConnection> {
  return ctx.ws.connect(wsPath(user.token), options);
}

/**
 * Subscribes and waits for `subscribed` (or an error frame, which fails the check); returns `lastSeq`.
 * @example const lastSeq = await subscribe(conn, roomId, { since: 0 });
 */
export async function subscribe(
  conn: WsConnection,
  roomId: Id,
  options: { since?: number; timeoutMs?: number } = {},
): Promise<number> {
  conn.send({ type: 'subscribe', roomId, ...(options.since === undefined ? {} : { since: options.since }) });
  const answer = await conn.waitFor(
    (message) => isFrame(message, 'subscribed', roomId) || isFrame(message, 'error'),
    {
      description: `a "subscribed" frame for room ${roomId}`,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    },
  );
  const frame = frameOf(answer) ?? {};
  if (frame.type === 'error') {
    throw new SetupFailure(
      fail({
        expected: `a "subscribed" frame for room ${roomId}, whose member this user is`,
        actual: `an error frame: ${answer.text()}`,
        hint: `A member who sends {"type":"subscribe","roomId":${JSON.stringify(roomId)}} should get a "subscribed" frame, but the server answered with an error (code ${String(frame.code)}).`,
        topic: TOPIC.websockets,
        exchange: conn.record(),
      }),
    );
  }
  return Number.isInteger(frame.lastSeq) ? (frame.lastSeq as number) : 0;
}

/**
 * Subscribes a connection opened with `keepMessages: false`, whose frames `waitFor` cannot see.
 * @example await subscribeUnkept(ctx, conn, roomId);
 */
export function subscribeUnkept(ctx: CheckContext, conn: WsConnection, roomId: Id): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(
        new SetupFailure(
          fail({
            expected: `a "subscribed" frame for room ${roomId}`,
            actual: 'none within 5 s',
            hint: `A member who subscribes to a room should get a "subscribed" frame, but none came within 5 s.`,
            topic: TOPIC.websockets,
            exchange: conn.record(),
          }),
        ),
      );
    }, 5_000);
    const stop = conn.onMessage((message: WsMessage) => {
      if (!isFrame(message, 'subscribed', roomId)) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
    ctx.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    conn.send({ type: 'subscribe', roomId });
  });
}

/** Sends a chat message frame. */
export function say(conn: WsConnection, roomId: Id, text: string, clientId?: string): void {
  conn.send({ type: 'message', roomId, text, ...(clientId === undefined ? {} : { clientId }) });
}

/** Waits for the message frame carrying `text` in the room. */
export function waitForText(conn: WsConnection, roomId: Id, text: string, who: string, timeoutMs?: number) {
  return conn.waitFor((message) => isFrame(message, 'message', roomId) && frameOf(message)?.text === text, {
    description: `the message "${text}" at ${who}`,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

/** Every message frame of the room the connection has received so far. */
export function messagesIn(conn: WsConnection, roomId: Id) {
  return conn.messages.filter((message) => isFrame(message, 'message', roomId));
}

/** How long a check listens to be sure something did NOT arrive. */
export const QUIET_MS = 800;

/** Resolves after `ms`, or sooner when the check's time runs out. */
export function quietFor(ctx: CheckContext, ms = QUIET_MS): Promise<void> {
  return sleep(ms, ctx.signal).catch(() => undefined);
}

export { isSameId };
