import { callAt } from './call-at';

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
 * Resolves once every send has been made or `isStopped` says so. Sends are never early and, on a quiet
 * machine, late by microseconds: see `callAt`.
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
      callAt(startedAt + next * intervalMs, tick);
    };
    tick();
  });
}
