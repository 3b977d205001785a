import { Link } from 'react-router';
import type { ProgressSummary } from '../api/types';
import { buttonClasses } from '../ui/button';
import { cx } from '../ui/cx';

type ProgressHeaderProps = {
  summary: ProgressSummary | undefined;
  isSignedIn: boolean;
  /** Set when the progress failed to load: the header offers to try again. */
  onRetry?: (() => void) | undefined;
};

function hoursText(hours: number): string {
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

/** How far along the learner is: overall, hours left, and one small meter per stage. */
export function ProgressHeader({ summary, isSignedIn, onRetry }: ProgressHeaderProps) {
  if (!isSignedIn) {
    return (
      <Link to="/signup" className={buttonClasses('primary', 'sm')}>
        Sign up to track your progress
      </Link>
    );
  }
  if (!summary && onRetry) {
    return (
      <p role="alert" className="text-sm text-danger-text">
        Your progress didn't load.{' '}
        <button type="button" onClick={onRetry} className="font-medium underline underline-offset-4">
          Try again
        </button>
      </p>
    );
  }
  if (!summary)
    return <div className="h-9 w-48 animate-pulse rounded-lg bg-surface-muted" aria-hidden="true" />;
  const { overall, stages, verifiedCount } = summary;
  return (
    <section aria-label="Your progress" className="flex min-w-0 flex-wrap items-center gap-x-4 gap-y-2">
      <p className="text-sm text-fg">
        <strong className="text-base font-semibold">{overall.percent}%</strong>{' '}
        <span className="text-fg-muted">
          of the required path · {hoursText(overall.hours.remaining)} left
          {verifiedCount > 0 && ` · ${verifiedCount} verified`}
        </span>
      </p>
      <ol className="flex items-end gap-1" aria-label="Progress per stage">
        {stages.map((stage, index) => (
          <li key={stage.stageId} title={`${stage.title}: ${stage.percent}%`}>
            <span className="sr-only">
              Stage {index + 1}, {stage.title}: {stage.percent}% done, {hoursText(stage.hours.remaining)}{' '}
              left.
            </span>
            <span
              aria-hidden="true"
              className="block h-2 w-6 overflow-hidden rounded-full bg-surface-muted ring-1 ring-line sm:w-8"
            >
              <span
                className={cx(
                  'block h-full rounded-full',
                  stage.percent === 100 ? 'bg-success-text' : 'bg-accent',
                )}
                style={{ width: `${stage.percent}%` }}
              />
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
