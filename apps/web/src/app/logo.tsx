import { cx } from '../ui/cx';

/** The Groundwork mark: three stacked courses of a foundation. Decorative; the name sits beside it. */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={cx('size-8', className)} aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#4f46e5" />
      <rect x="7" y="20" width="18" height="4" rx="1.5" fill="#fff" />
      <rect x="9.5" y="14" width="13" height="4" rx="1.5" fill="#fff" opacity=".85" />
      <rect x="12" y="8" width="8" height="4" rx="1.5" fill="#fff" opacity=".7" />
    </svg>
  );
}
