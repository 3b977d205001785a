import { setMaxListeners } from 'node:events';

/** An AbortSignal that fires after `timeoutMs` or when any parent fires, whichever is first. */
export interface Deadline {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /** True when this deadline's own timer fired (not a parent). */
  didTimeOut(): boolean;
  /** Clears the timer and parent listeners; call it in `finally`. */
  dispose(): void;
}

export function createDeadline(
  timeoutMs: number,
  parents: ReadonlyArray<AbortSignal | undefined> = [],
): Deadline {
  const controller = new AbortController();
  // every exchange of a check listens to its deadline, 50 at once in the concurrency checks; each
  // listener goes when its exchange ends, so this is fan-out, not the leak Node's warning guesses at
  setMaxListeners(0, controller.signal);
  let hasTimedOut = false;
  const timer = setTimeout(() => {
    hasTimedOut = true;
    controller.abort(new DeadlineExceededError(timeoutMs));
  }, timeoutMs);
  const cleanups: Array<() => void> = [];
  for (const parent of parents) {
    if (!parent) continue;
    if (parent.aborted) {
      controller.abort(parent.reason);
      break;
    }
    const onAbort = () => controller.abort(parent.reason);
    parent.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => parent.removeEventListener('abort', onAbort));
  }
  return {
    signal: controller.signal,
    timeoutMs,
    didTimeOut: () => hasTimedOut,
    dispose() {
      clearTimeout(timer);
      for (const cleanup of cleanups) cleanup();
    },
  };
}

export class DeadlineExceededError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`deadline of ${timeoutMs} ms exceeded`);
    this.name = 'DeadlineExceededError';
  }
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Formats a duration for learners: `800 ms`, `5 s`, `1.5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
