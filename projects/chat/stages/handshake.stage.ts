import {
  type CheckContext,
  defineCheck,
  defineStage,
  describeStatus,
  fail,
  pass,
  type Verdict,
  type WsConnection,
  WsError,
} from '@groundwork/grader';
import { type ChatUser, registerUser, wsPath } from './chat-client';
import { frameOf, frameProblem, isFrame, isSameId, quoteFrame } from './frames';
import { TOPIC } from './topics';

/** How long an upgraded-then-refused connection has to close (the spec: at once). */
const REFUSAL_CLOSE_MS = 2_000;

type Attempt = { kind: 'refused'; status: number; error: WsError } | { kind: 'open'; conn: WsConnection };

async function attempt(
  ctx: CheckContext,
  path: string,
  headers: Record<string, string> = {},
): Promise<Attempt> {
  try {
    return { kind: 'open', conn: await ctx.ws.connect(path, { headers }) };
  } catch (error) {
    if (error instanceof WsError && error.kind === 'handshake-refused') {
      return { kind: 'refused', status: error.exchange.response?.status ?? 0, error };
    }
    throw error;
  }
}

interface Refusal {
  /** The handshake in words: `a WebSocket handshake without a token`. */
  what: string;
  status: 401 | 403;
  closeCode: 4401 | 4403;
  why: string;
  topic: string;
}

/**
 * The handshake was refused as the spec allows: the HTTP status without upgrading, or an upgrade closed at
 * once with the matching close code before any frame other than an error.
 */
async function expectRefused(
  ctx: CheckContext,
  path: string,
  headers: Record<string, string>,
  refusal: Refusal,
): Promise<Verdict> {
  const expected = `HTTP ${refusal.status} without an upgrade (or an upgrade closed at once with code ${refusal.closeCode})`;
  const outcome = await attempt(ctx, path, headers);
  if (outcome.kind === 'refused') {
    if (outcome.status === refusal.status) return pass();
    return fail({
      expected,
      actual: `HTTP ${describeStatus(outcome.status)}`,
      hint: `${refusal.what} should be refused with ${refusal.status} (${refusal.why}), but the server answered ${describeStatus(outcome.status)}.`,
      topic: refusal.topic,
      exchange: outcome.error.exchange,
    });
  }
  const { conn } = outcome;
  const closed = await conn
    .waitForClose({ description: 'the refusal', timeoutMs: REFUSAL_CLOSE_MS })
    .catch(() => undefined);
  const leaked = conn.messages.find((message) => !isFrame(message, 'error'));
  if (closed?.code === refusal.closeCode && leaked === undefined) return pass();
  return fail({
    expected,
    actual: closed
      ? `an upgrade, closed with code ${closed.code}${leaked ? ` after sending ${quoteFrame(leaked)}` : ''}`
      : `an open WebSocket${leaked ? ` that sent ${quoteFrame(leaked)}` : ''}`,
    hint: `${refusal.what} should be refused (${refusal.why}), but the server ${closed ? `upgraded it and closed with code ${closed.code}${leaked ? ' after sending frames' : ''}` : 'upgraded it and kept it open'}.`,
    topic: refusal.topic,
    exchange: conn.record(),
  });
}

const wsReady = defineCheck({
  id: 'ws-ready',
  title: 'A WebSocket opened with a valid token gets {"type": "ready", "user": …} first',
  topic: TOPIC.websockets,
  async run(ctx) {
    const user: ChatUser = await registerUser(ctx, 'it can open a WebSocket');
    const conn = await ctx.ws.connect(wsPath(user.token));
    const ready = await conn.waitFor(() => true, { description: 'a first frame ({"type": "ready", …})' });
    const frame = frameOf(ready);
    const problem = frame?.type === 'ready' ? frameProblem(frame, 'ready') : 'it is not a "ready" frame';
    const user_ = frame?.user as Record<string, unknown> | undefined;
    if (problem === undefined && isSameId(user_?.id, user.id)) return pass();
    return fail({
      expected: `{"type": "ready", "user": {"id": ${JSON.stringify(user.id)}, "username": "${user.username}"}} as the first frame`,
      actual: quoteFrame(ready),
      hint: `The first frame on a new WebSocket should be "ready" with the user the token belongs to, but ${problem ?? `it names another user`}.`,
      exchange: conn.record(),
    });
  },
});

