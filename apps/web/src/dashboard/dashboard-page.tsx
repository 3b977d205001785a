import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCurrentUser } from '../auth/auth.queries';
import { useActivity, useMyProgress, useTimeline } from '../progress/progress.queries';
import { useProjects } from '../projects/projects.queries';
import { WhatNext } from '../roadmap/what-next';
import { SubmissionHistory } from '../submissions/submission-history';
import { useSubmissions } from '../submissions/submissions.queries';
import { buttonClasses } from '../ui/button';
import { Card, CardBody, CardHeader } from '../ui/card';
import { cx } from '../ui/cx';
import { Page } from '../ui/page';
import { ErrorState, LoadingState } from '../ui/states';
import { ProgressChart } from './progress-chart';
import { StageChart } from './stage-chart';
import { Stat } from './stat';
import { StreakStat } from './streak-stat';

const RANGES = [30, 90] as const;

export function DashboardPage() {
  const user = useCurrentUser().data;
  const navigate = useNavigate();
  const [days, setDays] = useState<(typeof RANGES)[number]>(30);
  const progress = useMyProgress({ isSignedIn: Boolean(user) });
  const timeline = useTimeline(days);
  const recent = useSubmissions(null, { limit: 5 });
  const projects = useProjects();
  const projectTitles = useMemo(
    () => new Map(projects.data?.map((project) => [project.slug, project.title])),
    [projects.data],
  );
  const activity = useActivity();

  if (!user) return null;
  const firstName = user.name.split(/\s+/)[0] ?? user.name;

  return (
    <Page
      title={`Welcome back, ${firstName}`}
      width="wide"
      description="Your progress through the roadmap and your latest graded runs."
      actions={
        <Link to="/roadmap" className={buttonClasses('primary')}>
          Open the roadmap
        </Link>
      }
    >
      {progress.isPending && <LoadingState label="Loading your progress…" />}
      {progress.isError && <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />}
      {progress.data && (
        <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <Stat
            label="Required path"
            value={`${progress.data.summary.overall.percent}%`}
            detail={`${progress.data.summary.overall.done} of ${progress.data.summary.overall.requiredTopics} topics done`}
          />
          <Stat
            label="Verified by projects"
            value={progress.data.summary.verifiedCount}
            detail="topics proved by a passing stage"
          />
          <Stat
            label="Hours left"
            value={progress.data.summary.overall.hours.remaining}
            detail={`of about ${progress.data.summary.overall.hours.total} hours`}
          />
          <StreakStat activity={activity} />
        </dl>
      )}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card aria-labelledby="timeline-heading">
          <CardHeader
            id="timeline-heading"
            title="Progress over time"
            actions={
              <fieldset className="flex rounded-lg border border-line bg-surface-muted p-0.5">
                <legend className="sr-only">Days to show</legend>
                {RANGES.map((range) => (
                  <button
                    key={range}
                    type="button"
                    aria-pressed={days === range}
                    onClick={() => setDays(range)}
                    className={cx(
                      'rounded-md px-2.5 py-1 text-xs font-medium',
                      days === range ? 'bg-surface text-fg shadow-sm' : 'text-fg-muted hover:text-fg',
                    )}
                  >
                    {range} days
                  </button>
                ))}
              </fieldset>
            }
          />
          <CardBody>
            {timeline.isPending && <LoadingState label="Loading your timeline…" />}
            {timeline.isError && (
              <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />
            )}
            {timeline.data && <ProgressChart points={timeline.data.points} />}
          </CardBody>
        </Card>

        <Card aria-labelledby="stages-heading">
          <CardHeader
            id="stages-heading"
            title="By stage"
            description="Done or skipped, of each stage's required topics."
          />
          <CardBody>{progress.data && <StageChart stages={progress.data.summary.stages} />}</CardBody>
        </Card>
      </div>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card aria-labelledby="recent-heading">
          <CardHeader
            id="recent-heading"
            title="Recent grading results"
            actions={
              <Link
                to="/projects"
                className="text-sm font-medium text-accent-text underline underline-offset-4"
              >
                All projects
              </Link>
            }
          />
          <SubmissionHistory
            caption="Your latest submissions"
            items={recent.data?.items}
            isPending={recent.isPending}
            error={recent.error}
            onRetry={() => void recent.refetch()}
            showProject
            projectTitles={projectTitles}
          />
        </Card>
        <Card aria-labelledby="next-heading">
          <CardHeader
            id="next-heading"
            title="What next"
            description="Topics whose prerequisites you have done."
          />
          <CardBody>
            {progress.data && (
              <WhatNext next={progress.data.next} onSelectTopic={(id) => void navigate(`/roadmap/${id}`)} />
            )}
          </CardBody>
        </Card>
      </div>
    </Page>
  );
}
