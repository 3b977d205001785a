import { Link } from 'react-router';
import { MapIcon } from '../ui/icons';
import { Page } from '../ui/page';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { useGuides } from './guides.queries';

/** Every guide beside the roadmap, each with its one-line summary. */
export function GuidesPage() {
  const guides = useGuides();
  return (
    <Page
      title="Guides"
      description="Short reads to go with the roadmap: answers to common questions, the traps to avoid, what backend jobs involve and ideas for projects of your own."
    >
      {guides.isPending && <LoadingState label="Loading the guides…" />}
      {guides.isError && <ErrorState error={guides.error} onRetry={() => void guides.refetch()} />}
      {guides.data?.length === 0 && (
        <EmptyState icon={<MapIcon />} title="No guides yet">
          This Groundwork instance has no guides installed. The roadmap has everything else.
        </EmptyState>
      )}
      {guides.data && guides.data.length > 0 && (
        <ul className="grid gap-4 md:grid-cols-2">
          {guides.data.map((guide) => (
            <li key={guide.id} className="rounded-xl border border-line bg-surface p-5 shadow-sm">
              <h2 className="text-lg font-semibold text-fg">
                <Link to={`/guides/${guide.id}`} className="hover:underline">
                  {guide.title}
                </Link>
              </h2>
              <p className="mt-2 text-sm text-fg-muted">{guide.summary}</p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
