import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type LayoutNode, RoadmapLayout } from '@groundwork/contracts';
import { layoutRoadmap } from './layout';
import { serializeLayout } from './layout-file';
import { loadContent } from './load';
import { writeFixture } from './test-fixtures';

const REAL_CONTENT_DIR = fileURLToPath(new URL('../../../content', import.meta.url));

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const contains = (outer: Box, inner: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

async function layoutRealContent() {
  const { content } = await loadContent(REAL_CONTENT_DIR);
  return { content, layout: layoutRoadmap(content) };
}

test('the same content gives a byte-identical layout', async () => {
  const first = serializeLayout((await layoutRealContent()).layout);
  const second = serializeLayout((await layoutRealContent()).layout);
  assert.equal(first, second);
});

test('the real roadmap layout matches the schema, places every topic once and has a readable width', async () => {
  const { content, layout } = await layoutRealContent();
  RoadmapLayout.parse(layout);
  const placed = content.roadmap?.stages.flatMap((stage) => stage.topics) ?? [];
  assert.deepEqual(layout.nodes.map((node) => node.topicId).sort(), [...placed].sort());
  assert.ok(layout.width >= 1400 && layout.width <= 2600, `width ${layout.width}`);
  for (const node of layout.nodes) {
    assert.ok(
      contains({ x: 0, y: 0, width: layout.width, height: layout.height }, node),
      `${node.topicId} is outside the drawing`,
    );
  }
});

test('no two topic boxes overlap, and group boxes hold exactly their alternatives', async () => {
  const { layout } = await layoutRealContent();
  layout.nodes.forEach((a, index) => {
    for (const b of layout.nodes.slice(index + 1))
      assert.ok(!overlaps(a, b), `${a.topicId} overlaps ${b.topicId}`);
  });
  for (const group of layout.groups) {
    for (const node of layout.nodes) {
      if (group.topicIds.includes(node.topicId))
        assert.ok(contains(group, node), `${node.topicId} sticks out of ${group.choiceId}`);
      else assert.ok(!overlaps(group, node), `${node.topicId} overlaps group ${group.choiceId}`);
    }
    for (const other of layout.groups)
      if (other !== group) assert.ok(!overlaps(group, other), `${group.choiceId} overlaps ${other.choiceId}`);
  }
});

test('stages are bands stacked in order, each holding its own topics below its label', async () => {
  const { content, layout } = await layoutRealContent();
  assert.deepEqual(
    layout.bands.map((band) => band.stageId),
    content.roadmap?.stages.map((stage) => stage.id),
  );
  layout.bands.forEach((band, index) => {
    const next = layout.bands[index + 1];
    if (next !== undefined) assert.equal(band.y + band.height, next.y, 'bands touch without overlapping');
    const label = { ...band, height: band.labelHeight };
    for (const node of layout.nodes.filter((n) => n.stageId === band.stageId)) {
      assert.ok(contains(band, node), `${node.topicId} is outside band ${band.stageId}`);
      assert.ok(!overlaps(label, node), `${node.topicId} covers the label of ${band.stageId}`);
    }
  });
  const stageIndex = new Map(layout.bands.map((band, index) => [band.stageId, index]));
  const lowest = (stage: number) =>
    Math.max(...layout.nodes.filter((n) => stageIndex.get(n.stageId) === stage).map((n) => n.y + n.height));
  const highest = (stage: number) =>
    Math.min(...layout.nodes.filter((n) => stageIndex.get(n.stageId) === stage).map((n) => n.y));
  for (let stage = 0; stage + 1 < layout.bands.length; stage += 1)
    assert.ok(lowest(stage) < highest(stage + 1));
});

test('every arrow points downwards, from the bottom of its source to the top of its target', async () => {
  const { layout } = await layoutRealContent();
  const boxes = new Map<string, Box>([
    ...layout.nodes.map((node): [string, Box] => [node.topicId, node]),
    ...layout.groups.map((group): [string, Box] => [`choice:${group.choiceId}`, group]),
  ]);
  for (const edge of layout.edges) {
    const [source, target] = [boxes.get(edge.source), boxes.get(edge.target)];
    assert.ok(source !== undefined && target !== undefined, edge.id);
    assert.ok(source.y + source.height <= target.y, `${edge.id} does not point down`);
    assert.equal(edge.points[0]?.y, source.y + source.height, `${edge.id} starts at its source`);
    assert.equal(edge.points.at(-1)?.y, target.y, `${edge.id} ends at its target`);
  }
});

test('prerequisites shared by every alternative, and "choice:" prerequisites, attach to the group box', async (t) => {
  const { content } = await loadContent(await writeFixture(t));
  const layout = layoutRoadmap(content);
  const edges = layout.edges.map(
    (edge) => `${edge.source} -> ${edge.target}${edge.isCrossStage ? ' (cross-stage)' : ''}`,
  );
  assert.deepEqual(edges, [
    'basics -> http',
    'http -> apis (cross-stage)',
    'apis -> caching (cross-stage)',
    'caching -> choice:cache-store',
  ]);
  assert.deepEqual(
    layout.groups.map((group) => [group.choiceId, group.topicIds]),
    [['cache-store', ['redis', 'memcached']]],
  );
  assert.equal(layout.nodes.find((node: LayoutNode) => node.topicId === 'redis')?.choiceId, 'cache-store');
});
