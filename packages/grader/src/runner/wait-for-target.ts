import { isTargetError } from '../authoring/target-error';
import type { HttpTransport } from '../http/client';
import { ExchangeError } from '../http/exchange-error';
import { formatDuration, sleep } from './deadline';

export interface WaitForTargetOptions {
  /** Give up after this long (default: 5 s for this machine, 90 s elsewhere: free tiers sleep). */
  timeoutMs?: number;
  /** First pause between attempts; it doubles up to 5 s (default 1 s). */
  intervalMs?: number;
  /** Deadline of one attempt (default 10 s: a waking server may hold the first request). */
  attemptTimeoutMs?: number;
}

export type WaitOutcome =
  | { isReady: true; attempts: number; afterMs: number }
  | { isReady: false; attempts: number; afterMs: number; reason: string; isRefusedByPolicy: boolean };

const MAX_INTERVAL_MS = 5_000;
// no attempt is cut shorter than this, so a failure says why (refused, reset…), not "no response in 1 ms"
const MIN_ATTEMPT_MS = 1_000;

/**
 * Requests `path` until the target answers anything at all (any status counts as awake), calling
 * `onWaiting` after each failed attempt.
 */
export async function waitForTarget(
  transport: HttpTransport,
  path: string,
  options: WaitForTargetOptions & { isLocal: boolean; signal?: AbortSignal },
  onWaiting: (info: { attempt: number; elapsedMs: number; timeoutMs: number; reason: string }) => void,
): Promise<WaitOutcome> {
  const timeoutMs = options.timeoutMs ?? (options.isLocal ? 5_000 : 90_000);
  let intervalMs = options.intervalMs ?? 1_000;
  const started = performance.now();
  const client = transport.client(options.signal ? { signal: options.signal } : {});
  let attempt = 0;
  try {
    for (;;) {
      attempt++;
      const elapsedBefore = performance.now() - started;
      const attemptTimeoutMs = Math.max(
        1,
        Math.min(options.attemptTimeoutMs ?? 10_000, timeoutMs - elapsedBefore),
      );
      let reason: string;
      try {
        await client.get(path, { timeoutMs: attemptTimeoutMs });
        return { isReady: true, attempts: attempt, afterMs: performance.now() - started };
      } catch (error) {
        if (!isTargetError(error)) throw error;
        reason = error.message;
        if (error instanceof ExchangeError && error.kind === 'refused-by-policy') {
          return {
            isReady: false,
            attempts: attempt,
            afterMs: performance.now() - started,
            reason,
            isRefusedByPolicy: true,
          };
        }
      }
      const elapsedMs = performance.now() - started;
      // what is left would only buy an attempt too short to say anything: end with this attempt's reason
      const isOutOfTime = timeoutMs - elapsedMs <= Math.min(MIN_ATTEMPT_MS, timeoutMs);
      if (isOutOfTime || options.signal?.aborted) {
        // An attempt cut short by the run's deadline says "the check ran out of time", but no check runs yet.
        const why = options.signal?.aborted
          ? ", when the run's deadline ended the wait"
          : ` (last: ${reason})`;
        return {
          isReady: false,
          attempts: attempt,
          afterMs: elapsedMs,
          reason: `no answer after ${attempt} attempt${attempt === 1 ? '' : 's'} over ${formatDuration(elapsedMs)}${why}`,
          isRefusedByPolicy: false,
        };
      }
      onWaiting({ attempt, elapsedMs, timeoutMs, reason });
      // sleep no further than leaves the next attempt its minimum within the budget
      const pauseMs = Math.min(intervalMs, timeoutMs - elapsedMs - Math.min(MIN_ATTEMPT_MS, timeoutMs));
      await sleep(Math.max(0, pauseMs), options.signal).catch(() => undefined);
      intervalMs = Math.min(intervalMs * 2, MAX_INTERVAL_MS);
    }
  } finally {
    await client.close();
  }
}

/** How long the server has to answer anything at all once a check got no answer. */
export const LIVENESS_PROBE_TIMEOUT_MS = 3_000;
const LIVENESS_PROBE_ATTEMPTS = 2;

/**
 * Asks the server for `path` on a connection of its own, twice at most: any HTTP answer, whatever its
 * status, means it is still there. Used after a check got no answer, to stop a run against a server
 * that has gone silent instead of timing out check after check.
 */
export async function probeLiveness(
  transport: HttpTransport,
  path: string,
  signal: AbortSignal,
): Promise<{ isAnswering: true } | { isAnswering: false; reason: string }> {
  let reason = 'no answer';
  for (let attempt = 1; attempt <= LIVENESS_PROBE_ATTEMPTS; attempt++) {
    const client = transport.isolatedClient({ signal });
    try {
      await client.get(path, { timeoutMs: Math.min(LIVENESS_PROBE_TIMEOUT_MS, transport.timeoutMs) });
      return { isAnswering: true };
    } catch (error) {
      if (!isTargetError(error)) throw error;
      reason = error.message;
    } finally {
      await client.close();
    }
    if (signal.aborted) break;
  }
  return {
    isAnswering: false,
    reason: `GET ${path} got no answer ${LIVENESS_PROBE_ATTEMPTS === 2 ? 'twice' : `${LIVENESS_PROBE_ATTEMPTS} times`} in a row (last: ${reason})`,
  };
}
