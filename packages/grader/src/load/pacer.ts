/**
 * libuv counts whole milliseconds from the start of the loop's turn, so a timer cannot wait less than
 * 1 ms and often fires a fraction of one early; a late send would be charged to the server as latency.
 * So the pacer sleeps on a timer while the wait is at least this long and covers what is left with
 * setImmediate, which still lets I/O run in between and costs a little CPU only in that last stretch.
 */
export const SHORTEST_TIMER_MS = 1;

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
      if (waitMs >= SHORTEST_TIMER_MS) setTimeout(tick, waitMs);
      else setImmediate(tick);
    };
    tick();
  });
}
