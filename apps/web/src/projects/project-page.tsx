import { useMemo } from 'react';
import { useParams } from 'react-router';
import type { ProjectDetail } from '../api/types';
import { useCurrentUser } from '../auth/auth.queries';
import { useRoadmap } from '../roadmap/use-roadmap';
import { SubmissionHistory } from '../submissions/submission-history';
import { useSubmissionPages } from '../submissions/submissions.queries';
import { Badge } from '../ui/badge';
import { Card, CardBody, CardHeader } from '../ui/card';
import { Page } from '../ui/page';
import { RichText } from '../ui/rich-text';
import { ErrorState, LoadingState } from '../ui/states';
import { BestResult } from './best-result';
import { DIFFICULTY } from './difficulty';
import { ProjectStages } from './project-stages';
import { useProject } from './projects.queries';
import { SubmitForm } from './submit-form';

const PROJECT_HISTORY_PAGE_SIZE = 10;

export function ProjectPage() {
  const { slug = '' } = useParams();
  const project = useProject(slug);
  if (project.isPending) return <LoadingState label="Loading the project…" />;
  if (project.isError) {
    return (
      <Page title="Project">
        <ErrorState error={project.error} onRetry={() => void project.refetch()} />
      </Page>
    );
  }
  return <ProjectView project={project.data} />;
}

function ProjectView({ project }: { project: ProjectDetail }) {
  const isSignedIn = Boolean(useCurrentUser().data);
  const history = useSubmissionPages(project.slug, { limit: PROJECT_HISTORY_PAGE_SIZE, enabled: isSignedIn });
  const submissions = useMemo(() => history.data?.pages.flatMap((page) => page.items), [history.data]);
  const roadmap = useRoadmap();
  const topicTitles = useMemo(
    () => new Map(Object.values(roadmap.data?.topics ?? {}).map((topic) => [topic.id, topic.title])),
    [roadmap.data],
  );
  const difficulty = DIFFICULTY[project.difficulty];

  return (
    <Page
      title={project.title}
      width="wide"
      description={project.summary}
      actions={<Badge tone={difficulty.tone}>Up to {difficulty.label.toLowerCase()}</Badge>}
    >
      <div className="grid grid-cols-1 gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-8">
          <Card aria-labelledby="spec-heading">
            <CardHeader
              id="spec-heading"
              title="The spec"
              actions={
                <span className="flex flex-wrap gap-x-4 gap-y-1">
                  <a
                    href={project.contractUrl}
                    className="text-sm font-medium text-accent-text underline underline-offset-4"
                  >
                    API contract (OpenAPI)
                  </a>
                  {project.messagesContractUrl && (
                    <a
                      href={project.messagesContractUrl}
                      className="text-sm font-medium text-accent-text underline underline-offset-4"
                    >
                      Message contract (AsyncAPI)
                    </a>
                  )}
                </span>
              }
            />
            <CardBody>
              <RichText html={project.specHtml} />
            </CardBody>
          </Card>
          {isSignedIn && (
            <Card aria-labelledby="history-heading">
              <CardHeader id="history-heading" title="Your submissions" />
              <SubmissionHistory
                caption={`Your submissions for ${project.title}`}
                items={submissions}
                isPending={history.isPending}
                // once a page is shown, a later failure belongs to "Show older", not to the whole list
                error={history.data ? null : history.error}
                onRetry={() => void history.refetch()}
                older={{
                  hasMore: history.hasNextPage,
                  isLoading: history.isFetchingNextPage,
                  error: history.isFetchNextPageError ? history.error : null,
                  onLoad: () => void history.fetchNextPage(),
                }}
              />
            </Card>
          )}
        </div>
        <aside className="space-y-6 lg:sticky lg:top-20 lg:self-start" aria-label="Grading">
          <Card aria-labelledby="submit-heading" id="submit" className="scroll-mt-24">
            <CardHeader
              id="submit-heading"
              title="Grade your server"
              description={<BestResult best={project.best} isSignedIn={isSignedIn} />}
            />
            <CardBody>
              <SubmitForm project={project.slug} isSignedIn={isSignedIn} />
            </CardBody>
          </Card>
          <Card aria-labelledby="stages-heading">
            <CardHeader id="stages-heading" title="Stages" description="They run in this order." />
            <CardBody>
              <ProjectStages stages={project.stages} topicTitles={topicTitles} />
            </CardBody>
          </Card>
        </aside>
      </div>
    </Page>
  );
}
