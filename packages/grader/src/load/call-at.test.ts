import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callAt, TIMER_MARGIN_MS } from './call-at';

function callAtAndRecord(dueAt: number): Promise<{ calledAt: number; calls: number }> {
  return new Promise((resolve) => {
    let calls = 0;
    callAt(dueAt, () => {
      calls++;
      const calledAt = performance.now();
      // a second call would land after this turn; wait one so the count would show it
      setImmediate(() => resolve({ calledAt, calls }));
    });
  });
}

describe('callAt', () => {
  it('calls once, never before the due time, whether that is past, inside the spin margin or further off', async () => {
    for (const aheadMs of [-5, 0, 0.3, TIMER_MARGIN_MS + 0.5, 7.5, 20]) {
      const dueAt = performance.now() + aheadMs;
      const { calledAt, calls } = await callAtAndRecord(dueAt);
      assert.equal(calls, 1, `due in ${aheadMs} ms: called ${calls} times`);
      assert.ok(calledAt >= dueAt, `due in ${aheadMs} ms: called ${dueAt - calledAt} ms early`);
    }
  });

  it('runs a past due time at once, in the same turn', () => {
    let called = false;
    callAt(performance.now() - 1, () => {
      called = true;
    });
    assert.equal(called, true);
  });

  it('keeps the event loop turning while it waits, so I/O and other callbacks still run', async () => {
    const dueAt = performance.now() + TIMER_MARGIN_MS; // all of it inside the spin
    let otherRanAt: number | undefined;
    setImmediate(() => {
      otherRanAt = performance.now();
    });
    const { calledAt } = await callAtAndRecord(dueAt);
    assert.ok(
      otherRanAt !== undefined && otherRanAt < calledAt,
      'a callback queued meanwhile ran before the due time',
    );
  });
});
