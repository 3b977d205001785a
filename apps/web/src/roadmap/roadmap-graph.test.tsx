import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createTestRoadmap } from '../test/test-roadmap';
import type { TopicStatuses } from './roadmap.types';
import { RoadmapGraph } from './roadmap-graph';

const roadmap = createTestRoadmap();

function renderGraph(statuses: TopicStatuses = {}, selectedTopicId: string | null = null) {
  const onSelectTopic = vi.fn();
  const view = render(
    <div style={{ width: 1000, height: 700 }}>
      <RoadmapGraph
        roadmap={roadmap}
        statuses={statuses}
        selectedTopicId={selectedTopicId}
        onSelectTopic={onSelectTopic}
      />
    </div>,
  );
  return { ...view, onSelectTopic };
}

function topicButtons(): HTMLElement[] {
  return screen
    .getAllByRole('button')
    .filter((element) => element.classList.contains('react-flow__node-topic'));
}

function topicNamed(title: string): HTMLElement {
  const found = topicButtons().find((element) => element.getAttribute('aria-label')?.startsWith(`${title},`));
  if (!found) throw new Error(`no topic node named ${title}`);
  return found;
}

describe('RoadmapGraph', () => {
  it('puts the topics in the tab order in reading order', () => {
    renderGraph();
    const topics = topicButtons();
    expect(topics.map((element) => element.getAttribute('data-id'))).toEqual([
      'http',
      'rest',
      'go',
      'python',
      'caching',
    ]);
    expect(topics.every((element) => element.tabIndex === 0)).toBe(true);
    // the bands and boxes behind them are not tab stops
    const band = document.querySelector('.react-flow__node-band') as HTMLElement;
    expect(band.tabIndex).toBe(-1);
  });

  it('moves between topics with the arrow keys, Home and End', () => {
    renderGraph();
    const http = topicNamed('http');
    act(() => http.focus());
    fireEvent.keyDown(http, { key: 'ArrowRight' });
    expect(document.activeElement?.getAttribute('data-id')).toBe('rest');
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowDown' });
    expect(document.activeElement?.getAttribute('data-id')).toBe('go');
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowLeft' });
    expect(document.activeElement?.getAttribute('data-id')).toBe('rest');
    fireEvent.keyDown(document.activeElement as Element, { key: 'End' });
    expect(document.activeElement?.getAttribute('data-id')).toBe('caching');
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowRight' });
    expect(document.activeElement?.getAttribute('data-id')).toBe('caching');
    fireEvent.keyDown(document.activeElement as Element, { key: 'Home' });
    expect(document.activeElement?.getAttribute('data-id')).toBe('http');
  });

  it('selects the focused topic with Enter, and a topic with a click', () => {
    const { onSelectTopic } = renderGraph();
    const go = topicNamed('go');
    act(() => go.focus());
    fireEvent.keyDown(go, { key: 'Enter' });
    expect(onSelectTopic).toHaveBeenLastCalledWith('go');
    fireEvent.click(topicNamed('caching'));
    expect(onSelectTopic).toHaveBeenLastCalledWith('caching');
    expect(onSelectTopic).toHaveBeenCalledTimes(2);
  });

  it('colours each topic by its status and says the status in its name', () => {
    renderGraph({ http: 'done', rest: 'learning', go: 'skipped', caching: 'verified' });
    const expected = { http: 'done', rest: 'learning', go: 'skipped', python: 'todo', caching: 'verified' };
    for (const [id, status] of Object.entries(expected)) {
      const node = document.querySelector(`.react-flow__node-topic[data-id="${id}"]`) as HTMLElement;
      expect(node.querySelector('.gw-topic')?.getAttribute('data-status')).toBe(status);
      expect(node.querySelector('svg')?.getAttribute('style')).toContain(`--gw-status-${status}-mark`);
    }
    expect(topicNamed('http').getAttribute('aria-label')).toBe('http, Core topic, Done');
    expect(topicNamed('python').getAttribute('aria-label')).toBe('python, Pick one of several, Not started');
  });

  it('shows arrows between stages only for the focused or selected topic', () => {
    renderGraph();
    const crossStage = () => document.querySelectorAll('.gw-edge--cross').length;
    expect(document.querySelectorAll('.gw-edge').length).toBe(1);
    expect(crossStage()).toBe(0);
    act(() => topicNamed('http').focus());
    expect(crossStage()).toBe(1);
    act(() => topicNamed('python').focus());
    expect(crossStage()).toBe(1);
    act(() => (document.activeElement as HTMLElement).blur());
    expect(crossStage()).toBe(0);
  });

  it('keeps the selected topic highlighted with its arrows', () => {
    renderGraph({}, 'caching');
    expect(document.querySelector('[data-id="caching"] .gw-topic')?.hasAttribute('data-selected')).toBe(true);
    expect(document.querySelectorAll('.gw-edge--cross.gw-edge--active').length).toBe(2);
  });
});
