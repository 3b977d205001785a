import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context';
import { unwrap } from '../api/client';
import { queryKeys } from '../api/query-keys';
import type { MyProgress, ProgressDocument, ProgressStatus } from '../api/types';
import { withTopicStatus } from './topic-statuses';

/** The signed-in learner's progress; pass `isSignedIn: false` to skip the call (and its 401). */
export function useMyProgress({ isSignedIn }: { isSignedIn: boolean }) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.progress,
    queryFn: () => unwrap(api.GET('/api/progress')),
    enabled: isSignedIn,
  });
}

export function useTimeline(days: number) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.timeline(days),
    queryFn: () => unwrap(api.GET('/api/progress/timeline', { params: { query: { days } } })),
  });
}

/** The learner's streak, counted by the API over their whole history in UTC days. */
export function useActivity() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.activity,
    queryFn: () => unwrap(api.GET('/api/progress/activity')),
  });
}

type SetStatusInput = { topic: { id: string; title: string }; status: ProgressStatus };

/**
 * Sets the learner's status on a topic. The map changes at once; a failure puts the old status back, and
 * the summaries (per stage, hours left, what next) are fetched again once the server has it.
 */
export function useSetTopicStatus() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ topic, status }: SetStatusInput) =>
      unwrap(
        api.PUT('/api/progress/topics/{topicId}', {
          params: { path: { topicId: topic.id } },
          body: { status },
        }),
      ),
    onMutate: async ({ topic, status }) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.progress, exact: true });
      const previous = queryClient.getQueryData<MyProgress>(queryKeys.progress);
      if (previous) {
        queryClient.setQueryData(
          queryKeys.progress,
          withTopicStatus(previous, topic, status, new Date().toISOString()),
        );
      }
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(queryKeys.progress, context.previous);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.progress }),
  });
}

/** Downloads the export document as a file the browser saves. */
export function useExportProgress() {
  const api = useApi();
  return useMutation({
    mutationFn: async () => {
      const document = await unwrap(api.GET('/api/progress/export'));
      const day = (document.exportedAt ?? new Date().toISOString()).slice(0, 10);
      saveJsonFile(`groundwork-progress-${day}.json`, document);
      return document;
    },
  });
}

function saveJsonFile(name: string, value: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  const link = window.document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // the click has started the download; the URL is no longer needed
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function useImportProgress() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProgressDocument) => unwrap(api.POST('/api/progress/import', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.progress }),
  });
}

export function useResetProgress() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/progress/reset')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.progress }),
  });
}
