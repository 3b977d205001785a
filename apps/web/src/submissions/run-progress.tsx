import { cx } from '../ui/cx';
import { type RunView, stageProgress } from './run-view';

/** A bar of finished stages, announced to screen readers as a progress bar. */
export function RunProgress({ view, isRunning }: { view: RunView; isRunning: boolean }) {
  const { finished, total } = stageProgress(view);
  if (total === 0) return null;
  const percent = Math.round((finished / total) * 100);
  const hasFailure = view.stages.some((stage) => stage.state === 'failed' || stage.state === 'error');
  return (
    <div className="space-y-1.5">
      <div
        role="progressbar"
        aria-label="Stages finished"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={finished}
        aria-valuetext={`${finished} of ${total} stages finished`}
        className="h-2.5 overflow-hidden rounded-full bg-surface-muted ring-1 ring-line"
      >
        <div
          className={cx(
            'h-full rounded-full transition-[width] duration-300',
            hasFailure ? 'bg-danger' : 'bg-accent',
            isRunning && 'animate-pulse',
          )}
          style={{ width: `${percent}%` }}
        />
      </div>
      <p className="text-xs text-fg-muted tabular-nums">
        {finished} of {total} stages finished
      </p>
    </div>
  );
}
