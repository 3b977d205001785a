import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { urlShortener } from '.';
import { FAULTS } from './faults';
import { STAGE_IDS } from './stage-ids';

const spec = readFileSync(urlShortener.specPath, 'utf8');
const TOPICS_DIR = new URL('../../content/topics/', import.meta.url);

/** The spec's text for each stage, keyed by the id in its heading: "## Stage 3: Redirect (`redirect`)". */
function stageSections(): Map<string, string> {
  const sections = new Map<string, string>();
  for (const part of spec.split(/^(?=## )/m)) {
    const id = /^## Stage \d+: .+ \(`([a-z-]+)`\)$/m.exec(part)?.[1];
    if (id !== undefined) sections.set(id, part);
  }
  return sections;
}

test('the spec has a section per stage, in the stages order, numbered from 1', () => {
  assert.deepEqual([...stageSections().keys()], [...STAGE_IDS]);
  const numbers = [...spec.matchAll(/^## Stage (\d+):/gm)].map((match) => Number(match[1]));
  assert.deepEqual(
    numbers,
    STAGE_IDS.map((_, index) => index + 1),
  );
});

test('every topic link names a roadmap topic', () => {
  const topics = [...spec.matchAll(/\]\(topic:([^)]+)\)/g)].map((match) => match[1] ?? '');
  assert.ok(topics.length > 0);
  for (const topic of topics)
    assert.ok(existsSync(new URL(`${topic}.md`, TOPICS_DIR)), `topic ${topic} exists`);
});

test('every stage links to a topic, and lists the check each of its faults names', () => {
  const sections = stageSections();
  for (const stage of STAGE_IDS) {
    const section = sections.get(stage) ?? '';
    assert.match(section, /\*\*Learn:\*\* .*\(topic:/, `${stage} links to a topic`);
    for (const fault of FAULTS.filter((one) => one.stage === stage)) {
      assert.ok(listedChecks(section).includes(fault.check), `${stage} lists ${fault.check} (${fault.id})`);
    }
  }
});

test('every check the spec lists is the check of some fault: a check no fault can fail is not a check', () => {
  const listed = [...stageSections().values()].flatMap(listedChecks);
  assert.ok(listed.length >= STAGE_IDS.length);
  const named = new Set<string>(FAULTS.map((fault) => fault.check));
  for (const check of listed) assert.ok(named.has(check), `a fault names check ${check}`);
});

/** The check ids in a stage's "The grader checks" list. */
function listedChecks(section: string): string[] {
  const list = section.split('**The grader checks**')[1]?.split('**Tips.**')[0] ?? '';
  return [...list.matchAll(/^- `([a-z0-9-]+)`:/gm)].map((match) => match[1] ?? '');
}
