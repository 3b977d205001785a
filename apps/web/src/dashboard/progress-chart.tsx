import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TimelinePoint } from '../api/types';

const DAY_FORMAT = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

function dayLabel(date: string): string {
  return DAY_FORMAT.format(new Date(`${date}T00:00:00.000Z`));
}

/** Topics done in total and being learned, day by day. */
export function ProgressChart({ points }: { points: readonly TimelinePoint[] }) {
  const first = points[0];
  const last = points.at(-1);
  const gained = first && last ? last.doneTotal - first.doneTotal + first.done : 0;
  return (
    <figure className="space-y-3">
      <div className="h-64 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart
            accessibilityLayer={false}
            data={[...points]}
            margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
          >
            <defs>
              <linearGradient id="gw-done-fill" x1="0" y1="0" x2="0" y2="1">
                <stop offset="0%" stopColor="var(--gw-accent)" stopOpacity={0.35} />
                <stop offset="100%" stopColor="var(--gw-accent)" stopOpacity={0.02} />
              </linearGradient>
            </defs>
            <CartesianGrid stroke="var(--gw-border)" strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="date"
              tickFormatter={dayLabel}
              tick={{ fill: 'var(--gw-fg-muted)', fontSize: 12 }}
              stroke="var(--gw-border)"
              minTickGap={24}
            />
            <YAxis
              allowDecimals={false}
              tick={{ fill: 'var(--gw-fg-muted)', fontSize: 12 }}
              stroke="var(--gw-border)"
            />
            <Tooltip
              labelFormatter={(label) => dayLabel(String(label))}
              contentStyle={{
                background: 'var(--gw-surface-raised)',
                border: '1px solid var(--gw-border)',
                borderRadius: 8,
                color: 'var(--gw-fg)',
              }}
            />
            <Area
              type="monotone"
              dataKey="doneTotal"
              name="Done in total"
              stroke="var(--gw-accent)"
              strokeWidth={2}
              fill="url(#gw-done-fill)"
              isAnimationActive={false}
            />
            <Area
              type="monotone"
              dataKey="learning"
              name="Learning"
              stroke="var(--gw-status-learning-mark)"
              strokeWidth={2}
              fill="none"
              isAnimationActive={false}
            />
          </AreaChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-sm text-fg-muted">
        {last
          ? `${last.doneTotal} topics done in total, ${gained} of them in the last ${points.length} days; ${last.learning} being learned now.`
          : 'No progress recorded yet.'}
      </figcaption>
    </figure>
  );
}
