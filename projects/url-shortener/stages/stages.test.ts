import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { findProject, listProjectTopicRefs } from '../../index';
import { FAULTS } from '../faults';
import { STAGE_IDS } from '../stage-ids';
import { urlShortenerSuite } from '.';
import { TOPIC } from './topics';

const TOPICS_DIR = new URL('../../../content/topics/', import.meta.url);
const spec = readFileSync(new URL('../spec.md', import.meta.url), 'utf8');

/** The check ids each spec section lists under "The grader checks", keyed by the stage id in its heading. */
function specChecksByStage(): Map<string, string[]> {
  const checks = new Map<string, string[]>();
  for (const section of spec.split(/^(?=## )/m)) {
    const stageId = /^## Stage \d+: .+ \(`([a-z-]+)`\)$/m.exec(section)?.[1];
    if (stageId === undefined) continue;
    const list = section.split('**The grader checks**')[1]?.split('**Tips.**')[0] ?? '';
    checks.set(
      stageId,
      [...list.matchAll(/^- `([a-z0-9-]+)`:/gm)].map((match) => match[1] ?? ''),
    );
  }
  return checks;
}

function topicExists(topicId: string): boolean {
  return existsSync(new URL(`${topicId}.md`, TOPICS_DIR));
}

test('the suite has the stages of stage-ids.ts, in order, and each stage the checks spec.md lists', () => {
  assert.deepEqual(
    urlShortenerSuite.stages.map((stage) => stage.id),
    [...STAGE_IDS],
  );
  const listed = specChecksByStage();
  for (const stage of urlShortenerSuite.stages) {
    assert.deepEqual(
      stage.checks.map((check) => check.id),
      listed.get(stage.id),
      `${stage.id} has the checks spec.md lists, in its order`,
    );
  }
});

test('every topic a stage or check names is a roadmap topic in content/topics', () => {
  for (const topicId of Object.values(TOPIC))
    assert.ok(topicExists(topicId), `content/topics/${topicId}.md exists`);
  for (const stage of urlShortenerSuite.stages) {
    for (const topicId of [...stage.topics, ...stage.checks.map((check) => check.topic)]) {
      assert.ok(topicExists(topicId), `${stage.id} names ${topicId}, which exists`);
    }
  }
});

test("each stage's topics include every topic its checks point to", () => {
  for (const stage of urlShortenerSuite.stages) {
    for (const check of stage.checks) {
      assert.ok(
        stage.topics.includes(check.topic),
        `${stage.id} lists ${check.topic}, the topic of ${check.id}`,
      );
    }
  }
});

test('every fault names a check of its stage', () => {
  for (const fault of FAULTS) {
    const stage = urlShortenerSuite.stages.find((one) => one.id === fault.stage);
    assert.ok(
      stage?.checks.some((check) => check.id === fault.check),
      `${fault.id}: ${fault.stage} has ${fault.check}`,
    );
  }
});

test('the registry carries the suite and every stage’s topics, and lists them for the content checker', () => {
  const project = findProject('url-shortener');
  assert.equal(project?.suite, urlShortenerSuite);
  assert.deepEqual(project.stageIds, [...STAGE_IDS]);
  assert.deepEqual(
    project.stageTopics.map((entry) => entry.stageId),
    [...STAGE_IDS],
  );
  const refs = listProjectTopicRefs().filter((ref) => ref.project === 'url-shortener');
  for (const stage of urlShortenerSuite.stages) {
    const topics = refs.filter((ref) => ref.stage === stage.id).map((ref) => ref.topicId);
    assert.deepEqual(
      [...topics].sort(),
      [...stage.topics].sort(),
      `${stage.id}: one ref per topic, its checks' topics included`,
    );
  }
  for (const ref of refs) assert.ok(topicExists(ref.topicId), `${ref.stage} → ${ref.topicId} exists`);
});
