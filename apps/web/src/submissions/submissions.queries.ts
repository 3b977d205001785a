import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context';
import { unwrap } from '../api/client';
import { queryKeys } from '../api/query-keys';
import type { SubmissionSummary } from '../api/types';

export const HISTORY_PAGE_SIZE = 20;

/** The learner's submissions, newest first; for one project when `project` is given. */
export function useSubmissions(project: string | null, options: { limit?: number; enabled?: boolean } = {}) {
  const api = useApi();
  const limit = options.limit ?? HISTORY_PAGE_SIZE;
  return useQuery({
    queryKey: queryKeys.submissions(project, limit),
    queryFn: () =>
      unwrap(api.GET('/api/submissions', { params: { query: { limit, ...(project ? { project } : {}) } } })),
    enabled: options.enabled ?? true,
  });
}

/**
 * One project's submissions, newest first, a page at a time: `fetchNextPage` adds the next older page
 * through the API's cursor. A refetch walks the cursors again from the newest, so nothing is skipped.
 */
export function useSubmissionPages(project: string, options: { limit: number; enabled: boolean }) {
  const api = useApi();
  const { limit, enabled } = options;
  return useInfiniteQuery({
    queryKey: queryKeys.submissionPages(project, limit),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/submissions', {
          params: { query: { limit, project, ...(pageParam === null ? {} : { cursor: pageParam }) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled,
  });
}

export function useSubmission(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.submission(id),
    queryFn: () =>
      unwrap(api.GET('/api/submissions/{submissionId}', { params: { path: { submissionId: id } } })),
  });
}

export type SubmitInput = { project: string; url: string; all: boolean };

export function useCreateSubmission() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ project, url, all }: SubmitInput) =>
      unwrap(api.POST('/api/submissions', { body: { project, url, ...(all ? { all } : {}) } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.allSubmissions }),
  });
}

export function useCancelSubmission(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/submissions/{submissionId}/cancel', { params: { path: { submissionId: id } } })),
    onSuccess: (summary: SubmissionSummary) => {
      queryClient.setQueryData(queryKeys.submission(id), (current: object | undefined) =>
        current ? { ...current, ...summary } : current,
      );
    },
  });
}

/** After a run ends: its result, the project's best result, and the topics it verified are all new. */
export function useRefreshAfterRun(id: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.submission(id) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.allSubmissions }),
      queryClient.invalidateQueries({ queryKey: queryKeys.projects }),
      queryClient.invalidateQueries({ queryKey: queryKeys.progress }),
    ]);
}
