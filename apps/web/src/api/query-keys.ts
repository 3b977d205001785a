/** Every TanStack Query key in one place, so invalidation cannot drift from the queries it targets. */
export const queryKeys = {
  currentUser: ['me'] as const,
  tokens: ['tokens'] as const,
  users: (cursor: string | undefined) => ['admin', 'users', cursor ?? null] as const,
  allUsers: ['admin', 'users'] as const,
  auditEvents: (cursor: string | undefined) => ['admin', 'audit-events', cursor ?? null] as const,
  allAuditEvents: ['admin', 'audit-events'] as const,
  roadmap: ['roadmap'] as const,
  topic: (topicId: string) => ['roadmap', 'topic', topicId] as const,
  guides: ['guides'] as const,
  guide: (pageId: string) => ['guides', pageId] as const,
  /** The signed-in learner's progress, its timeline and anything else computed from it. */
  progress: ['progress'] as const,
  timeline: (days: number) => ['progress', 'timeline', days] as const,
  activity: ['progress', 'activity'] as const,
  projects: ['projects'] as const,
  project: (slug: string) => ['projects', slug] as const,
  allSubmissions: ['submissions'] as const,
  submissions: (project: string | null, limit: number) => ['submissions', 'list', project, limit] as const,
  submissionPages: (project: string, limit: number) => ['submissions', 'pages', project, limit] as const,
  submission: (id: string) => ['submissions', 'one', id] as const,
};
