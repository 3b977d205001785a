import { Link } from 'react-router';
import type { ProjectStage } from '../api/types';
import { Badge } from '../ui/badge';
import { DIFFICULTY } from './difficulty';

/** The stages in the order they run, with their checks and the roadmap topics they verify. */
export function ProjectStages({
  stages,
  topicTitles,
}: {
  stages: readonly ProjectStage[];
  topicTitles: ReadonlyMap<string, string>;
}) {
  return (
    <ol className="space-y-3">
      {stages.map((stage, index) => (
        <li
          key={stage.id}
          id={`stage-${stage.id}`}
          className="scroll-mt-24 rounded-lg border border-line p-3"
        >
          <div className="flex items-start justify-between gap-2">
            <p className="text-sm font-semibold text-fg">
              <span className="text-fg-muted tabular-nums">{index + 1}.</span> {stage.title}
            </p>
            <Badge tone={DIFFICULTY[stage.difficulty].tone}>{DIFFICULTY[stage.difficulty].label}</Badge>
          </div>
          <p className="mt-1 text-xs text-fg-muted">
            {stage.checks.length} {stage.checks.length === 1 ? 'check' : 'checks'}
          </p>
          {stage.topics.length > 0 && (
            <ul className="mt-2 flex flex-wrap gap-1.5" aria-label={`Topics ${stage.title} verifies`}>
              {stage.topics.map((topicId) => (
                <li key={topicId}>
                  <Link
                    to={`/roadmap/${topicId}`}
                    className="inline-block rounded-full bg-accent-soft px-2 py-0.5 text-xs font-medium text-accent-text hover:underline"
                  >
                    {topicTitles.get(topicId) ?? topicId}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
