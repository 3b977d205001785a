import { Badge } from '../ui/badge';
import type { RoadmapOutline, TopicStatuses } from './roadmap.types';
import { StatusMark } from './status-mark';
import { STATUS_LABELS, statusOf } from './topic-status';

type RoadmapListProps = {
  roadmap: RoadmapOutline;
  statuses: TopicStatuses;
  selectedTopicId: string | null;
  onSelectTopic: (topicId: string) => void;
};

/** The roadmap as a plain list by stage: easier on a phone, and a text alternative to the graph. */
export function RoadmapList({ roadmap, statuses, selectedTopicId, onSelectTopic }: RoadmapListProps) {
  return (
    <div className="space-y-8 px-4 py-6 sm:px-6">
      {roadmap.stages.map((stage, index) => (
        <section key={stage.id} aria-labelledby={`stage-${stage.id}`} className="space-y-3">
          <div>
            <h2 id={`stage-${stage.id}`} className="text-lg font-semibold text-fg">
              <span className="text-accent-text">Stage {index + 1}</span> · {stage.title}
            </h2>
            <p className="text-sm text-fg-muted">{stage.summary}</p>
          </div>
          <ul className="divide-y divide-line overflow-hidden rounded-xl border border-line bg-surface">
            {stage.topicIds.map((topicId) => {
              const topic = roadmap.topics[topicId];
              if (!topic) return null;
              const status = statusOf(statuses, topicId);
              const isSelected = topicId === selectedTopicId;
              return (
                <li key={topicId}>
                  <button
                    type="button"
                    onClick={() => onSelectTopic(topicId)}
                    aria-current={isSelected || undefined}
                    className="flex w-full items-center gap-3 px-4 py-3 text-left hover:bg-surface-muted aria-[current=true]:bg-accent-soft"
                  >
                    <StatusMark status={status} />
                    <span className="min-w-0 flex-1 text-sm font-medium text-fg">{topic.title}</span>
                    <span className="sr-only">({STATUS_LABELS[status]})</span>
                    {topic.kind === 'optional' && <Badge>Optional</Badge>}
                    {topic.kind === 'alternative' && <Badge tone="accent">Pick one</Badge>}
                    <span className="w-10 shrink-0 text-right text-xs text-fg-muted">{topic.hours} h</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
