import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MyProgress, ProgressDocument, ProgressEntry } from '@groundwork/contracts';
import { count, eq } from 'drizzle-orm';
import { progressEvents } from '../../db/schema';
import { baselineSpec, type ContentFixtures, createContentFixtures } from '../../test/content-fixture';
import { type Caller, createTestApp, signUp, type TestApp } from '../../test/test-app';
import { progressOf } from './progress.repository';

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

const put = (caller: Caller, topicId: string, payload: unknown) =>
  t.app.inject({
    method: 'PUT',
    url: `/api/progress/topics/${topicId}`,
    headers: caller.writeHeaders,
    payload: payload as Record<string, unknown>,
  });

async function mark(caller: Caller, statuses: Record<string, string>) {
  for (const [topicId, status] of Object.entries(statuses)) {
    const response = await put(caller, topicId, { status });
    assert.equal(response.statusCode, 200, response.body);
  }
}

async function fetchProgress(caller: Caller): Promise<MyProgress> {
  const response = await t.app.inject({ method: 'GET', url: '/api/progress', headers: caller.headers });
  assert.equal(response.statusCode, 200, response.body);
  return MyProgress.parse(response.json());
}

async function exportOf(caller: Caller) {
  const response = await t.app.inject({
    method: 'GET',
    url: '/api/progress/export',
    headers: caller.headers,
  });
  assert.equal(response.statusCode, 200, response.body);
  return response;
}

const importInto = (caller: Caller, document: unknown) =>
  t.app.inject({
    method: 'POST',
    url: '/api/progress/import',
    headers: caller.writeHeaders,
    payload: document as Record<string, unknown>,
  });

const reset = (caller: Caller) =>
  t.app.inject({ method: 'POST', url: '/api/progress/reset', headers: caller.writeHeaders });

async function countEvents(caller: Caller) {
  const [row] = await t.database.db
    .select({ n: count() })
    .from(progressEvents)
    .where(eq(progressEvents.userId, caller.user.id));
  return row?.n ?? 0;
}

describe('setting and reading progress', () => {
  it('returns the entry, keeps the note when it is left out and clears it with null', async () => {
    const learner = await signUp(t.app);
    const first = await put(learner, 'http', { status: 'learning', note: 'chapter 3' });
    assert.equal(first.statusCode, 200);
    const { updatedAt, ...entry } = ProgressEntry.parse(first.json());
    assert.deepEqual(entry, {
      topicId: 'http',
      title: 'Topic http',
      status: 'learning',
      note: 'chapter 3',
      verifiedAt: null,
      isArchived: false,
    });
    assert.ok(
      updatedAt && Math.abs(Date.parse(updatedAt) - Date.now()) < 60_000,
      'stamped with the time of the write',
    );
    assert.equal((await put(learner, 'http', { status: 'done' })).json().note, 'chapter 3');
    assert.equal((await put(learner, 'http', { status: 'done', note: null })).json().note, null);
    const { entries } = await fetchProgress(learner);
    assert.deepEqual(
      entries.map((entry) => [entry.topicId, entry.status, entry.note]),
      [['http', 'done', null]],
    );
  });

  it('records an event for each change of status, and none for a note-only edit', async () => {
    const learner = await signUp(t.app);
    await mark(learner, { basics: 'learning' });
    await mark(learner, { basics: 'done' });
    await put(learner, 'basics', { status: 'done', note: 'easy' });
    const events = await t.database.db
      .select({ from: progressEvents.fromStatus, to: progressEvents.toStatus, source: progressEvents.source })
      .from(progressEvents)
      .where(eq(progressEvents.userId, learner.user.id))
      .orderBy(progressEvents.id);
    assert.deepEqual(events, [
      { from: 'todo', to: 'learning', source: 'user' },
      { from: 'learning', to: 'done', source: 'user' },
    ]);
  });

  it('refuses bad input with the field at fault, and an unknown topic with 404', async () => {
    const learner = await signUp(t.app);
    const status = await put(learner, 'http', { status: 'finished' });
    assert.equal(status.statusCode, 400);
    assert.equal(status.json().errors[0].field, 'status');
    const note = await put(learner, 'http', { status: 'done', note: 'x'.repeat(2001) });
    assert.equal(note.statusCode, 400);
    assert.equal(note.json().errors[0].field, 'note');
    const unknown = await put(learner, 'no-such-topic', { status: 'done' });
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.json().detail, /no topic "no-such-topic"/);
    assert.equal((await put(learner, 'Bad_Id', { status: 'done' })).json().errors[0].field, 'params.topicId');
    assert.deepEqual((await fetchProgress(learner)).entries, []);
  });
});