const wsRefusesBadToken = defineCheck({
  id: 'ws-refuses-bad-token',
  title: 'A WebSocket handshake without a token, or with an unknown one, is refused (401)',
  topic: TOPIC.tokenAuthentication,
  async run(ctx) {
    const missing = await expectRefused(
      ctx,
      '/ws',
      {},
      {
        what: 'A WebSocket handshake without a token',
        status: 401,
        closeCode: 4401,
        why: 'only signed-in users may connect',
        topic: TOPIC.tokenAuthentication,
      },
    );
    if (missing.status !== 'pass') return missing;
    return expectRefused(
      ctx,
      wsPath(`gw-unknown-${ctx.data.string(24)}`),
      {},
      {
        what: 'A WebSocket handshake with a token the server never issued',
        status: 401,
        closeCode: 4401,
        why: 'the token must be checked, not just present',
        topic: TOPIC.tokenAuthentication,
      },
    );
  },
});

const wsRefusesCrossSiteOrigin = defineCheck({
  id: 'ws-refuses-cross-site-origin',
  title: 'A handshake from another site’s page (a foreign Origin) is refused (403)',
  topic: TOPIC.websockets,
  async run(ctx) {
    const user = await registerUser(ctx, 'a foreign page tries to use its token');
    return expectRefused(
      ctx,
      wsPath(user.token),
      { origin: 'https://evil.example' },
      {
        what: 'A WebSocket handshake with Origin: https://evil.example',
        status: 403,
        closeCode: 4403,
        why: 'browsers send cookies and tokens from any page, so the Origin check is what stops cross-site WebSocket hijacking',
        topic: TOPIC.websockets,
      },
    );
  },
});

const wsAcceptsOwnOrigin = defineCheck({
  id: 'ws-accepts-own-origin',
  title: 'A handshake whose Origin is the server’s own is accepted',
  topic: TOPIC.websockets,
  async run(ctx) {
    const user = await registerUser(ctx, 'a page of the server itself connects');
    const origin = new URL(ctx.options.target).origin;
    const outcome = await attempt(ctx, wsPath(user.token), { origin });
    if (outcome.kind === 'refused') {
      return fail({
        expected: `101 Switching Protocols for Origin: ${origin}`,
        actual: `HTTP ${describeStatus(outcome.status)}`,
        hint: `A handshake from the server's own origin (${origin}) should be accepted, but it was refused with ${describeStatus(outcome.status)}: compare the Origin's host and port with the Host header.`,
        exchange: outcome.error.exchange,
      });
    }
    const { conn } = outcome;
    const closed = await conn
      .waitForClose({ description: 'no close', timeoutMs: 1_000 })
      .catch(() => undefined);
    if (closed === undefined) return pass();
    return fail({
      expected: `an open WebSocket for Origin: ${origin}`,
      actual: `closed with code ${closed.code}`,
      hint: `A handshake from the server's own origin (${origin}) should stay open, but the server closed it with code ${closed.code}.`,
      exchange: conn.record(),
    });
  },
});

export const handshakeStage = defineStage({
  id: 'handshake',
  title: 'WebSocket handshake',
  difficulty: 'intermediate',
  needs: ['accounts'],
  topics: [TOPIC.websockets, TOPIC.tokenAuthentication],
  checks: [wsReady, wsRefusesBadToken, wsRefusesCrossSiteOrigin, wsAcceptsOwnOrigin],
});
