import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api/api-context';
import { unwrap } from '../api/client';
import { queryKeys } from '../api/query-keys';
import { toRoadmapOutline } from './roadmap-outline';

/**
 * The roadmap to draw, from `GET /api/roadmap`. The API answers with an ETag and `no-cache`, so the
 * browser revalidates its copy and a reload costs a 304, not the whole graph again.
 */
export function useRoadmap() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.roadmap,
    queryFn: async () => toRoadmapOutline(await unwrap(api.GET('/api/roadmap'))),
    staleTime: 10 * 60_000,
  });
}

/** One topic's explanation, resources and linked project stages. */
export function useTopic(topicId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.topic(topicId ?? ''),
    queryFn: () =>
      unwrap(api.GET('/api/roadmap/topics/{topicId}', { params: { path: { topicId: topicId ?? '' } } })),
    enabled: topicId !== null,
    staleTime: 10 * 60_000,
  });
}
