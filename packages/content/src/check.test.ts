import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkContentDir } from './check-dir';
import { buildContent, STALE_LAYOUT_MESSAGE } from './layout-file';
import { editRoadmap, topicFile, writeFixture } from './test-fixtures';

test('the baseline fixture passes once its layout is built', async (t) => {
  const dir = await writeFixture(t);
  assert.deepEqual(await checkContentDir(dir), [
    { file: 'build/layout.json', message: STALE_LAYOUT_MESSAGE },
  ]);
  const build = await buildContent(dir);
  assert.deepEqual(build.issues, []);
  assert.equal(build.isWritten, true);
  assert.deepEqual(await checkContentDir(dir), []);
});

test('a duplicate id is reported', async (t) => {
  const dir = await writeFixture(
    t,
    editRoadmap((roadmap) => {
      (roadmap.choices as Array<{ id: string }>)[0] = {
        ...(roadmap.choices as Array<{ id: string }>)[0],
        id: 'http',
      };
    }),
  );
  const issues = await checkContentDir(dir);
  assert.ok(
    issues.some(
      (i) =>
        i.file === 'roadmap.yaml' &&
        i.field === 'choices[0].id' &&
        i.message.includes('already used by topics/http.md'),
    ),
    JSON.stringify(issues),
  );
});

test('two topic files with the same id are reported on the second', async (t) => {
  const dir = await writeFixture(t, {
    'topics/web.md': topicFile({ id: 'http', prerequisites: ['basics'], hours: 50 }),
  });
  const issues = await checkContentDir(dir);
  assert.ok(
    issues.some(
      (i) =>
        i.file === 'topics/web.md' &&
        i.field === 'id' &&
        i.message === 'id "http" is already used by topics/http.md',
    ),
    JSON.stringify(issues),
  );
});

test('a topic file named differently from its id is reported', async (t) => {
  const dir = await writeFixture(t, {
    'topics/http.md': null,
    'topics/web.md': topicFile({ id: 'http', prerequisites: ['basics'], hours: 50 }),
  });
  assert.deepEqual(await checkContentDir(dir), [
    {
      file: 'topics/web.md',
      field: 'id',
      message: '"http" does not match the file name: rename the file to topics/http.md or fix the id',
    },
  ]);
});

test('a prerequisite cycle is reported with its path', async (t) => {
  const dir = await writeFixture(t, {
    'topics/basics.md': topicFile({ id: 'basics', prerequisites: ['http'], hours: 50 }),
  });
  assert.deepEqual(await checkContentDir(dir), [
    {
      file: 'topics/basics.md',
      field: 'prerequisites[0]',
      message: 'prerequisites form a cycle: basics → http → basics (each needs the next)',
    },
  ]);
});

test('a cycle through a choice is reported, once per alternative on it', async (t) => {
  const dir = await writeFixture(t, {
    'topics/caching.md': topicFile({
      id: 'caching',
      prerequisites: ['apis', 'choice:cache-store'],
      hours: 50,
    }),
  });
  assert.deepEqual(await checkContentDir(dir), [
    {
      file: 'topics/caching.md',
      field: 'prerequisites[1]',
      message:
        'prerequisites form a cycle: caching → choice:cache-store → memcached → caching (each needs the next)',
    },
    {
      file: 'topics/caching.md',
      field: 'prerequisites[1]',
      message:
        'prerequisites form a cycle: caching → choice:cache-store → redis → caching (each needs the next)',
    },
  ]);
});

test('a dangling prerequisite is reported, with the new id when it was renamed', async (t) => {
  const dir = await writeFixture(t, {
    ...editRoadmap((roadmap) => {
      roadmap.moved = { 'web-apis': 'apis' };
    }),
    'topics/caching.md': topicFile({
      id: 'caching',
      prerequisites: ['apis', 'web-apis', 'choice:nope'],
      hours: 50,
    }),
  });
  assert.deepEqual(await checkContentDir(dir), [
    {
      file: 'topics/caching.md',
      field: 'prerequisites[1]',
      message: '"web-apis" is not a topic; it was renamed to "apis"',
    },
    { file: 'topics/caching.md', field: 'prerequisites[2]', message: '"choice:nope" is not a choice' },
  ]);
});

test('a prerequisite from a later stage is reported', async (t) => {
  const dir = await writeFixture(t, {
    'topics/http.md': topicFile({ id: 'http', prerequisites: ['basics', 'apis'], hours: 50 }),
  });
  const issues = await checkContentDir(dir);
  assert.ok(
    issues.some(
      (i) =>
        i.file === 'topics/http.md' &&
        i.field === 'prerequisites[1]' &&
        i.message.includes('after this topic'),
    ),
  );
});

test('malformed and non-https resource URLs are reported by field', async (t) => {
  const resources = [
    { title: 'Plain', url: 'http://example.com/a', type: 'docs', cost: 'free' },
    { title: 'Spaced', url: 'https://example.com/a b', type: 'docs', cost: 'free' },
    { title: 'No host', url: 'https://localhost/a', type: 'docs', cost: 'free' },
    { title: 'Broken', url: 'https//example.com', type: 'docs', cost: 'free' },
  ];
  const dir = await writeFixture(t, {
    'topics/http.md': topicFile({ id: 'http', prerequisites: ['basics'], hours: 50, resources }),
  });
  assert.deepEqual(await checkContentDir(dir), [
    { file: 'topics/http.md', field: 'resources[0].url', message: 'must use https' },
    { file: 'topics/http.md', field: 'resources[1].url', message: 'must not contain spaces' },
    {
      file: 'topics/http.md',
      field: 'resources[2].url',
      message: 'must name a public host such as example.com',
    },
    { file: 'topics/http.md', field: 'resources[3].url', message: 'is not a well-formed URL' },
  ]);
});

