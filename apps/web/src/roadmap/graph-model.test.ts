import { describe, expect, it } from 'vitest';
import { createTestRoadmap } from '../test/test-roadmap';
import { buildEdges, buildNodes, readingOrder, relatedTopicIds, type TopicFlowNode } from './graph-model';

const roadmap = createTestRoadmap();

function topicNodes(statuses = {}, selectedTopicId: string | null = null) {
  return buildNodes(roadmap, statuses, { selectedTopicId, activeTopicId: selectedTopicId }).filter(
    (node): node is TopicFlowNode => node.type === 'topic',
  );
}

describe('readingOrder', () => {
  it('follows the stages and their topic lists, not the order of the layout file', () => {
    expect(readingOrder(roadmap)).toEqual(['http', 'rest', 'go', 'python', 'caching']);
  });
});

describe('buildNodes', () => {
  it('draws bands and choice boxes behind topics, topics in reading order at their layout positions', () => {
    const nodes = buildNodes(roadmap, {}, { selectedTopicId: null, activeTopicId: null });
    expect(nodes.map((node) => node.id)).toEqual([
      'stage:basics',
      'stage:scale',
      'choice:language',
      'http',
      'rest',
      'go',
      'python',
      'caching',
    ]);
    expect(nodes.find((node) => node.id === 'python')?.position).toEqual({ x: 540, y: 90 });
  });

  it('gives each topic its status (not started when missing) and names it for screen readers', () => {
    const nodes = topicNodes({ http: 'done', rest: 'verified' });
    const byId = new Map(nodes.map((node) => [node.id, node]));
    expect(byId.get('http')?.data.status).toBe('done');
    expect(byId.get('rest')?.data.status).toBe('verified');
    expect(byId.get('go')?.data.status).toBe('todo');
    expect(byId.get('rest')?.ariaLabel).toBe('rest, Optional topic, Verified');
  });

  it('marks the selected topic and its neighbours', () => {
    const byId = new Map(topicNodes({}, 'http').map((node) => [node.id, node]));
    expect(byId.get('http')?.data.isSelected).toBe(true);
    expect(byId.get('http')?.ariaLabel).toContain('selected');
    expect(byId.get('rest')?.data.isRelated).toBe(true);
    expect(byId.get('caching')?.data.isRelated).toBe(true);
    expect(byId.get('go')?.data.isRelated).toBe(false);
  });
});

describe('buildEdges', () => {
  it('hides arrows between stages until a topic is active', () => {
    expect(buildEdges(roadmap, null).map((edge) => edge.id)).toEqual(['http->rest']);
  });

  it("shows the active topic's arrows between stages, highlighted", () => {
    const edges = buildEdges(roadmap, 'http');
    expect(edges.map((edge) => edge.id)).toEqual(['http->rest', 'http->caching']);
    expect(edges.every((edge) => edge.data?.isActive)).toBe(true);
  });

  it('treats an arrow from a choice box as belonging to each of its alternatives', () => {
    expect(buildEdges(roadmap, 'python').map((edge) => edge.id)).toEqual([
      'http->rest',
      'choice:language->caching',
    ]);
  });
});

describe('relatedTopicIds', () => {
  it('expands a choice prerequisite into its alternatives', () => {
    const caching = roadmap.topics.caching;
    if (!caching) throw new Error('fixture has caching');
    expect([...relatedTopicIds(roadmap, caching)].sort()).toEqual(['go', 'http', 'python']);
  });
});
