import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api/api-context';
import { unwrap } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Every project; `best` is filled in when signed in, so the list is fetched again on sign-in and out. */
export function useProjects() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.projects,
    queryFn: async () => (await unwrap(api.GET('/api/projects'))).items,
  });
}

export function useProject(slug: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.project(slug),
    queryFn: () => unwrap(api.GET('/api/projects/{slug}', { params: { path: { slug } } })),
  });
}
