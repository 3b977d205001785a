import { Link } from 'react-router';
import { describeError } from '../api/problem';
import type { SubmissionSummary } from '../api/types';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { DataTable, Td, Th } from '../ui/table';
import { Timestamp } from '../ui/timestamp';
import { describeStages, formatDuration, SUBMISSION_STATUS } from './submission-status';

type SubmissionHistoryProps = {
  items: readonly SubmissionSummary[] | undefined;
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  showProject?: boolean;
  /** Titles by project slug, for the project column; a slug not in it is shown as it is. */
  projectTitles?: ReadonlyMap<string, string>;
  /** Loading older submissions below the list, when there are more than it shows. */
  older?: OlderSubmissions;
  caption: string;
};

export type OlderSubmissions = {
  hasMore: boolean;
  isLoading: boolean;
  error: unknown;
  onLoad: () => void;
};

/** Past submissions, newest first, each linking to its full result. */
export function SubmissionHistory({
  items,
  isPending,
  error,
  onRetry,
  showProject = false,
  projectTitles,
  older,
  caption,
}: SubmissionHistoryProps) {
  if (isPending) return <LoadingState label="Loading your submissions…" />;
  if (error) return <ErrorState error={error} onRetry={onRetry} />;
  if (!items || items.length === 0) {
    return <EmptyState title="No submissions yet">Your graded runs will be listed here.</EmptyState>;
  }
  return (
    <>
      <DataTable caption={caption}>
        <thead>
          <tr>
            <Th>Result</Th>
            {showProject && <Th>Project</Th>}
            <Th>Stages</Th>
            <Th>Submitted</Th>
            <Th>Took</Th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const look = SUBMISSION_STATUS[item.status];
            return (
              <tr key={item.id}>
                <Td>
                  <Link
                    to={`/submissions/${item.id}`}
                    className="inline-flex items-center gap-2 hover:underline"
                  >
                    <Badge tone={look.tone}>{look.label}</Badge>
                    <span className="sr-only">Open this submission</span>
                  </Link>
                </Td>
                {showProject && (
                  <Td className="font-medium">{projectTitles?.get(item.project) ?? item.project}</Td>
                )}
                <Td className="whitespace-nowrap">{describeStages(item.stagesPassed, item.stagesTotal)}</Td>
                <Td className="whitespace-nowrap">
                  <Timestamp iso={item.createdAt} />
                </Td>
                <Td className="whitespace-nowrap tabular-nums">{formatDuration(item.durationMs)}</Td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
      {older && <OlderSubmissionsControl older={older} />}
    </>
  );
}

function OlderSubmissionsControl({ older }: { older: OlderSubmissions }) {
  if (!older.hasMore && !older.error) return null;
  return (
    <div className="flex flex-wrap items-center gap-3 border-t border-line px-5 py-3 sm:px-6">
      <Button variant="secondary" size="sm" isLoading={older.isLoading} onClick={older.onLoad}>
        {older.error ? 'Try again' : 'Show older submissions'}
      </Button>
      {older.error !== null && older.error !== undefined && (
        <p role="alert" className="text-sm text-danger-text">
          Older submissions didn't load. {describeError(older.error)}
        </p>
      )}
    </div>
  );
}
