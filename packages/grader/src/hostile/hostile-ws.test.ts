import { before, describe, it } from 'node:test';
import { defineCheck } from '../authoring/define';
import { pass } from '../authoring/verdict';
import { startWsFlood, startWsHugeFrame, startWsNeverUpgrading, startWsTricklingHandshake } from './fixtures';
import { assertHostileBounds, gradeAgainst, HOSTILE_DEADLINES, warmUpGrader } from './hostile-run';

/** What a chat check does: open a WebSocket and wait for the server's greeting. */
const awaitsWelcome = defineCheck({
  id: 'awaits-welcome',
  title: 'A WebSocket at /ws greets a new client',
  topic: 'websockets',
  async run(ctx) {
    // The check's own bounds sit inside the stage deadline, as a project's checks do.
    const conn = await ctx.ws.connect('/ws', { handshakeTimeoutMs: HOSTILE_DEADLINES.requestTimeoutMs });
    await conn.waitFor((message) => message.json<{ type?: string }>()?.type === 'welcome', {
      description: 'a "welcome" message',
      timeoutMs: HOSTILE_DEADLINES.requestTimeoutMs,
    });
    return pass();
  },
});

describe('hostile WebSocket servers, graded through runSuite', () => {
  before(warmUpGrader);

  it('a server that never upgrades', async (t) => {
    const measured = await gradeAgainst(t, startWsNeverUpgrading, awaitsWelcome);
    assertHostileBounds(
      measured,
      /^Opening a WebSocket at \/ws failed: the WebSocket handshake did not finish within 1 s\.$/,
    );
  });

  it('a server that trickles its handshake response, a byte a second', async (t) => {
    const measured = await gradeAgainst(t, startWsTricklingHandshake, awaitsWelcome);
    assertHostileBounds(measured, /the WebSocket handshake did not finish within 1 s/);
  });

  it('a server that floods small frames', async (t) => {
    const measured = await gradeAgainst(t, startWsFlood, awaitsWelcome);
    assertHostileBounds(
      measured,
      /^The WebSocket at \/ws did not deliver a "welcome" message: the server sent more than 2000 messages or 8 MiB, so the grader closed the connection before a "welcome" message arrived\.$/,
    );
  });

  it('a server that sends one frame larger than the message limit', async (t) => {
    const measured = await gradeAgainst(t, startWsHugeFrame, awaitsWelcome);
    assertHostileBounds(
      measured,
      /^The WebSocket at \/ws did not deliver a "welcome" message: the server sent a message larger than the 64 KiB limit, so the grader closed the connection before a "welcome" message arrived\.$/,
    );
  });
});
