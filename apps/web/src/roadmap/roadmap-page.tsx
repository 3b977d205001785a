import { useCallback, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { MyProgress } from '../api/types';
import { useCurrentUser } from '../auth/auth.queries';
import { useMyProgress, useSetTopicStatus } from '../progress/progress.queries';
import { entryOf, statusesFromProgress } from '../progress/topic-statuses';
import { Alert } from '../ui/alert';
import { cx } from '../ui/cx';
import { prefersReducedMotion } from '../ui/motion';
import { useDocumentTitle } from '../ui/page';
import { ErrorState, LoadingState } from '../ui/states';
import { ProgressHeader } from './progress-header';
import type { RoadmapOutline } from './roadmap.types';
import { RoadmapGraph } from './roadmap-graph';
import { RoadmapList } from './roadmap-list';
import { RoadmapOverview } from './roadmap-overview';
import { TopicPanel } from './topic-panel';
import { useRoadmap } from './use-roadmap';

type View = 'map' | 'list';

const NARROW_SCREEN_QUERY = '(max-width: 1023px)';

export function RoadmapPage() {
  const roadmap = useRoadmap();
  const currentUser = useCurrentUser();
  const isSignedIn = Boolean(currentUser.data);
  const progress = useMyProgress({ isSignedIn });
  if (roadmap.isPending) return <LoadingState label="Loading the roadmap…" className="flex-1" />;
  if (roadmap.isError) {
    return <ErrorState error={roadmap.error} onRetry={() => void roadmap.refetch()} className="flex-1" />;
  }
  return (
    <RoadmapView
      roadmap={roadmap.data}
      isSignedIn={isSignedIn}
      progress={isSignedIn ? progress.data : undefined}
      onRetryProgress={progress.isError ? () => void progress.refetch() : undefined}
    />
  );
}

type RoadmapViewProps = {
  roadmap: RoadmapOutline;
  isSignedIn: boolean;
  progress: MyProgress | undefined;
  onRetryProgress: (() => void) | undefined;
};

function RoadmapView({ roadmap, isSignedIn, progress, onRetryProgress }: RoadmapViewProps) {
  const statuses = useMemo(() => statusesFromProgress(progress), [progress]);
  const setStatus = useSetTopicStatus();
  const { topicId } = useParams();
  const navigate = useNavigate();
  const [view, setView] = useState<View>('map');
  const [announcement, setAnnouncement] = useState('');
  const detailsRef = useRef<HTMLElement>(null);
  const topic = topicId ? roadmap.topics[topicId] : undefined;
  useDocumentTitle(topic ? `${topic.title} · Roadmap` : 'Roadmap');

  const selectTopic = useCallback(
    (id: string) => {
      const chosen = roadmap.topics[id];
      if (!chosen) return;
      void navigate(`/roadmap/${id}`);
      setAnnouncement(`${chosen.title} is open in the topic panel.`);
      // on a phone the panel sits under the map: bring it into view
      if (window.matchMedia(NARROW_SCREEN_QUERY).matches) {
        detailsRef.current?.scrollIntoView({
          behavior: prefersReducedMotion() ? 'auto' : 'smooth',
          block: 'start',
        });
      }
    },
    [navigate, roadmap.topics],
  );

  const closeTopic = () => {
    void navigate('/roadmap');
    setAnnouncement('Topic closed.');
  };

  return (
    <div className="flex flex-1 flex-col lg:h-[calc(100dvh-4rem)] lg:flex-row lg:overflow-hidden">
      <section aria-labelledby="roadmap-title" className="flex min-h-0 min-w-0 flex-1 flex-col">
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-line bg-surface px-4 py-3 sm:px-6">
          <div className="min-w-0">
            <h1 id="roadmap-title" className="text-lg font-semibold tracking-tight text-fg sm:text-xl">
              {roadmap.title} roadmap
            </h1>
            <p className="hidden text-sm text-fg-muted sm:block">{roadmap.summary}</p>
          </div>
          <ProgressHeader summary={progress?.summary} isSignedIn={isSignedIn} onRetry={onRetryProgress} />
          <div className="flex items-center gap-3">
            <a
              href="#roadmap-details"
              className="sr-only rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg focus:not-sr-only"
            >
              Skip to the topic panel
            </a>
            <ViewSwitch view={view} onChange={setView} />
          </div>
        </div>
        {view === 'map' ? (
          <div className="h-[68dvh] min-h-[420px] lg:h-auto lg:min-h-0 lg:flex-1">
            <RoadmapGraph
              roadmap={roadmap}
              statuses={statuses}
              selectedTopicId={topic ? topic.id : null}
              onSelectTopic={selectTopic}
            />
          </div>
        ) : (
          <div className="lg:min-h-0 lg:flex-1 lg:overflow-y-auto">
            <RoadmapList
              roadmap={roadmap}
              statuses={statuses}
              selectedTopicId={topic ? topic.id : null}
              onSelectTopic={selectTopic}
            />
          </div>
        )}
      </section>
      <aside
        id="roadmap-details"
        ref={detailsRef}
        tabIndex={-1}
        aria-label="Topic panel"
        className="scroll-mt-16 border-t border-line bg-surface outline-none lg:w-[400px] lg:shrink-0 lg:overflow-y-auto lg:border-t-0 lg:border-l"
      >
        {topicId && !topic && (
          <div className="p-5 sm:p-6">
            <Alert tone="warning" title="We can't find that topic">
              The roadmap has no topic called “{topicId}”. It may have been renamed. Pick one on the map.
            </Alert>
          </div>
        )}
        {topic ? (
          <TopicPanel
            roadmap={roadmap}
            topic={topic}
            statuses={statuses}
            onSelectTopic={selectTopic}
            onClose={closeTopic}
            progress={{
              ownStatus: isSignedIn ? (entryOf(progress, topic.id)?.status ?? 'todo') : null,
              verifiedAt: entryOf(progress, topic.id)?.verifiedAt ?? null,
              isSaving: setStatus.isPending,
              saveError: setStatus.variables?.topic.id === topic.id ? setStatus.error : null,
              onSetStatus: (status) => setStatus.mutate({ topic, status }),
            }}
          />
        ) : (
          <RoadmapOverview roadmap={roadmap} progress={progress} onSelectTopic={selectTopic} />
        )}
      </aside>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}

function ViewSwitch({ view, onChange }: { view: View; onChange: (view: View) => void }) {
  const options: Array<{ value: View; label: string }> = [
    { value: 'map', label: 'Map' },
    { value: 'list', label: 'List' },
  ];
  return (
    <fieldset className="flex rounded-lg border border-line bg-surface-muted p-0.5">
      <legend className="sr-only">Show the roadmap as</legend>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={view === option.value}
          onClick={() => onChange(option.value)}
          className={cx(
            'rounded-md px-3 py-1 text-sm font-medium transition-colors',
            view === option.value ? 'bg-surface text-fg shadow-sm' : 'text-fg-muted hover:text-fg',
          )}
        >
          {option.label}
        </button>
      ))}
    </fieldset>
  );
}
