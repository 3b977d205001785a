import type { RoadmapView } from '../api/types';
import type { RoadmapOutline, TopicOutline } from '../roadmap/roadmap.types';

const HASH = '0'.repeat(64);

function topic(id: string, stageId: string, extra: Partial<TopicOutline> = {}): TopicOutline {
  return {
    id,
    title: id.replace(/-/g, ' '),
    kind: 'core',
    stageId,
    hours: 2,
    summary: `A summary of ${id} that is long enough.`,
    prerequisites: [],
    ...extra,
  };
}

/**
 * A two-stage roadmap: `http` → `rest` inside stage one, a choice of two languages, and `caching` in stage
 * two depending on `http` across the stage boundary.
 */
export function createTestRoadmap(): RoadmapOutline {
  const topics = [
    topic('http', 'basics'),
    topic('rest', 'basics', { prerequisites: ['http'], kind: 'optional' }),
    topic('go', 'basics', { kind: 'alternative', choice: 'language' }),
    topic('python', 'basics', { kind: 'alternative', choice: 'language' }),
    topic('caching', 'scale', { prerequisites: ['http', 'choice:language'] }),
  ];
  const node = (topicId: string, stageId: string, x: number, y: number) => ({
    topicId,
    stageId,
    x,
    y,
    width: 200,
    height: 56,
  });
  return {
    id: 'backend',
    title: 'Backend',
    summary: 'A small roadmap for the graph tests.',
    contentHash: HASH,
    stages: [
      {
        id: 'basics',
        title: 'Basics',
        summary: 'The first stage.',
        topicIds: ['http', 'rest', 'go', 'python'],
        hours: { required: 6, optional: 2 },
      },
      {
        id: 'scale',
        title: 'Scale',
        summary: 'The second stage.',
        topicIds: ['caching'],
        hours: { required: 2, optional: 0 },
      },
    ],
    choices: [
      {
        id: 'language',
        title: 'A language',
        summary: 'Pick one language.',
        stageId: 'basics',
        topicIds: ['go', 'python'],
      },
    ],
    topics: Object.fromEntries(topics.map((t) => [t.id, t])),
    layout: {
      width: 800,
      height: 600,
      bands: [
        { stageId: 'basics', x: 0, y: 0, width: 800, height: 300, labelHeight: 64 },
        { stageId: 'scale', x: 0, y: 300, width: 800, height: 300, labelHeight: 64 },
      ],
      groups: [
        {
          choiceId: 'language',
          stageId: 'basics',
          topicIds: ['go', 'python'],
          x: 300,
          y: 60,
          width: 460,
          height: 100,
          labelHeight: 28,
        },
      ],
      // drawn out of reading order on purpose: the graph must follow the roadmap's order, not the file's
      nodes: [
        node('python', 'basics', 540, 90),
        node('http', 'basics', 40, 80),
        node('go', 'basics', 320, 90),
        node('rest', 'basics', 40, 180),
        node('caching', 'scale', 40, 380),
      ],
      edges: [
        {
          id: 'http->rest',
          source: 'http',
          target: 'rest',
          isCrossStage: false,
          points: [
            { x: 140, y: 136 },
            { x: 140, y: 180 },
          ],
        },
        {
          id: 'http->caching',
          source: 'http',
          target: 'caching',
          isCrossStage: true,
          points: [
            { x: 140, y: 136 },
            { x: 140, y: 380 },
          ],
        },
        {
          id: 'choice:language->caching',
          source: 'choice:language',
          target: 'caching',
          isCrossStage: true,
          points: [
            { x: 530, y: 160 },
            { x: 140, y: 380 },
          ],
        },
      ],
    },
  };
}

/** The same roadmap as `GET /api/roadmap` answers it: topics in reading order, each with its box. */
export function createTestRoadmapView(): RoadmapView {
  const outline = createTestRoadmap();
  const boxes = new Map(outline.layout.nodes.map((node) => [node.topicId, node]));
  const topics = outline.stages.flatMap((stage) =>
    stage.topicIds.map((id) => {
      const topic = outline.topics[id];
      const box = boxes.get(id);
      if (!topic || !box) throw new Error(`fixture topic ${id} is incomplete`);
      const { x, y, width, height } = box;
      const { choice, ...rest } = topic;
      return { ...rest, choiceId: choice ?? null, node: { x, y, width, height } };
    }),
  );
  const { nodes: _nodes, ...drawing } = outline.layout;
  const { id, title, summary, contentHash, stages, choices } = outline;
  return { id, title, summary, contentHash, stages, choices, topics, layout: drawing };
}
