import { Link } from 'react-router';
import type { TopicDetail } from '../api/types';
import { Badge } from '../ui/badge';
import { ExternalLinkIcon } from '../ui/icons';
import { RichText } from '../ui/rich-text';
import { ErrorState } from '../ui/states';

type Props = { detail: TopicDetail | undefined; isPending: boolean; error: unknown; onRetry: () => void };

/** The parts of a topic that come from `GET /api/roadmap/topics/{id}`: explanation, resources, projects. */
export function TopicDetails({ detail, isPending, error, onRetry }: Props) {
  if (error) return <ErrorState error={error} title="The explanation didn't load" onRetry={onRetry} />;
  if (isPending || !detail) {
    return (
      <div role="status" className="space-y-2" aria-label="Loading the explanation">
        <div className="h-3 w-full animate-pulse rounded bg-surface-muted" />
        <div className="h-3 w-11/12 animate-pulse rounded bg-surface-muted" />
        <div className="h-3 w-4/5 animate-pulse rounded bg-surface-muted" />
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <RichText html={detail.bodyHtml} />

      {detail.subtopics.length > 0 && (
        <section className="space-y-2">
          <h3 className="text-xs font-semibold tracking-wide text-fg-muted uppercase">What it covers</h3>
          <ul className="list-disc space-y-1 pl-5 text-sm text-fg">
            {detail.subtopics.map((subtopic) => (
              <li key={subtopic}>{subtopic}</li>
            ))}
          </ul>
        </section>
      )}

      {detail.resources.length > 0 && (
        <section className="space-y-2">
          <h3 className="text-xs font-semibold tracking-wide text-fg-muted uppercase">Resources</h3>
          <ul className="space-y-2">
            {detail.resources.map((resource) => (
              <li key={resource.url}>
                <a
                  href={resource.url}
                  target="_blank"
                  rel="noreferrer noopener"
                  className="group flex items-start gap-2 rounded-lg border border-line px-3 py-2 text-sm hover:bg-surface-muted"
                >
                  <span className="min-w-0 flex-1">
                    <span className="font-medium text-accent-text group-hover:underline">
                      {resource.title}
                    </span>
                    <span className="mt-0.5 flex gap-1.5">
                      <Badge>{resource.type}</Badge>
                      {resource.cost === 'paid' && <Badge tone="warning">paid</Badge>}
                    </span>
                  </span>
                  <ExternalLinkIcon size={16} className="mt-0.5 shrink-0 text-fg-muted" />
                  <span className="sr-only">(opens in a new tab)</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      {detail.projectStages.length > 0 && (
        <section className="space-y-2">
          <h3 className="text-xs font-semibold tracking-wide text-fg-muted uppercase">
            Prove it in a project
          </h3>
          <p className="text-sm text-fg-muted">Passing one of these stages marks this topic verified.</p>
          <ul className="space-y-1">
            {detail.projectStages.map((stage) => (
              <li key={`${stage.projectSlug}/${stage.stageId}`}>
                <Link
                  to={`/projects/${stage.projectSlug}#stage-${stage.stageId}`}
                  className="flex items-center justify-between gap-2 rounded-md px-2 py-1.5 text-sm text-fg hover:bg-surface-muted"
                >
                  <span className="font-medium">{stage.projectTitle}</span>
                  <code className="font-mono text-xs text-fg-muted">{stage.stageId}</code>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
