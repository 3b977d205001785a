import { Bar, BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { StageProgress } from '../api/types';

/** Percent done per stage, as bars, with the same numbers as a table for screen readers. */
export function StageChart({ stages }: { stages: readonly StageProgress[] }) {
  const data = stages.map((stage, index) => ({
    name: `${index + 1}. ${stage.title}`,
    percent: stage.percent,
  }));
  return (
    <figure>
      <div className="w-full" style={{ height: Math.max(160, stages.length * 34) }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            accessibilityLayer={false}
            data={data}
            layout="vertical"
            margin={{ top: 0, right: 16, bottom: 0, left: 8 }}
          >
            <CartesianGrid stroke="var(--gw-border)" strokeDasharray="3 3" horizontal={false} />
            <XAxis
              type="number"
              domain={[0, 100]}
              unit="%"
              tick={{ fill: 'var(--gw-fg-muted)', fontSize: 12 }}
              stroke="var(--gw-border)"
            />
            <YAxis
              type="category"
              dataKey="name"
              width={170}
              tick={{ fill: 'var(--gw-fg)', fontSize: 12 }}
              stroke="var(--gw-border)"
            />
            <Bar dataKey="percent" fill="var(--gw-accent)" radius={[0, 4, 4, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>Progress per stage</caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">Done</th>
            <th scope="col">Hours left</th>
          </tr>
        </thead>
        <tbody>
          {stages.map((stage) => (
            <tr key={stage.stageId}>
              <th scope="row">{stage.title}</th>
              <td>{stage.percent}%</td>
              <td>{stage.hours.remaining}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
