import type { MyProgress, ProgressEntry, ProgressStatus } from '../api/types';
import type { TopicStatus, TopicStatuses } from '../roadmap/roadmap.types';

/**
 * The status the graph shows for each topic: verified (a graded project stage proved it) wins over what
 * the learner set, so a verified topic reads apart from one the learner only marked done.
 */
export function statusesFromProgress(progress: Pick<MyProgress, 'entries'> | undefined): TopicStatuses {
  const statuses: Record<string, TopicStatus> = {};
  for (const entry of progress?.entries ?? []) {
    if (entry.isArchived) continue;
    if (entry.verifiedAt !== null) statuses[entry.topicId] = 'verified';
    else if (entry.status !== 'todo') statuses[entry.topicId] = entry.status;
  }
  return statuses;
}

/** What the learner set themselves on a topic ('todo' when nothing), whatever the grader verified. */
export function ownStatusOf(
  progress: Pick<MyProgress, 'entries'> | undefined,
  topicId: string,
): ProgressStatus {
  return progress?.entries.find((entry) => entry.topicId === topicId)?.status ?? 'todo';
}

export function entryOf(
  progress: Pick<MyProgress, 'entries'> | undefined,
  topicId: string,
): ProgressEntry | null {
  return progress?.entries.find((entry) => entry.topicId === topicId) ?? null;
}

/**
 * The progress with one topic's status changed, as the server will store it: shown at once while the
 * request runs, and rolled back if it fails.
 */
export function withTopicStatus(
  progress: MyProgress,
  topic: { id: string; title: string },
  status: ProgressStatus,
  now: string,
): MyProgress {
  const existing = progress.entries.find((entry) => entry.topicId === topic.id);
  const updated: ProgressEntry = existing
    ? { ...existing, status, updatedAt: now }
    : {
        topicId: topic.id,
        title: topic.title,
        status,
        note: null,
        updatedAt: now,
        verifiedAt: null,
        isArchived: false,
      };
  const entries = existing
    ? progress.entries.map((entry) => (entry.topicId === topic.id ? updated : entry))
    : [...progress.entries, updated];
  return { ...progress, entries };
}
