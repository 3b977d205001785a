import { z } from 'zod';

// The response schema lives here rather than in packages/contracts: only this route and the web app
// (through the generated OpenAPI types) read it.
const IsoDay = z.iso.date();

/** `GET /api/progress/activity`: the learner's streak, counted in UTC days. */
export const ProgressActivity = z
  .object({
    streak: z.object({
      current: z
        .number()
        .int()
        .describe('Active days in a row up to today, or up to yesterday while today has no activity yet.'),
      longest: z.number().int().describe('The most active days in a row, ever.'),
      lastActiveOn: IsoDay.nullable().describe('The last active day (UTC); null before any activity.'),
    }),
    activeDays: z.number().int().describe('Days with any activity, ever.'),
    today: IsoDay.describe('Today in UTC, the day the streak is counted up to.'),
  })
  .meta({
    id: 'ProgressActivity',
    description:
      'A day (UTC) is active when the learner changed the status of a topic or submitted a project for grading.',
  });
export type ProgressActivity = z.infer<typeof ProgressActivity>;

const DAY_MS = 24 * 60 * 60 * 1000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`) / DAY_MS;
}

/**
 * The streak from the learner's active UTC days. The current streak still counts when today has nothing
 * yet but yesterday had: the day is not over.
 * @example summariseActivity(['2026-03-01', '2026-03-02'], new Date('2026-03-03T08:00:00Z')).streak.current // 2
 */
export function summariseActivity(activeDays: readonly string[], now: Date): ProgressActivity {
  const today = isoDay(now.getTime());
  const days = [...new Set(activeDays)].map(dayNumber).sort((a, b) => a - b);
  let longest = 0;
  let run = 0;
  days.forEach((day, index) => {
    run = index > 0 && day === (days[index - 1] ?? Number.NaN) + 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
  });
  const last = days.at(-1);
  // `run` ends at the last active day: it is current if that day is today or yesterday
  const current = last !== undefined && dayNumber(today) - last <= 1 ? run : 0;
  return {
    streak: { current, longest, lastActiveOn: last === undefined ? null : isoDay(last * DAY_MS) },
    activeDays: days.length,
    today,
  };
}
