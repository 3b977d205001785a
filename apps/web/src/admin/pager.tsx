import { Button } from '../ui/button';
import { ChevronLeftIcon, ChevronRightIcon } from '../ui/icons';
import { Spinner } from '../ui/spinner';

type PagerProps = {
  label: string;
  pageNumber: number;
  hasPrevious: boolean;
  nextCursor: string | null;
  isFetching: boolean;
  onPrevious: () => void;
  onNext: (cursor: string) => void;
};

export function Pager({
  label,
  pageNumber,
  hasPrevious,
  nextCursor,
  isFetching,
  onPrevious,
  onNext,
}: PagerProps) {
  if (!hasPrevious && nextCursor === null) return null;
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-3 px-5 py-3 sm:px-6">
      <p className="flex items-center gap-2 text-sm text-fg-muted" aria-live="polite">
        Page {pageNumber}
        {isFetching && <Spinner />}
      </p>
      <div className="flex gap-2">
        <Button
          variant="secondary"
          size="sm"
          icon={<ChevronLeftIcon size={16} />}
          disabled={!hasPrevious || isFetching}
          onClick={onPrevious}
        >
          Previous
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={nextCursor === null || isFetching}
          onClick={() => {
            if (nextCursor !== null) onNext(nextCursor);
          }}
        >
          Next
          <ChevronRightIcon size={16} />
        </Button>
      </div>
    </nav>
  );
}
