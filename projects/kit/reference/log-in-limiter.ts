// Failed log-ins per account (an email or a username, whichever a project logs in with), in this process's
// memory: enough for one reference process. Several processes would share the counts in the database or
// Redis instead.

export const MAX_FAILED_LOG_INS = 10;
export const LOG_IN_WINDOW_MS = 15 * 60 * 1000;

interface Failures {
  count: number;
  windowEndsAt: number;
}

/** Counts failed log-ins per account over a fixed 15-minute window; past 10, log-ins wait for its end. */
export function createLogInLimiter(now: () => number = Date.now) {
  const failures = new Map<string, Failures>();
  const current = (account: string): Failures | undefined => {
    const entry = failures.get(account);
    if (entry !== undefined && entry.windowEndsAt <= now()) {
      failures.delete(account);
      return undefined;
    }
    return entry;
  };
  return {
    /** Seconds to wait before the next attempt, or undefined when this account may try now. */
    retryAfterSeconds(account: string): number | undefined {
      const entry = current(account);
      if (entry === undefined || entry.count < MAX_FAILED_LOG_INS) return undefined;
      return Math.max(1, Math.ceil((entry.windowEndsAt - now()) / 1000));
    },
    recordFailure(account: string): void {
      const entry = current(account) ?? { count: 0, windowEndsAt: now() + LOG_IN_WINDOW_MS };
      entry.count += 1;
      failures.set(account, entry);
    },
    reset(account: string): void {
      failures.delete(account);
    },
  };
}
