import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadContent } from './load';
import { writeFixture } from './test-fixtures';

test('loads roadmap, topics and pages with bodies and without issues', async (t) => {
  const dir = await writeFixture(t);
  const { content, issues } = await loadContent(dir);
  assert.deepEqual(issues, []);
  assert.deepEqual(
    content.roadmap?.stages.map((stage) => stage.id),
    ['beginner', 'intermediate', 'advanced'],
  );
  assert.deepEqual(
    content.topics.map((topic) => topic.file),
    [
      'topics/apis.md',
      'topics/basics.md',
      'topics/caching.md',
      'topics/http.md',
      'topics/memcached.md',
      'topics/redis.md',
    ],
  );
  assert.equal(content.pages[0]?.body, 'Start with [HTTP](topic:http).');
});

test('a YAML error names the file and the line, and suggests quoting a colon', async (t) => {
  const broken = '---\nid: http\ntitle: MDN: HTTP\n---\nBody\n';
  const dir = await writeFixture(t, { 'topics/http.md': broken });
  const { content, issues } = await loadContent(dir);
  assert.equal(issues.length, 1);
  assert.equal(issues[0]?.file, 'topics/http.md');
  assert.equal(issues[0]?.field, 'line 3');
  assert.match(issues[0]?.message ?? '', /^YAML error: .*quote strings that contain ": "/);
  assert.deepEqual(content.unloadedTopicIds, ['http']);
});

test('a file without front matter, a missing roadmap and a stray file are issues, not exceptions', async (t) => {
  const dir = await writeFixture(t, {
    'roadmap.yaml': null,
    'topics/notes.txt': 'hello',
    'pages/faq.md': 'No front matter here.',
  });
  const { content, issues } = await loadContent(dir);
  assert.equal(content.roadmap, null);
  assert.deepEqual(issues, [
    { file: 'roadmap.yaml', message: 'is missing or unreadable' },
    { file: 'topics/notes.txt', message: 'is not Markdown: topics/ holds only <id>.md files' },
    {
      file: 'pages/faq.md',
      field: 'line 1',
      message: 'must start with YAML front matter between two "---" lines',
    },
  ]);
});

test('schema problems are reported per field, with "is required" for missing ones', async (t) => {
  const topic = [
    '---',
    'id: http',
    'kind: alternative',
    'prerequisites: [basics, basics]',
    'hours: 0',
    'summary: Understand requests, responses and methods.',
    'subtopics: [One, Two]',
    'resources:',
    '  - { title: A, url: "https://example.com/a", type: blog, cost: free }',
    '---',
    'Body',
  ].join('\n');
  const dir = await writeFixture(t, { 'topics/http.md': topic });
  const { issues } = await loadContent(dir);
  assert.deepEqual(
    issues.map((issue) => `${issue.field}: ${issue.message}`),
    [
      'title: is required',
      'hours: must be at least 1',
      `resources[0].type: Invalid option: expected one of "docs"|"article"|"video"|"course"|"book"|"tool"`,
      'resources: list 2 to 5 resources',
      'choice: an alternative must name its choice',
      'prerequisites[1]: "basics" is listed twice',
    ],
  );
});

test('Windows line endings and a byte-order mark load like plain files', async (t) => {
  const dir = await writeFixture(t);
  const plain = await loadContent(dir);
  const faq =
    '\uFEFF---\r\nid: faq\r\ntitle: FAQ\r\nsummary: Answers to the questions learners ask most often.\r\n---\r\nStart with [HTTP](topic:http).\r\n';
  const crlf = await loadContent(await writeFixture(t, { 'pages/faq.md': faq }));
  assert.deepEqual(crlf.issues, []);
  assert.deepEqual(crlf.content.pages, plain.content.pages);
});
