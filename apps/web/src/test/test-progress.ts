import type { MyProgress } from '../api/types';

/** A learner's progress on a roadmap of four required topics (8 hours), `done` of them done. */
export function createProgress(done = 0, extra: Partial<MyProgress> = {}): MyProgress {
  const percent = (done / 4) * 100;
  return {
    contentHash: '0'.repeat(64),
    entries: [],
    summary: {
      stages: [],
      overall: {
        requiredTopics: 4,
        done,
        skipped: 0,
        percent,
        hours: { total: 8, remaining: 8 - done * 2 },
      },
      verifiedCount: 0,
    },
    verifiedTopicIds: [],
    next: [],
    ...extra,
  };
}
