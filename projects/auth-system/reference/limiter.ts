// Counts events per key in a fixed window, in this process's memory: enough for one reference process.
// Several processes would share the counts in the database or Redis instead.

interface Window {
  count: number;
  endsAt: number;
}

/** Allows `limit` events per key per `windowMs`; past that, callers wait for the window's end. */
export function createLimiter(limit: number, windowMs: number, now: () => number = Date.now) {
  const windows = new Map<string, Window>();
  const current = (key: string): Window | undefined => {
    const entry = windows.get(key);
    if (entry !== undefined && entry.endsAt <= now()) {
      windows.delete(key);
      return undefined;
    }
    return entry;
  };
  return {
    /** Seconds to wait before the next event, or undefined when this key may go on. */
    retryAfterSeconds(key: string): number | undefined {
      const entry = current(key);
      if (entry === undefined || entry.count < limit) return undefined;
      return Math.max(1, Math.ceil((entry.endsAt - now()) / 1000));
    },
    record(key: string): void {
      const entry = current(key) ?? { count: 0, endsAt: now() + windowMs };
      entry.count += 1;
      windows.set(key, entry);
    },
    reset(key: string): void {
      windows.delete(key);
    },
  };
}

export type Limiter = ReturnType<typeof createLimiter>;
