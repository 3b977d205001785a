import { TOPIC_STATUSES } from './roadmap.types';
import { StatusMark } from './status-mark';
import { STATUS_LABELS } from './topic-status';

/** What the colours, marks and borders on the graph mean. */
export function RoadmapLegend() {
  return (
    <div className="space-y-4 text-sm">
      <div>
        <h3 className="mb-2 text-xs font-semibold tracking-wide text-fg-muted uppercase">Status</h3>
        <ul className="grid grid-cols-2 gap-x-4 gap-y-2">
          {TOPIC_STATUSES.map((status) => (
            <li key={status} className="flex items-center gap-2 text-fg">
              <StatusMark status={status} />
              {STATUS_LABELS[status]}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h3 className="mb-2 text-xs font-semibold tracking-wide text-fg-muted uppercase">Topics</h3>
        <ul className="space-y-2 text-fg">
          <li className="flex items-center gap-3">
            <span aria-hidden="true" className="h-4 w-7 shrink-0 rounded border-2 border-fg-muted" />
            Core: everyone learns it
          </li>
          <li className="flex items-center gap-3">
            <span
              aria-hidden="true"
              className="h-4 w-7 shrink-0 rounded border-[1.5px] border-dashed border-fg-muted"
            />
            Optional: worth it, not required
          </li>
          <li className="flex items-center gap-3">
            <span
              aria-hidden="true"
              className="h-4 w-7 shrink-0 rounded border-[1.5px] border-dashed"
              style={{ borderColor: 'var(--gw-group-border)', background: 'var(--gw-group)' }}
            />
            Pick one: choose a single option
          </li>
          <li className="flex items-center gap-3">
            <svg aria-hidden="true" viewBox="0 0 28 16" className="h-4 w-7 shrink-0" fill="none">
              <path d="M2 8h19" stroke="var(--gw-edge)" strokeWidth="1.5" />
              <path d="M26 8l-6 -3.5v7z" fill="var(--gw-edge)" />
            </svg>
            Learn this first, then what it points to
          </li>
        </ul>
      </div>
    </div>
  );
}