describe('the summary and what to learn next', () => {
  it('sums required topics per stage and overall, pricing a choice at the alternative started', async () => {
    const learner = await signUp(t.app);
    await mark(learner, { basics: 'done', go: 'learning', git: 'done', sql: 'skipped' });
    const { summary, next } = await fetchProgress(learner);
    assert.deepEqual(summary.stages[0], {
      stageId: 'beginner',
      title: 'Beginner',
      requiredTopics: 3,
      done: 1,
      skipped: 0,
      percent: 33,
      hours: { total: 100, remaining: 60 },
    });
    assert.deepEqual(summary.stages[1]?.hours, { total: 100, remaining: 60 });
    assert.deepEqual(summary.overall, {
      requiredTopics: 7,
      done: 1,
      skipped: 1,
      percent: 28,
      hours: { total: 300, remaining: 220 },
    });
    assert.deepEqual(
      next.map((topic) => [topic.id, topic.status]),
      [
        ['http', 'todo'],
        ['go', 'learning'],
      ],
      'python is not offered once go is taken; apis waits for http and a language',
    );
  });
});

describe('verification by the grader', () => {
  it('shows verified topics apart from self-marked ones, counting them as done, and never lets a learner set it', async () => {
    const learner = await signUp(t.app);
    await mark(learner, { basics: 'done' });
    await progressOf(t.database.db, learner.user.id).markVerified(['http'], new Date());
    const progress = await fetchProgress(learner);
    assert.deepEqual(
      progress.entries.map((entry) => [
        entry.topicId,
        entry.status,
        entry.updatedAt === null,
        entry.verifiedAt === null,
      ]),
      [
        ['basics', 'done', false, true],
        ['http', 'todo', true, false],
      ],
    );
    assert.deepEqual(progress.verifiedTopicIds, ['http']);
    assert.equal(progress.summary.verifiedCount, 1);
    assert.equal(progress.summary.stages[0]?.done, 2);
    const forged = await put(learner, 'sql', { status: 'done', verifiedAt: new Date().toISOString() });
    assert.equal(forged.statusCode, 400);
    assert.equal(forged.json().errors[0].field, 'verifiedAt');
    const imported = await importInto(learner, {
      schemaVersion: 1,
      entries: [
        {
          topicId: 'sql',
          status: 'done',
          note: null,
          updatedAt: new Date().toISOString(),
          verifiedAt: new Date().toISOString(),
        },
      ],
    });
    assert.equal(imported.statusCode, 200);
    assert.equal(
      (await fetchProgress(learner)).summary.verifiedCount,
      1,
      'an imported verifiedAt is ignored',
    );
  });
});

describe('the timeline', () => {
  it("counts today's changes: topics marked done, done in total, being learned", async () => {
    const learner = await signUp(t.app);
    await mark(learner, { basics: 'done', http: 'done', go: 'learning' });
    await mark(learner, { http: 'learning' });
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/progress/timeline?days=7',
      headers: learner.headers,
    });
    assert.equal(response.statusCode, 200);
    const { points } = response.json();
    assert.equal(points.length, 7);
    assert.deepEqual(points.at(-1), {
      date: new Date().toISOString().slice(0, 10),
      done: 2,
      doneTotal: 1,
      learning: 2,
    });
    assert.deepEqual(points[0], { date: points[0].date, done: 0, doneTotal: 0, learning: 0 });
    const invalid = await t.app.inject({
      method: 'GET',
      url: '/api/progress/timeline?days=0',
      headers: learner.headers,
    });
    assert.equal(invalid.json().errors[0].field, 'querystring.days');
  });
});

