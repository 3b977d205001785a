import type { MyProgress } from '../api/types';
import { GuideLinks } from '../guides/guide-links';
import type { RoadmapOutline } from './roadmap.types';
import { RoadmapLegend } from './roadmap-legend';
import { WhatNext } from './what-next';

type RoadmapOverviewProps = {
  roadmap: RoadmapOutline;
  /** The learner's progress; undefined when signed out or still loading. */
  progress: MyProgress | undefined;
  onSelectTopic: (topicId: string) => void;
};

/** The side panel before a topic is chosen: what to learn next, the stages at a glance, how to read the map. */
export function RoadmapOverview({ roadmap, progress, onSelectTopic }: RoadmapOverviewProps) {
  const totalHours = roadmap.stages.reduce((sum, stage) => sum + stage.hours.required, 0);
  const stageProgress = new Map(progress?.summary.stages.map((stage) => [stage.stageId, stage]));
  return (
    <div className="space-y-7 p-5 sm:p-6">
      {progress && (
        <section aria-labelledby="next-title" className="space-y-3">
          <h2 id="next-title" className="text-xl font-semibold tracking-tight text-fg">
            What next
          </h2>
          <WhatNext next={progress.next} onSelectTopic={onSelectTopic} />
        </section>
      )}
      <section aria-labelledby="overview-title" className="space-y-2">
        <h2
          id="overview-title"
          className={
            progress ? 'text-base font-semibold text-fg' : 'text-xl font-semibold tracking-tight text-fg'
          }
        >
          Start anywhere, follow the arrows
        </h2>
        <p className="text-sm leading-relaxed text-fg-muted">
          Choose a topic to see what it covers, what to learn first and what it unlocks. The required path is
          about {totalHours} hours of study.
        </p>
      </section>

      <section aria-labelledby="stages-title" className="space-y-3">
        <h3 id="stages-title" className="text-xs font-semibold tracking-wide text-fg-muted uppercase">
          Stages
        </h3>
        <ol className="space-y-3">
          {roadmap.stages.map((stage, index) => (
            <li key={stage.id} className="flex gap-3">
              <span
                aria-hidden="true"
                className="mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full bg-accent-soft text-xs font-semibold text-accent-text"
              >
                {index + 1}
              </span>
              <div className="min-w-0">
                <p className="text-sm font-semibold text-fg">{stage.title}</p>
                <p className="text-sm text-fg-muted">
                  {stage.topicIds.length} topics · about {stage.hours.required} hours
                  {stage.hours.optional > 0 && ` (+${stage.hours.optional} optional)`}
                  {stageProgress.has(stage.id) &&
                    ` · ${stageProgress.get(stage.id)?.percent}% done, ${stageProgress.get(stage.id)?.hours.remaining} h left`}
                </p>
              </div>
            </li>
          ))}
        </ol>
      </section>

      <GuideLinks headingId="guides-title" />

      <section aria-labelledby="legend-title" className="space-y-3">
        <h3 id="legend-title" className="sr-only">
          How to read the map
        </h3>
        <RoadmapLegend />
      </section>

      <p className="rounded-lg bg-surface-muted px-3 py-2.5 text-sm text-fg-muted">
        <strong className="font-semibold text-fg">Keyboard:</strong> Tab or the arrow keys move between topics
        in reading order; Enter opens one. Scroll to move around, pinch or use the buttons to zoom.
      </p>
    </div>
  );
}
