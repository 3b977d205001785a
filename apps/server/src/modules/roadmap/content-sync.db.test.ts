import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { and, count, eq, max } from 'drizzle-orm';
import pino from 'pino';
import { contentVersions, progressEvents, roadmaps, topics } from '../../db/schema';
import { createMemoryBus } from '../../platform/events/event-bus';
import {
  baselineSpec,
  type ContentFixtures,
  createContentFixtures,
  type FixtureSpec,
  REPO_CONTENT_DIR,
} from '../../test/content-fixture';
import { type Caller, createTestApp, signUp, type TestApp } from '../../test/test-app';
import { loadCheckedRoadmap } from './content-loader';
import { syncContent } from './content-sync.service';
import { syncAndLoadRoadmap } from './roadmap-startup';
import { createRoadmapStore } from './roadmap-store';

let fixtures: ContentFixtures;
let t: TestApp;
let learner: Caller;

before(async () => {
  fixtures = await createContentFixtures();
  t = await createTestApp({}, { contentDir: await fixtures.write(baselineSpec()) });
  learner = await signUp(t.app);
});
after(async () => {
  await t.close();
  await fixtures.remove();
});

function withSpec(edit: (spec: FixtureSpec) => void): FixtureSpec {
  const spec = baselineSpec();
  edit(spec);
  return spec;
}

async function setStatus(caller: Caller, topicId: string, payload: { status: string; note?: string | null }) {
  const response = await t.app.inject({
    method: 'PUT',
    url: `/api/progress/topics/${topicId}`,
    headers: caller.writeHeaders,
    payload,
  });
  assert.equal(response.statusCode, 200, response.body);
}

async function entriesOf(caller: Caller) {
  const response = await t.app.inject({ method: 'GET', url: '/api/progress', headers: caller.headers });
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json() as {
    entries: { topicId: string; title: string; status: string; note: string | null; isArchived: boolean }[];
    summary: { overall: { requiredTopics: number } };
  };
  return { ...body, byId: new Map(body.entries.map((entry) => [entry.topicId, entry])) };
}

async function countVersions() {
  const [row] = await t.database.db.select({ n: count() }).from(contentVersions);
  return row?.n ?? 0;
}

async function renameEvents(userId: string) {
  return t.database.db
    .select({
      topicId: progressEvents.topicId,
      from: progressEvents.fromStatus,
      to: progressEvents.toStatus,
      previous: progressEvents.previousTopicId,
    })
    .from(progressEvents)
    .where(and(eq(progressEvents.userId, userId), eq(progressEvents.source, 'rename')))
    .orderBy(progressEvents.id);
}

