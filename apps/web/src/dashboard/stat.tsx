import type { ReactNode } from 'react';

/** One figure of the dashboard's summary row; sits in a `<dl>`. */
export function Stat({ label, value, detail }: { label: string; value: ReactNode; detail: ReactNode }) {
  return (
    <div className="rounded-xl border border-line bg-surface p-4 shadow-sm">
      <dt className="text-sm text-fg-muted">{label}</dt>
      <dd className="mt-1">
        <span className="text-2xl font-semibold tracking-tight text-fg tabular-nums">{value}</span>
        <span className="mt-0.5 block text-xs text-fg-muted">{detail}</span>
      </dd>
    </div>
  );
}
