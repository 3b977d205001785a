import { Link } from 'react-router';
import type { ProgressStatus } from '../api/types';
import { cx } from '../ui/cx';
import { StatusMark } from './status-mark';

const CHOICES: ReadonlyArray<{ status: ProgressStatus; label: string }> = [
  { status: 'todo', label: 'Not started' },
  { status: 'learning', label: 'Learning' },
  { status: 'done', label: 'Done' },
  { status: 'skipped', label: 'Skip' },
];

type StatusButtonsProps = {
  topicTitle: string;
  /** What the learner set; null when signed out. */
  current: ProgressStatus | null;
  isSaving: boolean;
  onChange: (status: ProgressStatus) => void;
};

/** The learner's own status on a topic, one press away. Signed-out readers get a way to sign up. */
export function StatusButtons({ topicTitle, current, isSaving, onChange }: StatusButtonsProps) {
  if (current === null) {
    return (
      <p className="rounded-lg bg-surface-muted px-3 py-2.5 text-sm text-fg-muted">
        <Link to="/signup" className="font-medium text-accent-text underline underline-offset-4">
          Sign up
        </Link>{' '}
        or{' '}
        <Link to="/login" className="font-medium text-accent-text underline underline-offset-4">
          log in
        </Link>{' '}
        to keep track of what you have learned.
      </p>
    );
  }
  return (
    <fieldset aria-busy={isSaving || undefined}>
      <legend className="sr-only">Your status for {topicTitle}</legend>
      <div className="grid grid-cols-2 gap-1.5">
        {CHOICES.map(({ status, label }) => {
          const isCurrent = current === status;
          return (
            <button
              key={status}
              type="button"
              aria-pressed={isCurrent}
              onClick={() => {
                if (!isCurrent) onChange(status);
              }}
              className={cx(
                'flex h-9 items-center justify-center gap-1.5 rounded-lg border px-2 text-sm font-medium whitespace-nowrap transition-colors',
                isCurrent
                  ? 'border-accent bg-accent-soft text-accent-text'
                  : 'border-line bg-surface text-fg hover:bg-surface-muted',
              )}
            >
              <StatusMark status={status} className="size-3.5" />
              {label}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}
