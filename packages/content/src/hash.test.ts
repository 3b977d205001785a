import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadRoadmap } from './assemble';
import { canonicalJson, hashTopic } from './hash';
import { buildContent } from './layout-file';
import { topicFile, writeFixture } from './test-fixtures';

test('canonical JSON ignores key order', () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [2, 1], c: null } }),
    canonicalJson({ a: { c: null, d: [2, 1] }, b: 1 }),
  );
});

test('a topic hash ignores line endings and surrounding blank lines but not the text', () => {
  const frontMatter = {
    id: 'http',
    title: 'HTTP',
    kind: 'core' as const,
    prerequisites: [],
    hours: 2,
    summary: 'Requests and responses on the web.',
    subtopics: ['a', 'b'],
    resources: [],
  };
  assert.equal(hashTopic(frontMatter, 'One.\r\nTwo.\n'), hashTopic(frontMatter, 'One.\nTwo.'));
  assert.notEqual(hashTopic(frontMatter, 'One.\nTwo.'), hashTopic(frontMatter, 'One.\nThree.'));
  assert.notEqual(hashTopic(frontMatter, 'One.'), hashTopic({ ...frontMatter, hours: 3 }, 'One.'));
});

test('the roadmap hash is stable across loads and changes with one topic', async (t) => {
  const dir = await writeFixture(t);
  await buildContent(dir);
  const first = await loadRoadmap(dir);
  const again = await loadRoadmap(dir);
  assert.equal(first.roadmap?.contentHash, again.roadmap?.contentHash);

  const edited = await writeFixture(t, {
    'topics/http.md': topicFile({
      id: 'http',
      prerequisites: ['basics'],
      hours: 50,
      body: `${'Changed words here. '.repeat(30)}`,
    }),
  });
  await buildContent(edited);
  const changed = await loadRoadmap(edited);
  assert.ok(first.roadmap !== null && changed.roadmap !== null);
  assert.notEqual(changed.roadmap.contentHash, first.roadmap.contentHash);
  assert.notEqual(changed.roadmap.topics.http?.contentHash, first.roadmap.topics.http?.contentHash);
  assert.equal(changed.roadmap.topics.apis?.contentHash, first.roadmap.topics.apis?.contentHash);
});
