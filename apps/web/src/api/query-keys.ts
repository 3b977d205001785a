/** Every TanStack Query key in one place, so invalidation cannot drift from the queries it targets. */
export const queryKeys = {
  currentUser: ['me'] as const,
  tokens: ['tokens'] as const,
  users: (cursor: string | undefined) => ['admin', 'users', cursor ?? null] as const,
  allUsers: ['admin', 'users'] as const,
  auditEvents: (cursor: string | undefined) => ['admin', 'audit-events', cursor ?? null] as const,
  allAuditEvents: ['admin', 'audit-events'] as const,
  roadmap: ['roadmap'] as const,
};
