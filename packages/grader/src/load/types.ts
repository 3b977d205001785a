import type { HttpMethod } from '../http/types';

/** A bounded constant-rate load against one path of the target. */
export interface LoadOptions {
  path: string;
  method?: HttpMethod;
  headers?: Readonly<Record<string, string>>;
  body?: string;
  /** Requests started per second, whatever the server's speed (open model). */
  ratePerSecond: number;
  durationMs: number;
  /** Parallel connections (default 16, at most 64). */
  connections?: number;
  /** Cap on requests sent (default and ceiling: rate × duration, at most 100 000). */
  maxRequests?: number;
  /** Cap on response bytes received across the run (default 64 MiB). */
  maxBytes?: number;
  /** Per-request deadline (default 5 s). */
  requestTimeoutMs?: number;
  /** Per-response body cap (default 64 KiB). */
  maxBodyBytesPerResponse?: number;
  /**
   * How many times in all a measurement the grader could not make (`validity.isValid` false) is taken,
   * with a pause between (default 3); 1 for a warm-up whose numbers are not judged.
   */
  measurementAttempts?: number;
}

/** `aborted`: cut short by the runner's own bounds (byte budget, the check's deadline); `unsent`: never sent for that reason. */
export type LoadErrorKind =
  | 'timeout'
  | 'connection'
  | 'body-too-large'
  | 'invalid-response'
  | 'aborted'
  | 'unsent';

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * What a load run measured. Latency runs from each request's *intended* send time, so a stalled
 * server cannot hide its queue (no coordinated omission). `validity.isValid` is false when the
 * grader itself could not keep the schedule: then the numbers say nothing about the server.
 */
export interface LoadResult {
  targetRatePerSecond: number;
  achievedRatePerSecond: number;
  durationMs: number;
  sent: number;
  completed: number;
  errors: Partial<Record<LoadErrorKind, number>>;
  errorCount: number;
  statusCounts: Record<string, number>;
  latencyMs: LatencySummary;
  bytesReceived: number;
  stoppedBy: 'schedule' | 'max-bytes' | 'aborted';
  validity: {
    isValid: boolean;
    reason?: string;
    eventLoopDelayP99Ms: number;
    maxSendLagMs: number;
  };
}

/** Runs bounded load stages against the target. */
export interface LoadRunner {
  /** @example const result = await ctx.load.run({ path: `/${code}`, ratePerSecond: 200, durationMs: 5000 }); */
  run(options: LoadOptions): Promise<LoadResult>;
}
