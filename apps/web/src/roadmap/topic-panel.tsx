import type { ReactNode } from 'react';
import { describeError } from '../api/problem';
import type { ProgressStatus } from '../api/types';
import { Badge } from '../ui/badge';
import { CloseIcon } from '../ui/icons';
import { Timestamp } from '../ui/timestamp';
import type { RoadmapOutline, TopicOutline, TopicStatuses } from './roadmap.types';
import { StatusButtons } from './status-buttons';
import { StatusMark } from './status-mark';
import { TopicDetails } from './topic-details';
import { TopicLinkList } from './topic-link-list';
import { alternativesOf, followUpsOf, prerequisitesOf } from './topic-relations';
import { KIND_LABELS, STATUS_DESCRIPTIONS, STATUS_LABELS, STATUS_TONES, statusOf } from './topic-status';
import { useTopic } from './use-roadmap';

/** The learner's side of a topic: what they set, when the grader verified it, and how to change it. */
export type TopicProgressControls = {
  /** Null when signed out. */
  ownStatus: ProgressStatus | null;
  verifiedAt: string | null;
  isSaving: boolean;
  saveError: unknown;
  onSetStatus: (status: ProgressStatus) => void;
};

type TopicPanelProps = {
  roadmap: RoadmapOutline;
  topic: TopicOutline;
  statuses: TopicStatuses;
  onSelectTopic: (topicId: string) => void;
  onClose: () => void;
  progress: TopicProgressControls;
};

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2">
      <h3 className="text-xs font-semibold tracking-wide text-fg-muted uppercase">{title}</h3>
      {children}
    </section>
  );
}

/** One topic: what it is, how long it takes, what comes before and after it. */
export function TopicPanel({ roadmap, topic, statuses, onSelectTopic, onClose, progress }: TopicPanelProps) {
  const status = statusOf(statuses, topic.id);
  const detail = useTopic(topic.id);
  const stageIndex = roadmap.stages.findIndex((stage) => stage.id === topic.stageId);
  const stage = roadmap.stages[stageIndex];
  const prerequisites = prerequisitesOf(roadmap, topic);
  const followUps = followUpsOf(roadmap, topic);
  const alternatives = alternativesOf(roadmap, topic);

  return (
    <article aria-labelledby="topic-title" className="space-y-6 p-5 sm:p-6">
      <header className="space-y-3">
        <div className="flex items-start justify-between gap-3">
          <p className="text-sm text-fg-muted">
            {stage ? `Stage ${stageIndex + 1} · ${stage.title}` : 'Roadmap topic'}
          </p>
          <button
            type="button"
            onClick={onClose}
            className="-mt-1 -mr-2 flex size-8 shrink-0 items-center justify-center rounded-md text-fg-muted hover:bg-surface-muted hover:text-fg"
          >
            <CloseIcon size={18} />
            <span className="sr-only">Close this topic</span>
          </button>
        </div>
        <h2 id="topic-title" className="text-xl font-semibold tracking-tight text-fg">
          {topic.title}
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone={STATUS_TONES[status]}>
            <StatusMark status={status} className="size-3.5" />
            {STATUS_LABELS[status]}
          </Badge>
          <Badge tone={topic.kind === 'core' ? 'accent' : 'neutral'}>{KIND_LABELS[topic.kind]}</Badge>
          <Badge>
            About {topic.hours} {topic.hours === 1 ? 'hour' : 'hours'}
          </Badge>
        </div>
        <p className="text-sm text-fg-muted">
          {STATUS_DESCRIPTIONS[status]}
          {progress.verifiedAt && (
            <>
              {' '}
              Verified <Timestamp iso={progress.verifiedAt} />.
            </>
          )}
        </p>
        <StatusButtons
          topicTitle={topic.title}
          current={progress.ownStatus}
          isSaving={progress.isSaving}
          onChange={progress.onSetStatus}
        />
        {progress.saveError !== null && progress.saveError !== undefined && (
          <p role="alert" className="text-sm text-danger-text">
            {describeError(progress.saveError)}
          </p>
        )}
      </header>

      <p className="text-base leading-relaxed font-medium text-fg">{topic.summary}</p>

      <TopicDetails
        detail={detail.data}
        isPending={detail.isPending}
        error={detail.error}
        onRetry={() => void detail.refetch()}
      />

      {alternatives && (
        <Section title={`Pick one: ${alternatives.title}`}>
          <p className="text-sm text-fg-muted">{alternatives.summary}</p>
          <TopicLinkList
            topics={alternatives.topics}
            statuses={statuses}
            onSelectTopic={onSelectTopic}
            currentTopicId={topic.id}
          />
        </Section>
      )}

      <Section title="Learn first">
        {prerequisites.length === 0 ? (
          <p className="text-sm text-fg-muted">Nothing: this is a good place to start.</p>
        ) : (
          <div className="space-y-3">
            {prerequisites.map((prerequisite) =>
              prerequisite.kind === 'topic' ? (
                <TopicLinkList
                  key={prerequisite.topic.id}
                  topics={[prerequisite.topic]}
                  statuses={statuses}
                  onSelectTopic={onSelectTopic}
                />
              ) : (
                <div key={prerequisite.title} className="space-y-1">
                  <p className="px-2 text-sm text-fg-muted">Any one of {prerequisite.title}:</p>
                  <TopicLinkList
                    topics={prerequisite.topics}
                    statuses={statuses}
                    onSelectTopic={onSelectTopic}
                  />
                </div>
              ),
            )}
          </div>
        )}
      </Section>

      <Section title="Unlocks">
        {followUps.length === 0 ? (
          <p className="text-sm text-fg-muted">No other topic builds on this one directly.</p>
        ) : (
          <TopicLinkList topics={followUps} statuses={statuses} onSelectTopic={onSelectTopic} />
        )}
      </Section>
    </article>
  );
}
