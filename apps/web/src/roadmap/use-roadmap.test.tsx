import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { createQueryClient } from '../api/query-client';
import { readingOrder } from './graph-model';
import { useRoadmap } from './use-roadmap';

describe('useRoadmap', () => {
  it('gives the real roadmap: every drawn topic has a title and a stage, without the heavy explanations', async () => {
    const queryClient = createQueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(() => useRoadmap(), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    const roadmap = result.current.data;
    if (!roadmap) throw new Error('no roadmap');

    expect(roadmap.layout.nodes.length).toBeGreaterThan(100);
    for (const node of roadmap.layout.nodes) {
      const topic = roadmap.topics[node.topicId];
      expect(topic?.title, node.topicId).toBeTruthy();
      expect(roadmap.stages.some((stage) => stage.id === topic?.stageId)).toBe(true);
    }
    expect(readingOrder(roadmap)).toHaveLength(roadmap.layout.nodes.length);
    expect(JSON.stringify(roadmap)).not.toContain('bodyHtml');
  });
});
