import { describe, expect, it } from 'vitest';
import type { TimelinePoint } from '../api/types';
import { activeDates, computeStreak } from './streak';

function point(date: string, done: number, doneTotal: number, learning = 0): TimelinePoint {
  return { date, done, doneTotal, learning };
}

describe('activeDates', () => {
  it('counts days with a finished topic or a change in what is being learned', () => {
    const points = [
      point('2026-03-01', 0, 0, 0),
      point('2026-03-02', 1, 1, 0),
      point('2026-03-03', 0, 1, 0),
      point('2026-03-04', 0, 1, 1),
      point('2026-03-05', 0, 1, 1),
    ];
    expect([...activeDates(points)].sort()).toEqual(['2026-03-02', '2026-03-04']);
  });

  it('adds days with other activity, such as a submission', () => {
    expect([...activeDates([], ['2026-03-09'])]).toEqual(['2026-03-09']);
  });
});

describe('computeStreak', () => {
  const active = new Set(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-05', '2026-03-06']);

  it('counts the days in a row up to today', () => {
    expect(computeStreak(active, '2026-03-06')).toEqual({ current: 2, longest: 3, activeDays: 5 });
  });

  it('keeps the streak alive on a day that has no activity yet', () => {
    expect(computeStreak(active, '2026-03-07').current).toBe(2);
  });

  it('drops to zero after a whole day without activity', () => {
    expect(computeStreak(active, '2026-03-08').current).toBe(0);
  });

  it('crosses month ends', () => {
    expect(computeStreak(active, '2026-03-01').current).toBe(3);
  });
});
