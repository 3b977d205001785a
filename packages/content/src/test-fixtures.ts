// Small content folders for tests: a valid baseline that each test breaks in one way.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import { stringify } from 'yaml';

const BODY = Array.from(
  { length: 12 },
  (_, index) => `Sentence number ${index + 1} explains one more idea clearly.`,
).join(' ');

export interface FixtureTopic {
  id: string;
  kind?: 'core' | 'alternative' | 'optional';
  choice?: string;
  prerequisites?: string[];
  hours?: number;
  resources?: Array<Record<string, string>>;
  body?: string;
  extra?: Record<string, unknown>;
}

/** A topic file: valid front matter and an 84-word explanation unless told otherwise. */
export function topicFile(topic: FixtureTopic): string {
  const frontMatter = {
    id: topic.id,
    title: `Topic ${topic.id}`,
    kind: topic.kind ?? 'core',
    ...(topic.choice === undefined ? {} : { choice: topic.choice }),
    prerequisites: topic.prerequisites ?? [],
    hours: topic.hours ?? 10,
    summary: `Learn what ${topic.id} is and when a backend developer needs it.`,
    subtopics: ['First idea', 'Second idea'],
    resources: topic.resources ?? [
      { title: 'Reference', url: `https://example.com/${topic.id}`, type: 'docs', cost: 'free' },
      { title: 'Guide', url: `https://docs.example.org/${topic.id}`, type: 'article', cost: 'free' },
    ],
    ...topic.extra,
  };
  return `---\n${stringify(frontMatter)}---\n${topic.body ?? BODY}\n`;
}

/** The baseline roadmap.yaml, as data. */
export function baselineRoadmap(): Record<string, unknown> {
  return {
    id: 'backend',
    title: 'Backend developer',
    summary: 'A small roadmap used by the content tests.',
    stages: [
      {
        id: 'beginner',
        title: 'Beginner',
        summary: 'The first things a learner studies.',
        topics: ['basics', 'http'],
      },
      {
        id: 'intermediate',
        title: 'Intermediate',
        summary: 'Building on the beginner stage.',
        topics: ['apis'],
      },
      {
        id: 'advanced',
        title: 'Advanced',
        summary: 'Harder topics for later in the road.',
        topics: ['caching', 'redis', 'memcached'],
      },
    ],
    choices: [
      { id: 'cache-store', title: 'Pick a cache store', summary: 'Choose one cache store to learn well.' },
    ],
    moved: {},
  };
}

/**
 * A valid content folder: beginner 100 h, intermediate 100 h, advanced 100 h (50 core + a choice of two
 * alternatives, the longer 50 h), one page linking to a topic.
 */
export function baselineFiles(): Record<string, string> {
  return {
    'roadmap.yaml': stringify(baselineRoadmap()),
    'topics/basics.md': topicFile({ id: 'basics', hours: 50 }),
    'topics/http.md': topicFile({ id: 'http', prerequisites: ['basics'], hours: 50 }),
    'topics/apis.md': topicFile({ id: 'apis', prerequisites: ['http'], hours: 100 }),
    'topics/caching.md': topicFile({ id: 'caching', prerequisites: ['apis'], hours: 50 }),
    'topics/redis.md': topicFile({
      id: 'redis',
      kind: 'alternative',
      choice: 'cache-store',
      prerequisites: ['caching'],
      hours: 50,
    }),
    'topics/memcached.md': topicFile({
      id: 'memcached',
      kind: 'alternative',
      choice: 'cache-store',
      prerequisites: ['caching'],
      hours: 40,
    }),
    'pages/faq.md':
      '---\nid: faq\ntitle: FAQ\nsummary: Answers to the questions learners ask most often.\n---\nStart with [HTTP](topic:http).\n',
  };
}

/**
 * Writes the baseline with `changes` (path -> text; null leaves a baseline file out) into a fresh temp
 * folder, removed when the test ends.
 */
export async function writeFixture(
  t: TestContext,
  changes: Record<string, string | null> = {},
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'groundwork-content-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const files: Record<string, string | null> = { ...baselineFiles(), ...changes };
  for (const [path, text] of Object.entries(files)) {
    if (text === null) continue;
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

/** A roadmap.yaml change for {@link writeFixture}: the baseline roadmap with `edit` applied. */
export function editRoadmap(edit: (roadmap: Record<string, unknown>) => void): Record<string, string> {
  const roadmap = baselineRoadmap();
  edit(roadmap);
  return { 'roadmap.yaml': stringify(roadmap) };
}
