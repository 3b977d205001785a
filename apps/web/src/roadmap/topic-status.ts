import type { TopicKind } from '@groundwork/contracts';
import type { TopicStatus, TopicStatuses } from './roadmap.types';

export const STATUS_LABELS: Record<TopicStatus, string> = {
  todo: 'Not started',
  learning: 'Learning',
  done: 'Done',
  skipped: 'Skipped',
  verified: 'Verified',
};

export const STATUS_DESCRIPTIONS: Record<TopicStatus, string> = {
  todo: "You haven't started this topic yet.",
  learning: "You're studying this topic.",
  done: 'You marked this topic as done.',
  skipped: 'You chose to skip this topic.',
  verified: 'A passing project stage proved this skill.',
};

/** The badge tone for each status; verified uses the accent so it reads apart from done. */
export const STATUS_TONES: Record<TopicStatus, 'neutral' | 'warning' | 'success' | 'accent'> = {
  todo: 'neutral',
  learning: 'warning',
  done: 'success',
  skipped: 'neutral',
  verified: 'accent',
};

export const KIND_LABELS: Record<TopicKind, string> = {
  core: 'Core topic',
  optional: 'Optional topic',
  alternative: 'Pick one of several',
};

export function statusOf(statuses: TopicStatuses, topicId: string): TopicStatus {
  return statuses[topicId] ?? 'todo';
}
