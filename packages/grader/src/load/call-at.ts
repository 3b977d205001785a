/**
 * Node's timers count whole milliseconds from a loop time that can be stale: `setTimeout(fn, 4.3)` fires
 * anywhere from a millisecond early to nearly two late. In a latency measurement, lateness is charged to
 * the server, and at the tail it is most of a 10% budget. So `callAt` sleeps on a timer until about a
 * millisecond before the due time and spins for the rest, in slices of at most SPIN_SLICE_MS with the
 * event loop handed back between them, so that answers arriving meanwhile are read within a slice.
 */
export const TIMER_MARGIN_MS = 1;
const SPIN_SLICE_MS = 0.05;

// Inside a slice, the clock is read every few microseconds, with zero-timeout waits on `pause` in
// between: such a wait returns at once, allocates nothing and sleeps not at all. On Node 20 each
// performance.now() allocates, and reading it back to back (or scheduling a setImmediate per read) made
// enough garbage for the collector to pause the loop every few milliseconds, which showed at the tail of
// every measurement.
const pause = new Int32Array(new SharedArrayBuffer(4));
const PAUSES_PER_CLOCK_READ = 32;

/** Calls `callback` as soon as `performance.now()` reaches `dueAt`, and never before. */
export function callAt(dueAt: number, callback: () => void): void {
  const remainingMs = dueAt - performance.now();
  if (remainingMs >= TIMER_MARGIN_MS + 1) {
    setTimeout(callAt, Math.floor(remainingMs - TIMER_MARGIN_MS), dueAt, callback);
  } else spinUntil(dueAt, callback);
}

function spinUntil(dueAt: number, callback: () => void): void {
  const sliceEndsAt = Math.min(dueAt, performance.now() + SPIN_SLICE_MS);
  while (performance.now() < sliceEndsAt) {
    for (let i = 0; i < PAUSES_PER_CLOCK_READ; i++) Atomics.wait(pause, 0, 0, 0);
  }
  if (performance.now() >= dueAt) callback();
  else setImmediate(spinUntil, dueAt, callback);
}
