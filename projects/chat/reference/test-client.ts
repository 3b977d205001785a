// A plain client for the reference's own tests: fetch for REST, `ws` for the WebSocket. No grader code,
// so the tests show the reference working as any client would see it.
import WebSocket from 'ws';

export interface Account {
  id: string;
  username: string;
  token: string;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

let accounts = 0;

/** Calls the REST API with an optional bearer token and JSON body. */
export async function call(
  base: string,
  method: string,
  path: string,
  { token, body }: { token?: string; body?: unknown } = {},
): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? {} : JSON.parse(text) };
}

export async function registerAccount(base: string): Promise<Account> {
  accounts += 1;
  const username = `user_${process.pid}_${accounts}`;
  const { body } = await call(base, 'POST', '/auth/register', {
    body: { username, password: 'correct horse' },
  });
  const user = body.user as { id: string; username: string };
  return { id: user.id, username: user.username, token: String(body.token) };
}

/** A room created by the first account, with every other one joined. */
export async function roomOf(base: string, owner: Account, ...others: Account[]): Promise<string> {
  const { body } = await call(base, 'POST', '/rooms', { token: owner.token, body: { name: 'Book club' } });
  const roomId = String(body.id);
  for (const other of others) await call(base, 'PUT', `/rooms/${roomId}/members/me`, { token: other.token });
  return roomId;
}

export type Frame = Record<string, unknown>;

/** An open WebSocket that keeps every frame it received and waits for the ones a test expects. */
export interface TestSocket {
  socket: WebSocket;
  frames: Frame[];
  send(frame: unknown): void;
  next(predicate: (frame: Frame) => boolean, timeoutMs?: number): Promise<Frame>;
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens `/ws?token=…`; rejects with the HTTP status when the handshake is refused. */
export function openSocket(
  base: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<TestSocket> {
  const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`, {
    headers,
  });
  const frames: Frame[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Frame);
    for (const waiter of [...waiters]) waiter();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) }));
  });
  const next = (predicate: (frame: Frame) => boolean, timeoutMs = 3_000) =>
    new Promise<Frame>((resolve, reject) => {
      let seen = 0;
      const check = () => {
        for (; seen < frames.length; seen++) {
          const frame = frames[seen] as Frame;
          if (predicate(frame)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(frame);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return new Promise((resolve, reject) => {
    socket.once('open', () =>
      resolve({ socket, frames, send: (frame) => socket.send(JSON.stringify(frame)), next, closed }),
    );
    socket.once('unexpected-response', (_request, response) => {
      reject(
        Object.assign(new Error(`handshake refused: ${response.statusCode}`), {
          status: response.statusCode,
        }),
      );
    });
    socket.once('error', reject);
  });
}

/** The status a refused handshake answered. */
export async function refusedStatus(attempt: Promise<TestSocket>): Promise<number | 'open'> {
  try {
    (await attempt).socket.terminate();
    return 'open';
  } catch (error) {
    return (error as { status: number }).status;
  }
}

export const isType = (type: string, roomId?: string) => (frame: Frame) =>
  frame.type === type && (roomId === undefined || frame.roomId === roomId);
