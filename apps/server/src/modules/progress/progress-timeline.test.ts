import assert from 'node:assert/strict';
import { it } from 'node:test';
import { buildTimeline } from './progress-timeline';

const today = new Date('2025-03-10T15:00:00.000Z');

it('gives one point per UTC day ending today, quiet days included, with totals carried from earlier days', () => {
  const timeline = buildTimeline(
    [
      { day: '2025-02-01', markedDone: 3, doneDelta: 3, learningDelta: 1 },
      { day: '2025-03-08', markedDone: 2, doneDelta: 2, learningDelta: -1 },
      { day: '2025-03-10', markedDone: 0, doneDelta: -1, learningDelta: 2 },
    ],
    4,
    today,
  );
  assert.deepEqual(timeline, {
    days: 4,
    points: [
      { date: '2025-03-07', done: 0, doneTotal: 3, learning: 1 },
      { date: '2025-03-08', done: 2, doneTotal: 5, learning: 0 },
      { date: '2025-03-09', done: 0, doneTotal: 5, learning: 0 },
      { date: '2025-03-10', done: 0, doneTotal: 4, learning: 2 },
    ],
  });
});

it('is all zeros for a learner without history', () => {
  const timeline = buildTimeline([], 2, today);
  assert.deepEqual(
    timeline.points.map((point) => [point.date, point.done, point.doneTotal, point.learning]),
    [
      ['2025-03-09', 0, 0, 0],
      ['2025-03-10', 0, 0, 0],
    ],
  );
});
