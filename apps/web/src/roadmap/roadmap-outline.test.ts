import { describe, expect, it } from 'vitest';
import { createTestRoadmapView } from '../test/test-roadmap';
import { readingOrder } from './graph-model';
import { toRoadmapOutline } from './roadmap-outline';

describe('toRoadmapOutline', () => {
  const outline = toRoadmapOutline(createTestRoadmapView());

  it('keys topics by id and keeps the choice an alternative belongs to', () => {
    expect(Object.keys(outline.topics).sort()).toEqual(['caching', 'go', 'http', 'python', 'rest']);
    expect(outline.topics.go?.choice).toBe('language');
    expect(outline.topics.http).not.toHaveProperty('choice');
  });

  it("turns each topic's box into a node of the drawing, where the API placed it", () => {
    expect(outline.layout.nodes.find((node) => node.topicId === 'python')).toEqual({
      topicId: 'python',
      stageId: 'basics',
      x: 540,
      y: 90,
      width: 200,
      height: 56,
    });
    expect(readingOrder(outline)).toEqual(['http', 'rest', 'go', 'python', 'caching']);
  });
});