test('orphans are reported: an unplaced topic file, a listed id without a file, a topic placed twice', async (t) => {
  const dir = await writeFixture(t, {
    'topics/extra.md': topicFile({ id: 'extra', kind: 'optional' }),
    ...editRoadmap((roadmap) => {
      const stages = roadmap.stages as Array<{ topics: string[] }>;
      stages[1]?.topics.push('ghost', 'http');
    }),
  });
  assert.deepEqual(await checkContentDir(dir), [
    {
      file: 'roadmap.yaml',
      field: 'stages[1].topics[1]',
      message: '"ghost" has no topic file topics/ghost.md',
    },
    {
      file: 'roadmap.yaml',
      field: 'stages[1].topics[2]',
      message: '"http" is already placed in stage "beginner": a topic sits in one place',
    },
    {
      file: 'topics/extra.md',
      field: 'id',
      message: 'topic "extra" is not placed in any stage of roadmap.yaml',
    },
  ]);
});

test('an island, a placed topic that needs nothing and that nothing needs, is reported as an orphan', async (t) => {
  const dir = await writeFixture(t, {
    'topics/extra.md': topicFile({ id: 'extra', kind: 'optional' }),
    ...editRoadmap((roadmap) => {
      (roadmap.stages as Array<{ topics: string[] }>)[1]?.topics.push('extra');
    }),
  });
  assert.deepEqual(await checkContentDir(dir), [
    {
      file: 'topics/extra.md',
      field: 'prerequisites',
      message:
        'topic "extra" is an island: it needs no topic and no topic needs it; give it a prerequisite or make it one',
    },
  ]);
});

test('a bad moved map is reported: a live id, a missing target, a chain', async (t) => {
  const dir = await writeFixture(
    t,
    editRoadmap((roadmap) => {
      roadmap.moved = { http: 'apis', 'old-a': 'old-b', 'old-b': 'apis', 'old-c': 'nowhere' };
    }),
  );
  assert.deepEqual(await checkContentDir(dir), [
    {
      file: 'roadmap.yaml',
      field: 'moved.http',
      message: '"http" is still a topic: only ids that no longer exist can move',
    },
    {
      file: 'roadmap.yaml',
      field: 'moved.old-a',
      message: '"old-b" has itself moved to "apis": point "old-a" straight at "apis"',
    },
    {
      file: 'roadmap.yaml',
      field: 'moved.old-c',
      message: '"old-c" moves to "nowhere", which is not a topic',
    },
  ]);
});

test('a page link to a missing topic is reported', async (t) => {
  const page =
    '---\nid: faq\ntitle: FAQ\nsummary: Answers to the questions learners ask most often.\n---\nSee [X](topic:nope) and [HTTP](topic:http).\n';
  const dir = await writeFixture(t, { 'pages/faq.md': page });
  assert.deepEqual(await checkContentDir(dir), [
    { file: 'pages/faq.md', field: 'body', message: 'the link "topic:nope" names no topic' },
  ]);
});

test('a choice with one alternative and an alternative naming an unknown choice are reported', async (t) => {
  const dir = await writeFixture(t, {
    'topics/memcached.md': topicFile({
      id: 'memcached',
      kind: 'alternative',
      choice: 'cache',
      prerequisites: ['caching'],
    }),
  });
  assert.deepEqual(await checkContentDir(dir), [
    {
      file: 'roadmap.yaml',
      field: 'choices[0]',
      message: 'choice "cache-store" has only one alternative (redis); a choice needs at least 2',
    },
    {
      file: 'topics/memcached.md',
      field: 'choice',
      message: 'choice "cache" is not among the choices in roadmap.yaml',
    },
  ]);
});

test('explanation length and front-matter limits are reported by field', async (t) => {
  const dir = await writeFixture(t, {
    'topics/apis.md': topicFile({
      id: 'apis',
      prerequisites: ['http'],
      hours: 100,
      body: 'Too short.\n\n```\nlots of code words here\n```',
    }),
    'topics/http.md': topicFile({
      id: 'http',
      prerequisites: ['basics'],
      hours: 50,
      extra: { summary: 'Short.', colour: 'red' },
    }),
  });
  assert.deepEqual(await checkContentDir(dir), [
    {
      file: 'topics/apis.md',
      field: 'body',
      message: "the explanation has 2 words of prose; write 80 to 200 (code blocks don't count)",
    },
    { file: 'topics/http.md', field: 'colour', message: 'is not a known field' },
    { file: 'topics/http.md', field: 'summary', message: 'must be at least 20 characters' },
  ]);
});

test('required hours outside the seed timelines are reported', async (t) => {
  const dir = await writeFixture(t, { 'topics/basics.md': topicFile({ id: 'basics', hours: 200 }) });
  assert.deepEqual(await checkContentDir(dir), [
    {
      file: 'roadmap.yaml',
      field: 'stages[0]',
      message:
        "beginner need 250 h of required study; the seeds' timeline of 2–3 months at 10 h/week allows 80–135 h",
    },
  ]);
});

test('project topic references must name existing topics', async (t) => {
  const dir = await writeFixture(t);
  await buildContent(dir);
  const projectTopicRefs = [
    { project: 'url-shortener', stage: 'basics', topicId: 'http' },
    { project: 'url-shortener', stage: 'storage', topicId: 'databases' },
  ];
  assert.deepEqual(await checkContentDir(dir, { projectTopicRefs }), [
    {
      file: 'projects/url-shortener',
      field: 'stages.storage.topics',
      message: 'names topic "databases", which does not exist',
    },
  ]);
});
