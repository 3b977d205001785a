/**
 * A timer fires up to a millisecond or so after it was due (libuv counts whole milliseconds), and every
 * such millisecond would be charged to the server as latency. So the pacer wakes this long before the
 * next send and covers the last stretch with setImmediate, which still lets I/O run in between.
 */
export const WAKE_BEFORE_DUE_MS = 1.5;

export interface PaceOptions {
  /** How many sends; send i is due at `startedAt + i × intervalMs`. */
  count: number;
  intervalMs: number;
  startedAt: number;
  isStopped(): boolean;
  /** Called once per send, as soon after its due time as the event loop allows. */
  send(intendedAt: number, lagMs: number): void;
}

/**
 * Calls `send` on a fixed schedule whatever the answers do (an open model: a slow server cannot slow the
 * arrivals down). Sends that fell behind are caught up at once, each still stamped with its own due time.
 * Resolves once every send has been made or `isStopped` says so.
 */
export function paceSends(options: PaceOptions): Promise<number> {
  const { count, intervalMs, startedAt } = options;
  return new Promise((resolve) => {
    let next = 0;
    const tick = () => {
      const now = performance.now();
      while (next < count && !options.isStopped() && startedAt + next * intervalMs <= now) {
        const intendedAt = startedAt + next * intervalMs;
        next++;
        options.send(intendedAt, now - intendedAt);
      }
      if (next >= count || options.isStopped()) {
        resolve(next);
        return;
      }
      const waitMs = startedAt + next * intervalMs - performance.now();
      if (waitMs > WAKE_BEFORE_DUE_MS) setTimeout(tick, waitMs - WAKE_BEFORE_DUE_MS);
      else setImmediate(tick);
    };
    tick();
  });
}