describe('syncing content into the database', () => {
  it('writes the roadmap, every topic and a content version on the first sync', async () => {
    const roadmap = (await t.app.inject({ method: 'GET', url: '/api/roadmap' })).json();
    assert.deepEqual(
      roadmap.stages.map((stage: { id: string; topicIds: string[] }) => [stage.id, stage.topicIds]),
      [
        ['beginner', ['basics', 'http', 'python', 'go', 'git']],
        ['intermediate', ['apis', 'sql']],
        ['advanced', ['caching', 'redis', 'memcached']],
      ],
    );
    const [version] = await t.database.db.select().from(contentVersions);
    assert.equal(version?.topicsAdded, 10);
    assert.equal(version?.contentHash, roadmap.contentHash);
  });

  it('writes nothing when the content hash is the same', async () => {
    const [before] = await t.database.db.select({ at: roadmaps.syncedAt }).from(roadmaps);
    const [topicsBefore] = await t.database.db.select({ at: max(topics.updatedAt) }).from(topics);
    const result = await t.syncContent(await fixtures.write(baselineSpec()));
    assert.equal(result.isChanged, false);
    const [afterSync] = await t.database.db.select({ at: roadmaps.syncedAt }).from(roadmaps);
    const [topicsAfter] = await t.database.db.select({ at: max(topics.updatedAt) }).from(topics);
    assert.deepEqual(afterSync, before);
    assert.deepEqual(topicsAfter, topicsBefore);
    assert.equal(await countVersions(), 1);
  });

  it('lets only one of several processes starting together write new content', async () => {
    const roadmap = await loadCheckedRoadmap(
      await fixtures.write(withSpec((spec) => Object.assign(spec.topics.caching ?? {}, { hours: 45 }))),
    );
    const results = await Promise.all([
      syncContent(t.database.db, roadmap),
      syncContent(t.database.db, roadmap),
      syncContent(t.database.db, roadmap),
    ]);
    assert.equal(results.filter((result) => result.isChanged).length, 1);
    assert.equal(await countVersions(), 2);
    await t.roadmap?.refresh();
  });

  it('updates an edited topic in place: same id, new text, progress untouched', async () => {
    await setStatus(learner, 'http', { status: 'learning', note: 'halfway' });
    const etagBefore = (await t.app.inject({ method: 'GET', url: '/api/roadmap' })).headers.etag;
    const [createdBefore] = await t.database.db
      .select({ createdAt: topics.createdAt })
      .from(topics)
      .where(eq(topics.id, 'http'));
    const result = await t.syncContent(
      await fixtures.write(
        withSpec((spec) => {
          Object.assign(spec.topics.caching ?? {}, { hours: 45 });
          Object.assign(spec.topics.http ?? {}, {
            title: 'HTTP in depth',
            body: `**Edited.** ${'word '.repeat(90)}`,
          });
        }),
      ),
    );
    assert.deepEqual([result.added, result.updated, result.archived, result.moved], [0, 1, 0, 0]);
    const topic = (await t.app.inject({ method: 'GET', url: '/api/roadmap/topics/http' })).json();
    assert.equal(topic.title, 'HTTP in depth');
    assert.match(topic.bodyHtml, /<strong>Edited\.<\/strong>/);
    const etagAfter = (await t.app.inject({ method: 'GET', url: '/api/roadmap' })).headers.etag;
    assert.notEqual(etagAfter, etagBefore);
    const [createdAfter] = await t.database.db
      .select({ createdAt: topics.createdAt })
      .from(topics)
      .where(eq(topics.id, 'http'));
    assert.deepEqual(createdAfter, createdBefore);
    const { byId } = await entriesOf(learner);
    const entry = byId.get('http');
    assert.deepEqual(
      { status: entry?.status, note: entry?.note, title: entry?.title },
      { status: 'learning', note: 'halfway', title: 'HTTP in depth' },
    );
  });
});

// sql is renamed to databases; later postgres (an optional topic) is merged into databases too
const renamed = (spec: FixtureSpec) => {
  const { sql: _sql, ...rest } = spec.topics;
  spec.topics = { ...rest, databases: { stage: 'intermediate', hours: 40, prerequisites: ['basics'] } };
  spec.moved = { sql: 'databases' };
};
const withPostgres = (spec: FixtureSpec) => {
  renamed(spec);
  spec.topics.postgres = { stage: 'intermediate', kind: 'optional', hours: 10, prerequisites: ['basics'] };
};
const postgresMerged = (spec: FixtureSpec) => {
  renamed(spec);
  spec.moved = { sql: 'databases', postgres: 'databases' };
};

describe('renaming a topic through the moved map', () => {
  it("keeps each learner's status and note under the new id, and records a rename event", async () => {
    await setStatus(learner, 'sql', { status: 'done', note: 'joins!' });
    const result = await t.syncContent(await fixtures.write(withSpec(renamed)));
    assert.equal(result.moved, 1);
    const { byId } = await entriesOf(learner);
    assert.equal(byId.has('sql'), false);
    assert.deepEqual(
      { status: byId.get('databases')?.status, note: byId.get('databases')?.note },
      { status: 'done', note: 'joins!' },
    );
    assert.deepEqual(await renameEvents(learner.user.id), [
      { topicId: 'databases', from: 'done', to: 'done', previous: 'sql' },
    ]);
  });

  it('redirects the old topic URL to the new one, and tells a write to the old id where the topic went', async () => {
    const old = await t.app.inject({ method: 'GET', url: '/api/roadmap/topics/sql' });
    assert.equal(old.statusCode, 301);
    assert.equal(old.headers.location, '/api/roadmap/topics/databases');
    const write = await t.app.inject({
      method: 'PUT',
      url: '/api/progress/topics/sql',
      headers: learner.writeHeaders,
      payload: { status: 'todo' },
    });
    assert.equal(write.statusCode, 404);
    assert.match(write.json().detail, /renamed to "databases"/);
  });

  it('merges a learner who had progress on both ids: the later statement wins, no note is lost', async () => {
    await t.syncContent(await fixtures.write(withSpec(withPostgres)));
    const other = await signUp(t.app);
    await setStatus(other, 'postgres', { status: 'done', note: 'pg note' });
    await setStatus(other, 'databases', { status: 'learning' });
    await t.syncContent(await fixtures.write(withSpec(postgresMerged)));
    const { byId } = await entriesOf(other);
    assert.equal(byId.has('postgres'), false);
    assert.deepEqual(
      { status: byId.get('databases')?.status, note: byId.get('databases')?.note },
      { status: 'learning', note: 'pg note' },
    );
    assert.deepEqual(await renameEvents(other.user.id), [
      { topicId: 'databases', from: 'learning', to: 'learning', previous: 'postgres' },
      { topicId: 'postgres', from: 'done', to: 'todo', previous: null },
    ]);
  });
});

