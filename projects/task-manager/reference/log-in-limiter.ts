// Failed log-ins per email, in this process's memory: enough for one reference process. Several processes
// would share the counts in the database or Redis instead.

export const MAX_FAILED_LOG_INS = 10;
export const LOG_IN_WINDOW_MS = 15 * 60 * 1000;

interface Failures {
  count: number;
  windowEndsAt: number;
}

/** Counts failed log-ins per email over a fixed 15-minute window; past 10, log-ins wait for the window's end. */
export function createLogInLimiter(now: () => number = Date.now) {
  const failures = new Map<string, Failures>();
  const current = (email: string): Failures | undefined => {
    const entry = failures.get(email);
    if (entry !== undefined && entry.windowEndsAt <= now()) {
      failures.delete(email);
      return undefined;
    }
    return entry;
  };
  return {
    /** Seconds to wait before the next attempt, or undefined when this email may try now. */
    retryAfterSeconds(email: string): number | undefined {
      const entry = current(email);
      if (entry === undefined || entry.count < MAX_FAILED_LOG_INS) return undefined;
      return Math.max(1, Math.ceil((entry.windowEndsAt - now()) / 1000));
    },
    recordFailure(email: string): void {
      const entry = current(email) ?? { count: 0, windowEndsAt: now() + LOG_IN_WINDOW_MS };
      entry.count += 1;
      failures.set(email, entry);
    },
    reset(email: string): void {
      failures.delete(email);
    },
  };
}
