/** The url-shortener stages in the order they run; ids are stable (results and progress refer to them). */
export const STAGE_IDS = [
  'health',
  'create-link',
  'redirect',
  'not-found',
  'validation',
  'custom-alias',
  'click-stats',
  'expiry',
  'listing',
  'security',
  'performance',
] as const;

export type StageId = (typeof STAGE_IDS)[number];
