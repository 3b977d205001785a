import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summariseActivity } from './progress-activity';

const ACTIVE = ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-05', '2026-03-06'];
const at = (iso: string) => new Date(iso);

describe('summariseActivity', () => {
  it('counts the days in a row up to today, and the longest run ever', () => {
    assert.deepEqual(summariseActivity(ACTIVE, at('2026-03-06T10:00:00Z')), {
      streak: { current: 2, longest: 3, lastActiveOn: '2026-03-06' },
      activeDays: 5,
      today: '2026-03-06',
    });
  });

  it('keeps the streak alive on a day with no activity yet', () => {
    assert.equal(summariseActivity(ACTIVE, at('2026-03-07T23:59:59Z')).streak.current, 2);
  });

  it('drops the current streak to zero after a whole day without activity, keeping the longest', () => {
    const { streak } = summariseActivity(ACTIVE, at('2026-03-08T00:00:00Z'));
    assert.deepEqual(streak, { current: 0, longest: 3, lastActiveOn: '2026-03-06' });
  });

  it('counts UTC days across month ends, whatever order or repeats the days come in', () => {
    const shuffled = ['2026-03-01', '2026-02-28', '2026-03-01', '2026-02-27'];
    const summary = summariseActivity(shuffled, at('2026-03-01T12:00:00Z'));
    assert.deepEqual(summary.streak, { current: 3, longest: 3, lastActiveOn: '2026-03-01' });
    assert.equal(summary.activeDays, 3);
  });

  it('is all zeros before any activity', () => {
    assert.deepEqual(summariseActivity([], at('2026-03-01T12:00:00Z')).streak, {
      current: 0,
      longest: 0,
      lastActiveOn: null,
    });
  });
});
