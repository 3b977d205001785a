import { useMemo } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { describeError } from '../api/problem';
import type { Submission } from '../api/types';
import { loginPathFor } from '../auth/redirect';
import { useProject } from '../projects/projects.queries';
import { useRoadmap } from '../roadmap/use-roadmap';
import { Alert } from '../ui/alert';
import { Badge } from '../ui/badge';
import { Button, buttonClasses } from '../ui/button';
import { Page } from '../ui/page';
import { ErrorState, LoadingState } from '../ui/states';
import { Timestamp } from '../ui/timestamp';
import { describeRunOutcome } from './run-outcome';
import { RunProgress } from './run-progress';
import { isFinalStatus, type RunView, runViewFromSubmission } from './run-view';
import { StageResults } from './stage-results';
import { describeStages, formatDuration, MODE_LABELS, SUBMISSION_STATUS } from './submission-status';
import { useCancelSubmission, useRefreshAfterRun, useSubmission } from './submissions.queries';
import { type StreamConnection, type StreamRefusal, useSubmissionStream } from './use-submission-stream';

export function SubmissionPage() {
  const { submissionId = '' } = useParams();
  const submission = useSubmission(submissionId);
  if (submission.isPending) return <LoadingState label="Loading the submission…" />;
  if (submission.isError) {
    return (
      <Page title="Submission">
        <ErrorState error={submission.error} onRetry={() => void submission.refetch()} />
      </Page>
    );
  }
  return <SubmissionView submission={submission.data} />;
}

const CONNECTION_TEXT: Record<StreamConnection, string> = {
  connecting: 'Connecting to the live run…',
  live: 'Live',
  reconnecting: 'Connection lost; reconnecting…',
  closed: '',
  refused: 'Not watching live',
};

const REFUSAL_TEXT: Record<StreamRefusal, { title: string; body: string }> = {
  'signed-out': {
    title: 'Your session has ended',
    body: "Log in again to keep watching. The run goes on without you, and you'll find its result here.",
  },
  forbidden: {
    title: "This run can't be watched from here",
    body: "The server won't stream this run to this page, so it isn't updating live. Reload the page to see the latest result.",
  },
  'not-found': {
    title: 'This run is no longer available',
    body: 'It may have been removed, or you may now be logged in as someone else.',
  },
};

function StreamRefusedAlert({ refusal }: { refusal: StreamRefusal }) {
  const location = useLocation();
  const text = REFUSAL_TEXT[refusal];
  return (
    <Alert
      tone="warning"
      live="alert"
      title={text.title}
      actions={
        refusal === 'signed-out' && (
          <Link to={loginPathFor(location.pathname)} className={buttonClasses('primary', 'sm')}>
            Log in again
          </Link>
        )
      }
    >
      {text.body}
    </Alert>
  );
}

function SubmissionView({ submission }: { submission: Submission }) {
  // a run still going is followed live; one that ended before the page opened is drawn from its result
  const isActive = !isFinalStatus(submission.status);
  const refresh = useRefreshAfterRun(submission.id);
  const stream = useSubmissionStream(submission.id, { enabled: isActive, onFinished: () => void refresh() });
  const cancel = useCancelSubmission(submission.id);
  const roadmap = useRoadmap();
  const project = useProject(submission.project);
  const topicTitles = useMemo(
    () => new Map(Object.values(roadmap.data?.topics ?? {}).map((topic) => [topic.id, topic.title])),
    [roadmap.data],
  );

  const hasLiveView = stream.view.lastEventId >= 0 || stream.view.status !== 'queued';
  const view: RunView = hasLiveView ? stream.view : runViewFromSubmission(submission);
  const status = hasLiveView ? view.status : submission.status;
  const look = SUBMISSION_STATUS[status];
  const isRunning = !isFinalStatus(status);
  const outcome = isRunning ? null : describeRunOutcome({ ...view, status });

  return (
    <Page
      title={`${project.data?.title ?? submission.project}: a graded run`}
      width="wide"
      description={
        <>
          <span className="font-mono text-sm break-all">{submission.targetUrl}</span> · started{' '}
          <Timestamp iso={submission.createdAt} /> · {MODE_LABELS[submission.mode]}
        </>
      }
      actions={
        isRunning ? (
          <Button variant="secondary" onClick={() => cancel.mutate()} isLoading={cancel.isPending}>
            Cancel run
          </Button>
        ) : (
          <Link
            to={`/projects/${submission.project}#submit`}
            className="text-sm font-medium text-accent-text underline underline-offset-4"
          >
            Submit again
          </Link>
        )
      }
    >
      <section aria-labelledby="run-heading" className="space-y-4">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="run-heading" className="text-lg font-semibold text-fg">
            Result
          </h2>
          <span role="status" aria-live="polite" data-testid="run-status">
            <Badge tone={look.tone}>{look.label}</Badge>
          </span>
          {isRunning && <span className="text-sm text-fg-muted">{CONNECTION_TEXT[stream.connection]}</span>}
          {!isRunning && (
            <span className="text-sm text-fg-muted">
              {describeStages(
                view.stages.filter((stage) => stage.state === 'passed').length,
                view.stages.length,
              )}{' '}
              · {formatDuration(view.durationMs ?? submission.durationMs)}
            </span>
          )}
        </div>
        {isRunning && stream.refusal !== null && <StreamRefusedAlert refusal={stream.refusal} />}
        {cancel.isError && (
          <Alert tone="danger" live="alert">
            {describeError(cancel.error)}
          </Alert>
        )}
        {view.waiting && (
          <Alert tone="info" live="status" title="Waiting for your server to answer">
            Attempt {view.waiting.attempt}: {view.waiting.reason}. Free hosting can take a minute to wake up;
            we keep trying for {Math.round(view.waiting.timeoutMs / 1000)} seconds.
          </Alert>
        )}
        {outcome ? (
          <Alert tone="warning" title={outcome.title}>
            {outcome.body}
          </Alert>
        ) : (
          view.error && (
            <Alert tone="warning" title="The run could not finish">
              {view.error.message}
            </Alert>
          )
        )}
        <RunProgress view={view} isRunning={isRunning} />
        {view.stages.length === 0 && isRunning && (
          <p className="text-sm text-fg-muted">The run is queued; it starts as soon as a grader is free.</p>
        )}
        <StageResults stages={view.stages} topicTitles={topicTitles} />
      </section>
    </Page>
  );
}
