import bundledRoadmap from 'virtual:groundwork/roadmap';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys';
import type { RoadmapOutline } from './roadmap.types';

/**
 * The roadmap to draw. For now it is the content checked and laid out at build time; when the API
 * serves it, the query function becomes `() => unwrap(api.GET('/api/roadmap'))`.
 */
export function useRoadmap() {
  return useQuery({
    queryKey: queryKeys.roadmap,
    queryFn: async (): Promise<RoadmapOutline> => bundledRoadmap,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
