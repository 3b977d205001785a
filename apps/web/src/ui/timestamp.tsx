import { formatDateTime, formatRelative } from './format';

/** A relative time ("2 hours ago") with the exact date one hover (or screen-reader query) away. */
export function Timestamp({ iso, fallback = '—' }: { iso: string | null; fallback?: string }) {
  if (iso === null) return <span className="text-fg-muted">{fallback}</span>;
  const exact = formatDateTime(iso);
  return (
    <time dateTime={iso} title={exact}>
      {formatRelative(iso)}
    </time>
  );
}
