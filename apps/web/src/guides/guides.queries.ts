import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api/api-context';
import { unwrap } from '../api/client';
import { queryKeys } from '../api/query-keys';

// guides change only when the content is deployed again, like topics
const GUIDE_STALE_MS = 10 * 60_000;

/** The pages beside the roadmap (FAQ, common mistakes, job titles, project ideas), in content order. */
export function useGuides() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.guides,
    queryFn: async () => (await unwrap(api.GET('/api/pages'))).items,
    staleTime: GUIDE_STALE_MS,
  });
}

/** One guide, its Markdown rendered to HTML by the API. */
export function useGuide(pageId: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.guide(pageId),
    queryFn: () => unwrap(api.GET('/api/pages/{pageId}', { params: { path: { pageId } } })),
    staleTime: GUIDE_STALE_MS,
  });
}
