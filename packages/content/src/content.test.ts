// The real roadmap under content/ must pass every rule, and its committed layout must be current.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Roadmap } from '@groundwork/contracts';
import { loadRoadmap } from './assemble';
import { checkContentDir, formatIssue } from './check-dir';
import { isLayoutCurrent } from './layout-file';
import { loadContent } from './load';
import { computeStageTotals } from './totals';

const REAL_CONTENT_DIR = fileURLToPath(new URL('../../../content', import.meta.url));

test('the real content passes the checker with zero issues', async () => {
  const issues = await checkContentDir(REAL_CONTENT_DIR);
  assert.deepEqual(issues.map(formatIssue), []);
});

test('the committed content/build/layout.json is current (run npm run build if not)', async () => {
  assert.equal(await isLayoutCurrent(REAL_CONTENT_DIR), true);
});

test('the real roadmap assembles into the served shape', async () => {
  const { roadmap, issues } = await loadRoadmap(REAL_CONTENT_DIR);
  assert.deepEqual(issues, []);
  assert.ok(roadmap !== null);
  Roadmap.parse(roadmap);
  assert.equal(Object.keys(roadmap.topics).length, 154);
  assert.deepEqual(
    roadmap.stages.map((stage) => stage.id),
    ['beginner', 'intermediate', 'advanced', 'career'],
  );
  const http = roadmap.topics.http;
  assert.equal(http?.stageId, 'beginner');
  assert.match(http?.bodyHtml ?? '', /<strong>request<\/strong>/);
  const node = roadmap.layout.nodes.find((n) => n.topicId === 'http');
  assert.deepEqual(http?.position, { x: node?.x, y: node?.y });
  assert.ok(
    roadmap.pages.some((page) => page.bodyHtml.includes('href="/roadmap/client-server-architecture"')),
  );
});

test('stage totals stay within the seed timelines at ten hours a week', async () => {
  const { content } = await loadContent(REAL_CONTENT_DIR);
  const totals = computeStageTotals(content);
  const required = (ids: string[]) =>
    totals.filter((t) => ids.includes(t.stageId)).reduce((sum, t) => sum + t.requiredHours, 0);
  const beginner = required(['beginner']);
  const throughAdvanced = required(['beginner', 'intermediate', 'advanced']);
  assert.ok(beginner >= 80 && beginner <= 135, `beginner ${beginner} h`);
  assert.ok(throughAdvanced >= 260 && throughAdvanced <= 520, `beginner to advanced ${throughAdvanced} h`);
});
