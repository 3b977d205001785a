import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { sessions } from '../../db/schema';
import { createTestApp, signUp, type TestApp } from '../../test/test-app';
import { startSessionPurge } from './session-purge';

const DAY_MS = 24 * 60 * 60 * 1000;

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const sessionsOf = (userId: string) =>
  t.database.db.select().from(sessions).where(eq(sessions.userId, userId));

describe('expired sessions are purged', () => {
  it('deletes expired session rows when the purge starts, and keeps live ones signed in', async () => {
    const lapsed = await signUp(t.app);
    const active = await signUp(t.app);
    // as if the session lifetime had passed without a visit
    await t.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - DAY_MS) })
      .where(eq(sessions.userId, lapsed.user.id));
    assert.equal((await sessionsOf(lapsed.user.id)).length, 1);

    const purge = startSessionPurge({ db: t.database.db, logger: pino({ level: 'silent' }) });
    // stop() waits for the purge in flight: the one every start runs at once
    await purge.stop();

    assert.deepEqual(await sessionsOf(lapsed.user.id), []);
    assert.equal((await sessionsOf(active.user.id)).length, 1);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: active.headers });
    assert.equal(me.statusCode, 200, 'a live session still signs its user in');
  });
});
