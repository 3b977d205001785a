import type { TimelinePoint } from '../api/types';

export type Streak = { current: number; longest: number; activeDays: number };

/** A day counts as active when the learner finished a topic or changed what they are learning. */
export function activeDates(
  points: readonly TimelinePoint[],
  extraDates: Iterable<string> = [],
): Set<string> {
  const active = new Set(extraDates);
  points.forEach((point, index) => {
    const before = points[index - 1];
    const changed =
      before !== undefined && (point.doneTotal !== before.doneTotal || point.learning !== before.learning);
    if (point.done > 0 || changed) active.add(point.date);
  });
  return active;
}

function previousDay(date: string): string {
  const day = new Date(`${date}T00:00:00.000Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/**
 * Days in a row with activity. The current streak still counts when today has nothing yet but yesterday
 * had: the day is not over.
 * @example computeStreak(new Set(['2026-03-01', '2026-03-02']), '2026-03-03') // { current: 2, … }
 */
export function computeStreak(active: ReadonlySet<string>, today: string): Streak {
  let current = 0;
  let day = active.has(today) ? today : previousDay(today);
  while (active.has(day)) {
    current += 1;
    day = previousDay(day);
  }
  let longest = 0;
  for (const date of active) {
    if (active.has(previousDay(date))) continue;
    let length = 0;
    let next = date;
    while (active.has(next)) {
      length += 1;
      const after = new Date(`${next}T00:00:00.000Z`);
      after.setUTCDate(after.getUTCDate() + 1);
      next = after.toISOString().slice(0, 10);
    }
    longest = Math.max(longest, length);
  }
  return { current, longest, activeDays: active.size };
}
