import { Badge } from '../ui/badge';
import { cx } from '../ui/cx';
import { AlertIcon, CheckCircleIcon, XCircleIcon } from '../ui/icons';
import { Spinner } from '../ui/spinner';
import { CheckFailure } from './check-failure';
import type { CheckState, CheckView, StageView } from './run-view';
import { CHECK_STATE, formatDuration, STAGE_STATE } from './submission-status';

function CheckMark({ state }: { state: CheckState }) {
  switch (state) {
    case 'running':
      return <Spinner className="size-[18px] text-accent-text" />;
    case 'pass':
      return <CheckCircleIcon size={18} className="text-success-text" />;
    case 'fail':
      return <XCircleIcon size={18} className="text-danger-text" />;
    case 'error':
    case 'inconclusive':
      return <AlertIcon size={18} className="text-warning-text" />;
    case 'skip':
      return (
        <span
          aria-hidden="true"
          className="block size-[18px] rounded-full border-2 border-dashed border-control"
        />
      );
  }
}

function CheckRow({ check, topicTitles }: { check: CheckView; topicTitles: ReadonlyMap<string, string> }) {
  const outcome = check.outcome;
  return (
    <li className="space-y-2 py-2.5" data-check={check.id} data-state={check.state}>
      <div className="flex items-start gap-2.5">
        <span className="mt-0.5 shrink-0">
          <CheckMark state={check.state} />
        </span>
        <span className="min-w-0 flex-1 text-sm text-fg">
          {check.title}
          <span className="sr-only">: {CHECK_STATE[check.state].label}</span>
        </span>
        {check.durationMs !== null && (
          <span className="shrink-0 text-xs text-fg-muted tabular-nums">
            {formatDuration(check.durationMs)}
          </span>
        )}
      </div>
      {outcome?.status === 'fail' && (
        <div className="pl-7">
          <CheckFailure outcome={outcome} topicTitle={topicTitles.get(outcome.topic)} />
        </div>
      )}
      {outcome?.status === 'skip' && <p className="pl-7 text-sm text-fg-muted">{outcome.reason}</p>}
      {outcome?.status === 'inconclusive' && (
        <p className="pl-7 text-sm text-warning-text">
          Not judged on this run: {outcome.reason}. Nothing failed; submit again to measure it.
        </p>
      )}
      {outcome?.status === 'error' && (
        <p className="pl-7 text-sm text-warning-text">
          The grader itself failed on this check (not your server): {outcome.message}
        </p>
      )}
    </li>
  );
}

type StageResultsProps = { stages: readonly StageView[]; topicTitles: ReadonlyMap<string, string> };

/** Each stage of the run with its checks, as they finish; failures open with what went wrong. */
export function StageResults({ stages, topicTitles }: StageResultsProps) {
  // a grader that says why a stage did not run says it on the stage; older results did not
  const hasUnexplainedNotRun = stages.some((stage) => stage.state === 'not-run' && stage.reason === null);
  return (
    <>
      {hasUnexplainedNotRun && (
        <p className="text-sm text-fg-muted">
          The run stops at the first failing stage, so the stages after it did not run. Tick “Keep going after
          a failing stage” when you submit to see them all.
        </p>
      )}
      <ol className="space-y-3">
        {stages.map((stage, index) => {
          const look = STAGE_STATE[stage.state];
          return (
            <li
              key={stage.id}
              aria-labelledby={`stage-${stage.id}-title`}
              data-stage={stage.id}
              data-state={stage.state}
              className={cx(
                'rounded-xl border bg-surface shadow-sm',
                stage.state === 'failed' ? 'border-danger-line' : 'border-line',
              )}
            >
              <div
                className={cx(
                  'flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 sm:px-5',
                  stage.state !== 'not-run' && 'border-b border-line',
                )}
              >
                <span className="text-xs font-semibold text-fg-muted tabular-nums">{index + 1}</span>
                <h3 id={`stage-${stage.id}-title`} className="min-w-0 flex-1 text-sm font-semibold text-fg">
                  {stage.title}
                </h3>
                {stage.durationMs !== null && stage.state !== 'not-run' && (
                  <span className="text-xs text-fg-muted tabular-nums">
                    {formatDuration(stage.durationMs)}
                  </span>
                )}
                <Badge tone={look.tone}>{look.label}</Badge>
              </div>
              {stage.state === 'not-run' ? (
                stage.reason !== null && (
                  <p className="px-4 pb-3 text-sm text-fg-muted sm:px-5">Not run: {stage.reason}</p>
                )
              ) : stage.checks.length > 0 ? (
                <ul className="divide-y divide-line px-4 sm:px-5">
                  {stage.checks.map((check) => (
                    <CheckRow key={check.id} check={check} topicTitles={topicTitles} />
                  ))}
                </ul>
              ) : (
                <p className="px-4 py-3 text-sm text-fg-muted sm:px-5">Not started yet.</p>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}
