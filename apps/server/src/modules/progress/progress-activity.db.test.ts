import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { progressEvents, submissions } from '../../db/schema';
import { baselineSpec, type ContentFixtures, createContentFixtures } from '../../test/content-fixture';
import { type Caller, createTestApp, signUp, type TestApp } from '../../test/test-app';
import { createProgressService } from './progress.service';
import { ProgressActivity } from './progress-activity';

let fixtures: ContentFixtures;
let t: TestApp;

before(async () => {
  fixtures = await createContentFixtures();
  t = await createTestApp({}, { contentDir: await fixtures.write(baselineSpec()) });
});
after(async () => {
  await t.close();
  await fixtures.remove();
});

const NOW = new Date('2026-03-10T09:00:00.000Z');

/** The service as the route uses it, with its clock fixed at `now`. */
function activityAt(now: Date) {
  const roadmap = t.roadmap;
  if (!roadmap) throw new Error('the test app has no roadmap');
  return createProgressService({ db: t.database.db, roadmap, now: () => now });
}

type EventSource = (typeof progressEvents.$inferInsert)['source'];

async function recordEvent(caller: Caller, at: string, source: EventSource = 'user') {
  await t.database.db.insert(progressEvents).values({
    userId: caller.user.id,
    topicId: 'http',
    fromStatus: 'todo',
    toStatus: 'learning',
    source,
    at: new Date(at),
  });
}

async function recordSubmission(caller: Caller, at: string) {
  await t.database.db.insert(submissions).values({
    userId: caller.user.id,
    project: 'url-shortener',
    targetUrl: 'http://127.0.0.1:8080',
    mode: 'self-reported',
    status: 'passed',
    createdAt: new Date(at),
  });
}

describe('the activity streak', () => {
  it('counts UTC days with a status change or a submission, however far back, and only your own', async () => {
    const learner = await signUp(t.app);
    const someoneElse = await signUp(t.app);
    // a six-day run long ago (only a submission on 3 Jan), then 8–10 March: 23:30 UTC on the 8th is still the 8th
    for (const day of ['01', '02', '04', '05', '06']) await recordEvent(learner, `2026-01-${day}T12:00:00Z`);
    await recordSubmission(learner, '2026-01-03T18:00:00Z');
    await recordSubmission(learner, '2026-03-08T23:30:00Z');
    await recordEvent(learner, '2026-03-09T00:10:00Z');
    await recordEvent(learner, '2026-03-09T15:00:00Z');
    await recordSubmission(learner, '2026-03-10T08:00:00Z');
    // not the learner's own doing, or not theirs at all: none of these days count
    await recordEvent(learner, '2026-03-07T12:00:00Z', 'import');
    await recordEvent(learner, '2026-03-07T13:00:00Z', 'reset');
    await recordEvent(someoneElse, '2026-03-07T12:00:00Z');
    await recordSubmission(someoneElse, '2026-03-06T12:00:00Z');

    assert.deepEqual(await activityAt(NOW).activity(learner.user.id), {
      streak: { current: 3, longest: 6, lastActiveOn: '2026-03-10' },
      activeDays: 9,
      today: '2026-03-10',
    });
    // tomorrow the streak still stands; the day after, it is over but the record stays
    const tomorrow = await activityAt(new Date('2026-03-11T23:00:00Z')).activity(learner.user.id);
    assert.equal(tomorrow.streak.current, 3);
    const later = await activityAt(new Date('2026-03-12T00:00:00Z')).activity(learner.user.id);
    assert.deepEqual(later.streak, { current: 0, longest: 6, lastActiveOn: '2026-03-10' });
  });

  it('answers the signed-in learner over HTTP, starting from nothing, and nobody signed out', async () => {
    const learner = await signUp(t.app);
    const get = (headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'GET', url: '/api/progress/activity', headers });

    const fresh = ProgressActivity.parse((await get(learner.headers)).json());
    assert.deepEqual(fresh.streak, { current: 0, longest: 0, lastActiveOn: null });

    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/progress/topics/http',
      headers: learner.writeHeaders,
      payload: { status: 'learning' },
    });
    assert.equal(put.statusCode, 200, put.body);
    const after = ProgressActivity.parse((await get(learner.headers)).json());
    assert.equal(after.streak.current, 1);
    assert.equal(after.streak.lastActiveOn, after.today);

    assert.equal((await get()).statusCode, 401);
  });
});
