import { Link } from 'react-router';
import { useCurrentUser } from '../auth/auth.queries';
import { Badge } from '../ui/badge';
import { BoxIcon } from '../ui/icons';
import { Page } from '../ui/page';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { BestResult } from './best-result';
import { DIFFICULTY } from './difficulty';
import { useProjects } from './projects.queries';

export function ProjectsPage() {
  const projects = useProjects();
  const isSignedIn = Boolean(useCurrentUser().data);
  return (
    <Page
      title="Projects"
      width="wide"
      description="Build each one in any language you like, run it, and let Groundwork test it stage by stage. Passing stages mark their roadmap topics verified."
      actions={
        <Link
          to="/guides/project-ideas"
          className="text-sm font-medium text-accent-text underline underline-offset-4"
        >
          Ideas for your own projects
        </Link>
      }
    >
      {projects.isPending && <LoadingState label="Loading the projects…" />}
      {projects.isError && <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />}
      {projects.data?.length === 0 && (
        <EmptyState icon={<BoxIcon />} title="No projects yet">
          This Groundwork instance has no projects installed.
        </EmptyState>
      )}
      {projects.data && projects.data.length > 0 && (
        <ul className="grid gap-4 md:grid-cols-2">
          {projects.data.map((project) => {
            const difficulty = DIFFICULTY[project.difficulty];
            const checks = project.stages.reduce((sum, stage) => sum + stage.checks.length, 0);
            return (
              <li
                key={project.slug}
                className="flex flex-col rounded-xl border border-line bg-surface p-5 shadow-sm"
              >
                <div className="flex items-start justify-between gap-3">
                  <h2 className="text-lg font-semibold text-fg">
                    <Link to={`/projects/${project.slug}`} className="hover:underline">
                      {project.title}
                    </Link>
                  </h2>
                  <Badge tone={difficulty.tone}>Up to {difficulty.label.toLowerCase()}</Badge>
                </div>
                <p className="mt-2 flex-1 text-sm text-fg-muted">{project.summary}</p>
                <p className="mt-3 text-sm text-fg">
                  {project.stages.length} stages · {checks} checks
                </p>
                <div className="mt-3 border-t border-line pt-3">
                  <BestResult best={project.best} isSignedIn={isSignedIn} />
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Page>
  );
}
