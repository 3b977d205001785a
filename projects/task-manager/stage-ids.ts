/** The task-manager stages in the order they run; ids are stable (results and progress refer to them). */
export const STAGE_IDS = [
  'health',
  'sign-up',
  'log-in',
  'tasks',
  'authentication',
  'isolation',
  'validation',
  'listing',
  'concurrency',
  'security',
  'performance',
] as const;

export type StageId = (typeof STAGE_IDS)[number];
