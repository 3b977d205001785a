import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './problem';
import { queryKeys } from './query-keys';

const MAX_RETRIES = 2;

/** Whether a failed query is worth asking again. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  // a 4xx will not change by asking again; only the network and the server's bad moments are retried
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < MAX_RETRIES;
}

/**
 * The app's query client. Any call answered 401 means the session ended (it expired, or the user logged
 * out in another tab): the user is then signed out here too, and protected pages send them to log in.
 */
export function createQueryClient(): QueryClient {
  const signOutOnExpiredSession = (error: unknown) => {
    if (error instanceof ApiError && error.isUnauthenticated)
      client.setQueryData(queryKeys.currentUser, null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError(error, query) {
        // the current-user query turns its own 401 into "signed out"
        if (query.queryKey[0] !== queryKeys.currentUser[0]) signOutOnExpiredSession(error);
      },
    }),
    mutationCache: new MutationCache({ onError: signOutOnExpiredSession }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
  return client;
}
