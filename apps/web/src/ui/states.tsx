import type { ReactNode } from 'react';
import { describeError } from '../api/problem';
import { Button } from './button';
import { cx } from './cx';
import { AlertIcon } from './icons';
import { Spinner } from './spinner';

/** A wait the screen reader announces once, politely. */
export function LoadingState({ label = 'Loading…', className }: { label?: string; className?: string }) {
  return (
    <div
      role="status"
      className={cx('flex items-center justify-center gap-3 px-4 py-12 text-sm text-fg-muted', className)}
    >
      <Spinner className="size-5 text-accent-text" />
      <span>{label}</span>
    </div>
  );
}

type EmptyStateProps = {
  title: string;
  children?: ReactNode;
  icon?: ReactNode;
  action?: ReactNode;
  className?: string;
};

export function EmptyState({ title, children, icon, action, className }: EmptyStateProps) {
  return (
    <div className={cx('flex flex-col items-center px-6 py-12 text-center', className)}>
      {icon && (
        <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-surface-muted text-fg-muted">
          {icon}
        </div>
      )}
      <p className="text-base font-semibold text-fg">{title}</p>
      {children && <div className="mt-1 max-w-md text-sm text-fg-muted">{children}</div>}
      {action && <div className="mt-5">{action}</div>}
    </div>
  );
}

type ErrorStateProps = {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  className?: string;
};

/** What went wrong, in plain words, with a way to try again. */
export function ErrorState({ error, title = "This didn't load", onRetry, className }: ErrorStateProps) {
  return (
    <div role="alert" className={cx('flex flex-col items-center px-6 py-12 text-center', className)}>
      <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-danger-soft text-danger-text">
        <AlertIcon />
      </div>
      <p className="text-base font-semibold text-fg">{title}</p>
      <p className="mt-1 max-w-md text-sm text-fg-muted">{describeError(error)}</p>
      {onRetry && (
        <Button variant="secondary" className="mt-5" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}
