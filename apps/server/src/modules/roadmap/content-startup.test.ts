import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { TopicDetail } from '@groundwork/contracts';
import { listProjectTopicRefs } from '@groundwork/projects';
import pino from 'pino';
import { loadConfig } from '../../config/config';
import { startServer } from '../../server';
import { baselineSpec, type ContentFixtures, createContentFixtures } from '../../test/content-fixture';
import { ContentError } from './content-loader';

let fixtures: ContentFixtures;
before(async () => {
  fixtures = await createContentFixtures();
});
after(() => fixtures.remove());

async function breakFile(dir: string, file: string, from: string, to: string) {
  const path = join(dir, file);
  const text = await readFile(path, 'utf8');
  assert.ok(text.includes(from), `${file} contains ${from}`);
  await writeFile(path, text.replace(from, to));
}

it('refuses to start on invalid content, naming each file and field, before opening the database', async () => {
  const dir = await fixtures.write(baselineSpec());
  await breakFile(dir, 'topics/http.md', '"hours": 40', '"hours": 0');
  await breakFile(dir, 'topics/apis.md', '"http",', '"htp",');
  const dataDir = join(dir, 'data');
  const config = loadConfig({ GROUNDWORK_CONTENT_DIR: dir, GROUNDWORK_DATA_DIR: dataDir, PORT: '0' });

  await assert.rejects(startServer(config, { logger: pino({ level: 'silent' }) }), (error: unknown) => {
    assert.ok(error instanceof ContentError);
    assert.match(error.message, /topics\/http\.md: hours: must be at least 1/);
    assert.match(error.message, /topics\/apis\.md: prerequisites\[0\]: "htp" is not a topic/);
    return true;
  });
  assert.equal(existsSync(dataDir), false, 'no database was opened');
});

it('starts on valid content and links each topic to the project stages of the registry that exercise it', async () => {
  const [ref] = listProjectTopicRefs();
  assert.ok(ref, 'the registry names at least one topic');
  // no GROUNDWORK_CONTENT_DIR: the repository's content, whose topics the registry names
  const dataDir = await mkdtemp(join(tmpdir(), 'groundwork-startup-'));
  const server = await startServer(loadConfig({ GROUNDWORK_DATA_DIR: dataDir, PORT: '0' }), {
    logger: pino({ level: 'silent' }),
  });
  try {
    const response = await fetch(`${server.url}/api/roadmap/topics/${ref.topicId}`);
    assert.equal(response.status, 200);
    const topic = TopicDetail.parse(await response.json());
    assert.ok(
      topic.projectStages.some((stage) => stage.projectSlug === ref.project && stage.stageId === ref.stage),
      JSON.stringify(topic.projectStages),
    );
    assert.ok(
      topic.projectStages.every((stage) => stage.projectTitle !== stage.projectSlug),
      'titled',
    );
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