describe('export, reset and import', () => {
  it('gives back exactly the same progress after export → reset → import', async () => {
    const learner = await signUp(t.app);
    await mark(learner, { basics: 'done', http: 'learning', python: 'skipped', git: 'done' });
    await put(learner, 'http', { status: 'learning', note: 'status codes next' });
    // the grader's verification lives on the same row as the learner's statement; a reset leaves it alone
    await progressOf(t.database.db, learner.user.id).markVerified(['basics'], new Date());
    const before = await fetchProgress(learner);

    const exported = await exportOf(learner);
    assert.match(
      String(exported.headers['content-disposition']),
      /^attachment; filename="groundwork-progress-/,
    );
    const document = ProgressDocument.parse(exported.json());
    assert.equal(document.schemaVersion, 1);
    assert.equal(document.entries.length, 4);

    assert.equal((await reset(learner)).statusCode, 204);
    const cleared = await fetchProgress(learner);
    assert.deepEqual(
      cleared.entries.map((entry) => [
        entry.topicId,
        entry.status,
        entry.updatedAt,
        entry.verifiedAt !== null,
      ]),
      [['basics', 'todo', null, true]],
    );
    assert.equal(cleared.summary.overall.done, 1, 'the verified topic still counts as done');

    const imported = await importInto(learner, document);
    assert.equal(imported.statusCode, 200, imported.body);
    assert.deepEqual(imported.json(), {
      created: 3,
      updated: 1,
      unchanged: 0,
      unknownTopicIds: [],
      movedTopicIds: [],
    });
    assert.deepEqual(await fetchProgress(learner), before);
  });

  it('is idempotent: a second import changes nothing and records no event', async () => {
    const learner = await signUp(t.app);
    await mark(learner, { basics: 'done', http: 'learning' });
    const document = (await exportOf(learner)).json();
    await reset(learner);
    await importInto(learner, document);
    const before = await fetchProgress(learner);
    const events = await countEvents(learner);
    const again = await importInto(learner, document);
    assert.deepEqual(again.json(), {
      created: 0,
      updated: 0,
      unchanged: 2,
      unknownTopicIds: [],
      movedTopicIds: [],
    });
    assert.equal(await countEvents(learner), events);
    assert.deepEqual(await fetchProgress(learner), before);
  });

  it('merges by time: an entry older than what is stored loses, a newer one wins', async () => {
    const learner = await signUp(t.app);
    await mark(learner, { basics: 'done', http: 'done' });
    const result = await importInto(learner, {
      schemaVersion: 1,
      entries: [
        { topicId: 'basics', status: 'todo', note: null, updatedAt: '2020-01-01T00:00:00.000Z' },
        {
          topicId: 'http',
          status: 'skipped',
          note: 'known',
          updatedAt: new Date(Date.now() + 1000).toISOString(),
        },
        { topicId: 'sql', status: 'learning', note: null, updatedAt: '2024-05-01T10:00:00.000Z' },
      ],
    });
    assert.deepEqual(result.json(), {
      created: 1,
      updated: 1,
      unchanged: 1,
      unknownTopicIds: [],
      movedTopicIds: [],
    });
    const { entries } = await fetchProgress(learner);
    assert.deepEqual(
      entries.map((entry) => [entry.topicId, entry.status, entry.note]),
      [
        ['basics', 'done', null],
        ['http', 'skipped', 'known'],
        ['sql', 'learning', null],
      ],
    );
  });

  it('refuses an invalid document naming the field, and writes nothing', async () => {
    const learner = await signUp(t.app);
    const entry = (topicId: string) => ({
      topicId,
      status: 'done',
      note: null,
      updatedAt: '2024-05-01T10:00:00.000Z',
    });
    const cases: [unknown, string][] = [
      [
        {
          schemaVersion: 1,
          entries: [entry('basics'), entry('http'), entry('go'), { ...entry('sql'), status: 'finished' }],
        },
        'entries.3.status',
      ],
      [{ schemaVersion: 2, entries: [] }, 'schemaVersion'],
      [{ schemaVersion: 1, entries: [entry('basics'), entry('basics')] }, 'entries.1.topicId'],
      [
        { schemaVersion: 1, entries: [{ ...entry('basics'), updatedAt: 'yesterday' }] },
        'entries.0.updatedAt',
      ],
      [{ schemaVersion: 1, entries: [{ ...entry('basics'), note: 'x'.repeat(2001) }] }, 'entries.0.note'],
      [{ schemaVersion: 1, entries: [{ ...entry('basics'), extra: true }] }, 'entries.0.extra'],
      [
        {
          schemaVersion: 1,
          entries: [entry('http'), { ...entry('basics'), updatedAt: '2999-01-01T00:00:00.000Z' }],
        },
        'entries.1.updatedAt',
      ],
    ];
    for (const [document, field] of cases) {
      const response = await importInto(learner, document);
      assert.equal(response.statusCode, 400, field);
      assert.equal(response.json().errors[0].field, field);
    }
    assert.deepEqual((await fetchProgress(learner)).entries, []);
    assert.equal(await countEvents(learner), 0);
  });

  it('follows renamed ids and reports ids the roadmap does not know, without failing', async () => {
    const learner = await signUp(t.app);
    const spec = baselineSpec();
    const { sql: _sql, ...rest } = spec.topics;
    spec.topics = { ...rest, databases: { stage: 'intermediate', hours: 40, prerequisites: ['basics'] } };
    spec.moved = { sql: 'databases' };
    await t.syncContent(await fixtures.write(spec));
    const result = await importInto(learner, {
      schemaVersion: 1,
      entries: [
        { topicId: 'sql', status: 'done', note: 'renamed since', updatedAt: '2024-05-01T10:00:00.000Z' },
        { topicId: 'graphql-federation', status: 'done', note: null, updatedAt: '2024-05-01T10:00:00.000Z' },
      ],
    });
    assert.equal(result.statusCode, 200);
    assert.deepEqual(result.json(), {
      created: 1,
      updated: 0,
      unchanged: 0,
      unknownTopicIds: ['graphql-federation'],
      movedTopicIds: [{ from: 'sql', to: 'databases' }],
    });
    const { entries } = await fetchProgress(learner);
    assert.deepEqual(
      entries.map((entry) => [entry.topicId, entry.status]),
      [['databases', 'done']],
    );
    await t.syncContent(await fixtures.write(baselineSpec()));
  });
});

