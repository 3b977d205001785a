// Dead-worker detection and the attempt guard at the SQL level; grading-workers.services.test.ts kills
// real worker processes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { gradingWorkers } from '../../db/schema';
import { createTestApp, signUp, type TestApp } from '../../test/test-app';
import { attemptSeed } from './attempt-seed';
import {
  forgetDeadWorkers,
  listOrphanedAttempts,
  registerWorker,
  releaseOrphanedAttempt,
  touchWorker,
} from './grading-workers.repository';
import {
  findSubmission,
  finishAttempt,
  insertSubmission,
  requeueAttempt,
  type SubmissionRow,
  startAttempt,
} from './submissions.repository';

const TIMEOUT_SECONDS = 20;

let t: TestApp;

before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
});

async function queuedSubmission(seed: number): Promise<SubmissionRow> {
  const learner = await signUp(t.app);
  return insertSubmission(t.database.db, {
    userId: learner.user.id,
    project: 'url-shortener',
    targetUrl: 'http://127.0.0.1:9/',
    mode: 'verified',
    seed,
  });
}

/** Makes a worker look silent for `seconds`, as if it died that long ago. */
async function silence(workerId: string, seconds: number) {
  await t.database.db
    .update(gradingWorkers)
    .set({ heartbeatAt: sql`now() - make_interval(secs => ${seconds})` })
    .where(eq(gradingWorkers.id, workerId));
}

const orphanIds = async () =>
  (await listOrphanedAttempts(t.database.db, TIMEOUT_SECONDS, 100)).map((orphan) => orphan.id);

describe('a worker that stops sending heartbeats', () => {
  it('has its running attempt handed over once, and can no longer finish it', async () => {
    const db = t.database.db;
    const dead = await registerWorker(db);
    const alive = await registerWorker(db);
    const row = await queuedSubmission(7);
    const running = await startAttempt(db, row.id, dead);
    assert.equal(running?.workerId, dead);
    assert.ok(!(await orphanIds()).includes(row.id), 'a worker that just reported is alive');

    await silence(dead, TIMEOUT_SECONDS + 1);
    await touchWorker(db, alive);
    const orphans = await listOrphanedAttempts(db, TIMEOUT_SECONDS, 100);
    const orphan = orphans.find((candidate) => candidate.id === row.id);
    assert.deepEqual(orphan, { id: row.id, attempt: 1, workerId: dead });

    // two sweepers race for it: exactly one wins
    const results = await Promise.all([
      releaseOrphanedAttempt(db, orphan),
      releaseOrphanedAttempt(db, orphan),
    ]);
    assert.deepEqual(results.sort(), [false, true]);
    assert.equal((await findSubmission(db, row.id))?.status, 'queued');
    assert.equal(
      await finishAttempt(db, row.id, 1, { status: 'passed', finishedAt: new Date() }),
      undefined,
      'the presumed-dead worker cannot write its result',
    );

    const retried = await startAttempt(db, row.id, alive);
    assert.equal(retried?.attempt, 2);
    assert.equal(retried?.workerId, alive);
    assert.equal(await releaseOrphanedAttempt(db, orphan), false, 'a stale sweep of attempt 1 does nothing');
    assert.equal(
      await finishAttempt(db, row.id, 1, { status: 'passed', finishedAt: new Date() }),
      undefined,
      'nor can it once attempt 2 runs',
    );
    assert.ok(!(await orphanIds()).includes(row.id), 'attempt 2 has a live worker');

    await forgetDeadWorkers(db, TIMEOUT_SECONDS);
    const left = await db.select({ id: gradingWorkers.id }).from(gradingWorkers);
    assert.ok(!left.some((worker) => worker.id === dead), 'the dead worker is forgotten');
    assert.ok(left.some((worker) => worker.id === alive));
  });

  it('is not forgotten while a running attempt still names it', async () => {
    const db = t.database.db;
    const dead = await registerWorker(db);
    const row = await queuedSubmission(8);
    await startAttempt(db, row.id, dead);
    await silence(dead, TIMEOUT_SECONDS + 1);
    await forgetDeadWorkers(db, TIMEOUT_SECONDS);
    assert.ok((await orphanIds()).includes(row.id));
    // a worker frozen long enough to be forgotten comes back with its next heartbeat
    await db.delete(gradingWorkers).where(eq(gradingWorkers.id, dead));
    assert.ok((await orphanIds()).includes(row.id), 'a worker with no row at all is dead too');
    await touchWorker(db, dead);
    assert.ok(!(await orphanIds()).includes(row.id));
  });
});

describe('the seed of each attempt', () => {
  it('is the submission’s for the first attempt and a different, recorded one for each retry', async () => {
    const db = t.database.db;
    const row = await queuedSubmission(2 ** 31 - 2);
    const first = await startAttempt(db, row.id, null);
    assert.equal(first?.seed, 2 ** 31 - 2);
    await requeueAttempt(db, row.id, 1);
    const second = await startAttempt(db, row.id, null);
    await requeueAttempt(db, row.id, 2);
    const third = await startAttempt(db, row.id, null);
    const seeds = [first?.seed, second?.seed, third?.seed];
    assert.deepEqual(
      seeds,
      [1, 2, 3].map((attempt) => attemptSeed(2 ** 31 - 2, attempt)),
    );
    assert.equal(new Set(seeds).size, 3, 'no two attempts share a seed');
    assert.ok(seeds.every((seed) => seed !== undefined && seed !== null && seed >= 0 && seed < 2 ** 31));
  });
});