describe('removing a topic from the content', () => {
  it("archives it and its learners' progress, which still shows up, flagged, and counts nowhere", async () => {
    await setStatus(learner, 'git', { status: 'done', note: 'rebase' });
    const before = await entriesOf(learner);
    const result = await t.syncContent(
      await fixtures.write(
        withSpec((spec) => {
          postgresMerged(spec);
          delete spec.topics.git;
        }),
      ),
    );
    assert.equal(result.archived, 1);
    const afterSync = await entriesOf(learner);
    assert.deepEqual(afterSync.byId.get('git'), {
      ...before.byId.get('git'),
      isArchived: true,
    });
    assert.deepEqual(
      afterSync.summary,
      before.summary,
      'git was optional, and archived entries count nowhere',
    );
    const [archived] = await t.database.db.select().from(topics).where(eq(topics.id, 'git'));
    assert.ok(archived?.archivedAt, 'the topic row is kept, marked archived');
    const topic = await t.app.inject({ method: 'GET', url: '/api/roadmap/topics/git' });
    assert.equal(topic.statusCode, 404);
    assert.match(topic.json().detail, /removed from the roadmap/);
    const write = await t.app.inject({
      method: 'PUT',
      url: '/api/progress/topics/git',
      headers: learner.writeHeaders,
      payload: { status: 'todo' },
    });
    assert.equal(write.statusCode, 409);
    assert.equal(write.json().code, 'topic_archived');
  });

  it('brings the progress back when the topic returns', async () => {
    const result = await t.syncContent(await fixtures.write(withSpec(postgresMerged)));
    assert.equal(result.added, 1);
    const { byId } = await entriesOf(learner);
    assert.deepEqual(
      { status: byId.get('git')?.status, isArchived: byId.get('git')?.isArchived },
      { status: 'done', isArchived: false },
    );
  });
});

describe('several API processes', () => {
  it('each reload the roadmap they serve when one of them syncs new content', async () => {
    const bus = createMemoryBus();
    const otherProcess = await createRoadmapStore({ db: t.database.db, bus });
    try {
      const roadmap = await loadCheckedRoadmap(
        await fixtures.write(
          withSpec((spec) => {
            postgresMerged(spec);
            Object.assign(spec.topics.caching ?? {}, { title: 'Caching, revised' });
          }),
        ),
      );
      assert.notEqual(otherProcess.current()?.contentHash, roadmap.contentHash);
      const syncing = await syncAndLoadRoadmap({
        database: t.database,
        bus,
        logger: pino({ level: 'silent' }),
        roadmap,
      });
      await syncing.close();
      for (
        let attempt = 0;
        attempt < 200 && otherProcess.current()?.contentHash !== roadmap.contentHash;
        attempt++
      ) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal(otherProcess.current()?.contentHash, roadmap.contentHash);
      assert.equal(otherProcess.current()?.topicDetails.get('caching')?.title, 'Caching, revised');
    } finally {
      await otherProcess.close();
    }
  });
});

describe('the real content', () => {
  it('syncs every topic file into a topic, in the stages roadmap.yaml orders', async () => {
    const real = await createTestApp({}, { contentDir: REPO_CONTENT_DIR });
    try {
      const roadmap = (await real.app.inject({ method: 'GET', url: '/api/roadmap' })).json();
      const files = readdirSync(join(REPO_CONTENT_DIR, 'topics')).filter((name) => name.endsWith('.md'));
      assert.equal(roadmap.topics.length, files.length);
      assert.deepEqual(
        roadmap.topics.map((topic: { id: string }) => topic.id).sort(),
        files.map((name) => name.slice(0, -'.md'.length)).sort(),
      );
      assert.deepEqual(
        roadmap.stages.slice(0, 3).map((stage: { id: string }) => stage.id),
        ['beginner', 'intermediate', 'advanced'],
      );
      const again = await real.syncContent(REPO_CONTENT_DIR);
      assert.equal(again.isChanged, false);
    } finally {
      await real.close();
    }
  });
});