describe("two learners' progress", () => {
  it('never mixes: reads, writes, export, reset and import each touch only the caller', async () => {
    const ada = await signUp(t.app);
    const bob = await signUp(t.app);
    await mark(ada, { basics: 'done', http: 'learning' });
    await mark(bob, { basics: 'skipped', sql: 'done' });
    const bobBefore = await fetchProgress(bob);

    const adaProgress = await fetchProgress(ada);
    assert.deepEqual(
      adaProgress.entries.map((entry) => [entry.topicId, entry.status]),
      [
        ['basics', 'done'],
        ['http', 'learning'],
      ],
    );
    const adaExport = ProgressDocument.parse((await exportOf(ada)).json());
    assert.deepEqual(
      adaExport.entries.map((entry) => entry.topicId),
      ['basics', 'http'],
    );

    assert.equal((await reset(ada)).statusCode, 204);
    assert.deepEqual(await fetchProgress(bob), bobBefore);
    await importInto(ada, adaExport);
    await importInto(ada, {
      schemaVersion: 1,
      entries: [{ topicId: 'sql', status: 'learning', note: null, updatedAt: new Date().toISOString() }],
    });
    assert.deepEqual(await fetchProgress(bob), bobBefore);
    assert.equal(
      (await fetchProgress(ada)).entries.find((entry) => entry.topicId === 'sql')?.status,
      'learning',
    );
  });
});
