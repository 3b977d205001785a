import { cx } from '../ui/cx';
import type { TopicStatus } from './roadmap.types';

/**
 * A small round mark per status, distinct in shape as well as colour (empty, half, check, skip, shield),
 * so statuses read without colour vision. Decorative: the status is always in the text label too.
 */
export function StatusMark({ status, className }: { status: TopicStatus; className?: string }) {
  const color = `var(--gw-status-${status}-mark)`;
  return (
    <svg
      viewBox="0 0 20 20"
      className={cx('size-4 shrink-0', className)}
      aria-hidden="true"
      focusable="false"
      style={{ color }}
    >
      {status === 'todo' && (
        <circle cx="10" cy="10" r="7.5" fill="none" stroke="currentColor" strokeWidth="2" />
      )}
      {status === 'learning' && (
        <>
          <circle cx="10" cy="10" r="7.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M10 2.5a7.5 7.5 0 0 1 0 15z" fill="currentColor" />
        </>
      )}
      {status === 'done' && (
        <>
          <circle cx="10" cy="10" r="8.5" fill="currentColor" />
          <path
            d="M6 10.3l2.7 2.7L14 7.7"
            fill="none"
            stroke="var(--gw-surface)"
            strokeWidth="2.2"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </>
      )}
      {status === 'skipped' && (
        <>
          <circle
            cx="10"
            cy="10"
            r="7.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeDasharray="3 2.4"
          />
          <path
            d="M6.5 10h7M11 7l2.8 3-2.8 3"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </>
      )}
      {status === 'verified' && (
        <>
          <path
            d="M10 1.5l6.8 2.6v5.2c0 4.2-2.9 7.8-6.8 9.2-3.9-1.4-6.8-5-6.8-9.2V4.1z"
            fill="currentColor"
          />
          <path
            d="M6.6 10l2.4 2.4 4.4-4.6"
            fill="none"
            stroke="var(--gw-surface)"
            strokeWidth="2"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </>
      )}
    </svg>
  );
}
