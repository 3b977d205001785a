import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context';
import { unwrap } from '../api/client';
import { ApiError } from '../api/problem';
import { queryKeys } from '../api/query-keys';
import type { User } from '../api/types';

const CURRENT_USER_STALE_MS = 5 * 60_000;

/** The signed-in user, or null when signed out (the API answered 401). */
export function useCurrentUser() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.currentUser,
    queryFn: async (): Promise<User | null> => {
      try {
        return await unwrap(api.GET('/api/me'));
      } catch (error) {
        if (error instanceof ApiError && error.isUnauthenticated) return null;
        throw error;
      }
    },
    staleTime: CURRENT_USER_STALE_MS,
  });
}

export type LoginInput = { email: string; password: string };
export type SignupInput = LoginInput & { name: string };

export function useLogin() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginInput) => unwrap(api.POST('/api/auth/login', { body })),
    onSuccess: (session) => {
      queryClient.setQueryData(queryKeys.currentUser, session.user);
    },
  });
}

export function useSignup() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignupInput) => unwrap(api.POST('/api/auth/signup', { body })),
    onSuccess: (session) => {
      queryClient.setQueryData(queryKeys.currentUser, session.user);
    },
  });
}

/** Ends the session on the server, then forgets everything cached for this user. */
export function useLogout() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await unwrap(api.POST('/api/auth/logout'));
      } catch (error) {
        // a session that already ended is the outcome we wanted
        if (!(error instanceof ApiError && error.isUnauthenticated)) throw error;
      }
    },
    onSuccess: () => {
      queryClient.clear();
      queryClient.setQueryData(queryKeys.currentUser, null);
    },
  });
}
