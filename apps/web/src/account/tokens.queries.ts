import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context';
import { unwrap } from '../api/client';
import { queryKeys } from '../api/query-keys';
import type { ApiToken } from '../api/types';

export function useTokens() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.tokens,
    queryFn: async () => (await unwrap(api.GET('/api/tokens'))).items,
  });
}

export type CreateTokenInput = { name: string; expiresInDays?: number };

/**
 * Creates a token. Only its public description goes into the cache; the secret stays with the caller,
 * which shows it once.
 */
export function useCreateToken() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTokenInput) => unwrap(api.POST('/api/tokens', { body })),
    // the result holds the secret: drop it from the mutation cache as soon as the form lets go of it
    gcTime: 0,
    onSuccess: async (created) => {
      queryClient.setQueryData<ApiToken[]>(queryKeys.tokens, (tokens) =>
        tokens ? [created.token, ...tokens.filter((token) => token.id !== created.token.id)] : tokens,
      );
      await queryClient.invalidateQueries({ queryKey: queryKeys.tokens });
    },
  });
}

export function useRevokeToken() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) =>
      unwrap(api.DELETE('/api/tokens/{tokenId}', { params: { path: { tokenId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}
