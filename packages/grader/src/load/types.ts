import type { HttpMethod } from '../http/types';
import type { WsConnection, WsMessage } from '../ws/types';
import type { MeasurementValidity } from './measurement';

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
  validity: MeasurementValidity;
}

/** One sender posting at a constant rate to a room that many receivers listen to. */
export interface FanOutOptions {
  sender: WsConnection;
  /** Usually opened with `keepMessages: false`: the run listens with `onMessage` and keeps nothing. */
  receivers: readonly WsConnection[];
  /** Messages sent per second, whatever the server's speed (open model); at most 5,000. */
  ratePerSecond: number;
  /** At most 60 s. */
  durationMs: number;
  /** The frame to send as message `index` (a string as is, anything else as JSON). */
  message(index: number): string | object;
  /** The index a received frame carries, or undefined for frames that are not the run's (other rooms, presence). */
  identify(message: WsMessage): number | undefined;
  /** How long to wait after the last send for late arrivals (default 2,000 ms, at most 10,000). */
  settleMs?: number;
  /** How many times in all a measurement the grader could not make is taken (default 3), as for `run`. */
  measurementAttempts?: number;
}

/**
 * What a fan-out run measured. Latency runs from when each message was *due* to its arrival at each
 * receiver, so a send the grader made late is not hidden and a server that queues is charged for it.
 * Deliveries are counted at the receivers still open at the end; one the server closed is counted in
 * `closedReceivers` instead.
 */
export interface FanOutResult {
  targetRatePerSecond: number;
  durationMs: number;
  sent: number;
  receivers: number;
  /** `sent` × the receivers still open at the end. */
  expectedDeliveries: number;
  /** First arrivals of a message at an open receiver. */
  delivered: number;
  /** `expectedDeliveries` − `delivered`. */
  missing: number;
  /** Of the missing deliveries, those of messages some other receiver did get. */
  missingWhereOthersGotIt: number;
  /** Messages sent that no receiver got. */
  messagesNobodyGot: number;
  /** Second and later arrivals of a message at the same receiver. */
  duplicates: number;
  /** Receivers the server closed during the run, and with which codes. */
  closedReceivers: number;
  closeCodes: number[];
  latencyMs: LatencySummary;
  /** `receivers-closed`: every receiver had closed; `sender-closed`: the sending connection closed. */
  stoppedBy: 'schedule' | 'aborted' | 'receivers-closed' | 'sender-closed';
  validity: MeasurementValidity & { eventLoopDelayMaxMs: number };
}

/** Runs bounded load stages against the target. */
export interface LoadRunner {
  /** @example const result = await ctx.load.run({ path: `/${code}`, ratePerSecond: 200, durationMs: 5000 }); */
  run(options: LoadOptions): Promise<LoadResult>;
  /**
   * Sends `message(i)` on the sender at a constant rate and times each one's arrival at every receiver.
   * @example
   * const result = await ctx.load.fanOut({
   *   sender, receivers, ratePerSecond: 20, durationMs: 4_000,
   *   message: (i) => ({ type: 'message', roomId, seq: i }),
   *   identify: (m) => m.json<{ roomId?: string; seq?: number }>()?.seq,
   * });
   */
  fanOut(options: FanOutOptions): Promise<FanOutResult>;
}
