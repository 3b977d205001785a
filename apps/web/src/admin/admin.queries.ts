import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context';
import { unwrap } from '../api/client';
import { queryKeys } from '../api/query-keys';
import type { Role, User } from '../api/types';

export const ADMIN_PAGE_SIZE = 20;

type UsersPage = { items: User[]; nextCursor: string | null };

export function useUsers(cursor: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.users(cursor),
    queryFn: () =>
      unwrap(
        api.GET('/api/admin/users', {
          params: { query: { limit: ADMIN_PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useAuditEvents(cursor: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.auditEvents(cursor),
    queryFn: () =>
      unwrap(
        api.GET('/api/admin/audit-events', {
          params: { query: { limit: ADMIN_PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Changes a role, then updates that user wherever the cache shows them (including "me"). */
export function useChangeRole() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      unwrap(api.PATCH('/api/admin/users/{userId}', { params: { path: { userId } }, body: { role } })),
    onSuccess: async (updated) => {
      queryClient.setQueriesData<UsersPage>({ queryKey: queryKeys.allUsers }, (page) =>
        page ? { ...page, items: page.items.map((user) => (user.id === updated.id ? updated : user)) } : page,
      );
      queryClient.setQueryData<User | null>(queryKeys.currentUser, (me) =>
        me && me.id === updated.id ? updated : me,
      );
      await queryClient.invalidateQueries({ queryKey: queryKeys.allAuditEvents });
    },
  });
}
