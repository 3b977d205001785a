// Small roadmap content folders for tests, written to a temp folder and built (layout.json) with the
// content package, so they pass the same checker as the real content.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildContent, formatIssue } from '@groundwork/content';
import type { ModelTopic, RoadmapModel } from '../modules/roadmap/roadmap-snapshot';
import { findRepoPath } from '../platform/repo-paths';

/** The repository's real content/ folder (154 topics). */
export const REPO_CONTENT_DIR = findRepoPath('content', 'roadmap.yaml') ?? 'content';

export type FixtureTopic = {
  stage: string;
  kind?: 'core' | 'alternative' | 'optional';
  choice?: string;
  prerequisites?: string[];
  hours: number;
  title?: string;
  body?: string;
};

export type FixtureSpec = {
  stages: { id: string; title: string }[];
  choices: { id: string; title: string }[];
  /** In reading order within each stage. */
  topics: Record<string, FixtureTopic>;
  moved: Record<string, string>;
};

const BODY = Array.from(
  { length: 12 },
  (_, index) => `Sentence number ${index + 1} explains one more idea clearly.`,
).join(' ');

/**
 * beginner: basics, http, a choice of python (30 h) or go (20 h), git (optional) — 110 h required;
 * intermediate: apis (needs http and any language), sql — 100 h; advanced: caching, a choice of redis
 * (50 h) or memcached (40 h) — 100 h.
 */
export function baselineSpec(): FixtureSpec {
  return {
    stages: [
      { id: 'beginner', title: 'Beginner' },
      { id: 'intermediate', title: 'Intermediate' },
      { id: 'advanced', title: 'Advanced' },
    ],
    choices: [
      { id: 'language', title: 'Pick a language' },
      { id: 'cache-store', title: 'Pick a cache store' },
    ],
    topics: {
      basics: { stage: 'beginner', hours: 40 },
      http: { stage: 'beginner', hours: 40, prerequisites: ['basics'] },
      python: {
        stage: 'beginner',
        kind: 'alternative',
        choice: 'language',
        hours: 30,
        prerequisites: ['basics'],
      },
      go: {
        stage: 'beginner',
        kind: 'alternative',
        choice: 'language',
        hours: 20,
        prerequisites: ['basics'],
      },
      git: { stage: 'beginner', kind: 'optional', hours: 5, prerequisites: ['basics'] },
      apis: { stage: 'intermediate', hours: 60, prerequisites: ['http', 'choice:language'] },
      sql: { stage: 'intermediate', hours: 40, prerequisites: ['basics'] },
      caching: { stage: 'advanced', hours: 50, prerequisites: ['apis'] },
      redis: {
        stage: 'advanced',
        kind: 'alternative',
        choice: 'cache-store',
        hours: 50,
        prerequisites: ['caching'],
      },
      memcached: {
        stage: 'advanced',
        kind: 'alternative',
        choice: 'cache-store',
        hours: 40,
        prerequisites: ['caching'],
      },
    },
    moved: {},
  };
}

function topicFile(id: string, topic: FixtureTopic): string {
  const frontMatter = {
    id,
    title: topic.title ?? `Topic ${id}`,
    kind: topic.kind ?? 'core',
    ...(topic.choice === undefined ? {} : { choice: topic.choice }),
    prerequisites: topic.prerequisites ?? [],
    hours: topic.hours,
    summary: `Learn what ${id} is and when a backend developer needs it.`,
    subtopics: ['First idea', 'Second idea'],
    resources: [
      { title: 'Reference', url: `https://example.com/${id}`, type: 'docs', cost: 'free' },
      { title: 'Guide', url: `https://docs.example.org/${id}`, type: 'article', cost: 'free' },
    ],
  };
  // JSON is YAML, so the front matter needs no YAML library here
  return `---\n${JSON.stringify(frontMatter, null, 2)}\n---\n${topic.body ?? BODY}\n`;
}

function roadmapFile(spec: FixtureSpec): string {
  return JSON.stringify(
    {
      id: 'backend',
      title: 'Backend developer',
      summary: 'A small roadmap used by the server tests.',
      stages: spec.stages.map((stage) => ({
        ...stage,
        summary: `The ${stage.id} stage of the test roadmap.`,
        topics: Object.entries(spec.topics)
          .filter(([, topic]) => topic.stage === stage.id)
          .map(([id]) => id),
      })),
      choices: spec.choices.map((choice) => ({ ...choice, summary: `Choose one option of ${choice.id}.` })),
      moved: spec.moved,
    },
    null,
    2,
  );
}

export type ContentFixtures = {
  /** Writes `spec` into a new folder, builds its layout, and returns the folder. */
  write(spec: FixtureSpec): Promise<string>;
  /** Removes every folder written. */
  remove(): Promise<void>;
};

/** A place for fixture content folders; call `remove()` when the tests are done. */
export async function createContentFixtures(): Promise<ContentFixtures> {
  const root = await mkdtemp(join(tmpdir(), 'groundwork-server-content-'));
  let count = 0;
  return {
    async write(spec) {
      count += 1;
      const dir = join(root, `content-${count}`);
      const files: Record<string, string> = {
        'roadmap.yaml': roadmapFile(spec),
        'pages/faq.md':
          '---\nid: faq\ntitle: FAQ\nsummary: Answers to the questions learners ask most often.\n---\nStart with [HTTP](topic:http).\n',
        ...Object.fromEntries(
          Object.entries(spec.topics).map(([id, topic]) => [`topics/${id}.md`, topicFile(id, topic)]),
        ),
      };
      for (const [path, text] of Object.entries(files)) {
        await mkdir(join(dir, path, '..'), { recursive: true });
        await writeFile(join(dir, path), text);
      }
      const built = await buildContent(dir);
      if (built.issues.length > 0) {
        throw new Error(`fixture content is invalid:\n${built.issues.map(formatIssue).join('\n')}`);
      }
      return dir;
    },
    async remove() {
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** The rules' view of a fixture, without a database: for unit tests of progress maths. */
export function modelFromSpec(spec: FixtureSpec): RoadmapModel {
  const ordered = spec.stages.flatMap((stage) =>
    Object.entries(spec.topics).filter(([, topic]) => topic.stage === stage.id),
  );
  const topics = new Map<string, ModelTopic>(
    ordered.map(([id, topic]) => [
      id,
      {
        id,
        title: topic.title ?? `Topic ${id}`,
        stageId: topic.stage,
        kind: topic.kind ?? 'core',
        choiceId: topic.choice ?? null,
        hours: topic.hours,
        prerequisites: topic.prerequisites ?? [],
      },
    ]),
  );
  const topicIdsWhere = (keep: (topic: ModelTopic) => boolean) =>
    [...topics.values()].filter(keep).map((topic) => topic.id);
  return {
    roadmapId: 'backend',
    contentHash: '0'.repeat(64),
    stages: spec.stages.map((stage) => ({
      ...stage,
      topicIds: topicIdsWhere((t) => t.stageId === stage.id),
    })),
    topics,
    choices: new Map(
      spec.choices.map((choice) => {
        const topicIds = topicIdsWhere((topic) => topic.choiceId === choice.id);
        const stageId = topics.get(topicIds[0] ?? '')?.stageId ?? '';
        return [choice.id, { ...choice, stageId, topicIds }];
      }),
    ),
    titles: new Map([...topics.values()].map((topic) => [topic.id, topic.title])),
    archivedIds: new Set(),
    movedTo: new Map(),
  };
}
