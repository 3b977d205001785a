import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paceSends } from './pacer';

describe('pacer', () => {
  it('makes every send once, in order, each stamped with its own due time and never before it', async () => {
    const sends: { intendedAt: number; sentAt: number; lagMs: number }[] = [];
    const startedAt = performance.now();
    const made = await paceSends({
      count: 40,
      intervalMs: 2.5,
      startedAt,
      isStopped: () => false,
      send: (intendedAt, lagMs) => sends.push({ intendedAt, sentAt: performance.now(), lagMs }),
    });
    assert.equal(made, 40);
    assert.equal(sends.length, 40);
    for (const [i, send] of sends.entries()) {
      assert.equal(send.intendedAt, startedAt + i * 2.5, `send ${i} is stamped with its due time`);
      assert.ok(
        send.sentAt >= send.intendedAt,
        `send ${i} went out ${send.intendedAt - send.sentAt} ms early`,
      );
      assert.ok(send.lagMs >= 0);
    }
  });

  it('catches up at once on sends that fell behind, keeping their own due times', async () => {
    const intended: number[] = [];
    const startedAt = performance.now() - 50; // ten sends are already overdue
    await paceSends({
      count: 12,
      intervalMs: 5,
      startedAt,
      isStopped: () => false,
      send: (intendedAt) => intended.push(intendedAt),
    });
    assert.deepEqual(
      intended,
      Array.from({ length: 12 }, (_, i) => startedAt + i * 5),
    );
  });

  it('stops as soon as it is told to', async () => {
    let sent = 0;
    const made = await paceSends({
      count: 1_000,
      intervalMs: 1,
      startedAt: performance.now(),
      isStopped: () => sent >= 5,
      send: () => {
        sent++;
      },
    });
    assert.equal(made, 5);
    assert.equal(sent, 5);
  });
});
