import type { ProgressTimeline, TimelinePoint } from '@groundwork/contracts';
import type { DailyProgressCounts } from './progress.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A daily series for charts, from status changes summed per UTC day: one point for each of the `days`
 * days ending with `today`, including quiet days. Totals carry over from all earlier history.
 * @example buildTimeline([{ day: '2025-03-02', markedDone: 2, doneDelta: 2, learningDelta: -1 }], 7, new Date())
 */
export function buildTimeline(
  daily: readonly DailyProgressCounts[],
  days: number,
  today: Date,
): ProgressTimeline {
  const lastDay = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const dates = Array.from({ length: days }, (_, index) => isoDay(lastDay - (days - 1 - index) * DAY_MS));
  const firstDate = dates[0] ?? isoDay(lastDay);
  const byDay = new Map(daily.map((counts) => [counts.day, counts]));

  let doneTotal = 0;
  let learning = 0;
  // ISO dates sort as text, so everything before the window is what the first point starts from
  for (const counts of daily) {
    if (counts.day >= firstDate) break;
    doneTotal += counts.doneDelta;
    learning += counts.learningDelta;
  }
  const points: TimelinePoint[] = dates.map((date) => {
    const counts = byDay.get(date);
    doneTotal += counts?.doneDelta ?? 0;
    learning += counts?.learningDelta ?? 0;
    return { date, done: counts?.markedDone ?? 0, doneTotal, learning };
  });
  return { days, points };
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
