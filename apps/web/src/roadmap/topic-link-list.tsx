import type { TopicOutline, TopicStatuses } from './roadmap.types';
import { StatusMark } from './status-mark';
import { STATUS_LABELS, statusOf } from './topic-status';

type TopicLinkListProps = {
  topics: readonly TopicOutline[];
  statuses: TopicStatuses;
  onSelectTopic: (topicId: string) => void;
  currentTopicId?: string;
};

/** Topics as buttons that open them, each with its status mark. */
export function TopicLinkList({ topics, statuses, onSelectTopic, currentTopicId }: TopicLinkListProps) {
  return (
    <ul className="space-y-1">
      {topics.map((topic) => {
        const status = statusOf(statuses, topic.id);
        const isCurrent = topic.id === currentTopicId;
        return (
          <li key={topic.id}>
            <button
              type="button"
              onClick={() => onSelectTopic(topic.id)}
              aria-current={isCurrent || undefined}
              className="flex w-full items-center gap-2.5 rounded-md px-2 py-1.5 text-left text-sm text-fg hover:bg-surface-muted aria-[current=true]:bg-accent-soft aria-[current=true]:font-semibold"
            >
              <StatusMark status={status} />
              <span className="min-w-0 flex-1">{topic.title}</span>
              <span className="sr-only">({STATUS_LABELS[status]})</span>
              <span className="shrink-0 text-xs text-fg-muted">{topic.hours} h</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
