import { monitorEventLoopDelay } from 'node:perf_hooks';
import { build as buildHistogram, type Histogram } from 'hdr-histogram-js';
import type { LatencySummary } from './types';

const LOOP_DELAY_RESOLUTION_MS = 10;
const HIGHEST_LATENCY_US = 10 * 60 * 1_000_000;

/** How late the grader itself ran during a measurement: its event loop, and its sends against their due times. */
export interface GraderDelays {
  eventLoopDelayP99Ms: number;
  /** The grader's longest stall. */
  eventLoopDelayMaxMs: number;
  sendLagP99Ms: number;
  maxSendLagMs: number;
}

/**
 * Past these, the grader's own scheduling distorts the numbers, so it calls the measurement invalid.
 * `eventLoopDelayMaxMs` is for measurements timed on arrival by the same loop that reads every socket
 * (fan-out): one stall there is charged to every frame waiting behind it, dozens at a time.
 */
export interface ValidityLimits {
  eventLoopDelayP99Ms: number;
  sendLagP99Ms: number;
  eventLoopDelayMaxMs?: number;
}

export const LOAD_VALIDITY_LIMITS: ValidityLimits = { eventLoopDelayP99Ms: 15, sendLagP99Ms: 25 };
export const FAN_OUT_VALIDITY_LIMITS: ValidityLimits = { ...LOAD_VALIDITY_LIMITS, eventLoopDelayMaxMs: 100 };

/** Whether a measurement says anything about the server; `reason` says why not, in the learner's words. */
export interface MeasurementValidity {
  isValid: boolean;
  reason?: string;
  eventLoopDelayP99Ms: number;
  maxSendLagMs: number;
}

export interface GraderDelayWatch {
  /** Records how late one send went out. */
  recordSendLag(lagMs: number): void;
  stop(): GraderDelays;
}

/** Starts watching the grader's own timing; `stop` says how late it ran. */
export function watchGraderDelays(): GraderDelayWatch {
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
  const sendLag = buildHistogram({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_LATENCY_US,
    numberOfSignificantValueDigits: 2,
  });
  let maxSendLagMs = 0;
  loopDelay.enable();
  return {
    recordSendLag(lagMs) {
      maxSendLagMs = Math.max(maxSendLagMs, lagMs);
      sendLag.recordValue(Math.max(1, Math.round(lagMs * 1000)));
    },
    stop() {
      loopDelay.disable();
      // the histogram holds the time between its samples, so the sampling interval itself is taken off
      const loopMs = (ns: number) =>
        loopDelay.count > 0 ? Math.max(0, ns / 1e6 - LOOP_DELAY_RESOLUTION_MS) : 0;
      return {
        eventLoopDelayP99Ms: round(loopMs(loopDelay.percentile(99))),
        eventLoopDelayMaxMs: round(loopMs(loopDelay.max)),
        sendLagP99Ms: sendLag.totalCount > 0 ? round(sendLag.getValueAtPercentile(99) / 1000) : 0,
        maxSendLagMs: round(maxSendLagMs),
      };
    },
  };
}

/**
 * Whether the grader kept its schedule well enough for the numbers to be about the server.
 * @example const validity = assessValidity(watch.stop(), LOAD_VALIDITY_LIMITS);
 */
export function assessValidity(delays: GraderDelays, limits: ValidityLimits): MeasurementValidity {
  const validity: MeasurementValidity = {
    isValid: true,
    eventLoopDelayP99Ms: delays.eventLoopDelayP99Ms,
    maxSendLagMs: delays.maxSendLagMs,
  };
  const isStalled =
    limits.eventLoopDelayMaxMs !== undefined && delays.eventLoopDelayMaxMs > limits.eventLoopDelayMaxMs;
  if (
    delays.eventLoopDelayP99Ms > limits.eventLoopDelayP99Ms ||
    delays.sendLagP99Ms > limits.sendLagP99Ms ||
    isStalled
  ) {
    const stall =
      limits.eventLoopDelayMaxMs === undefined ? '' : `, longest stall ${delays.eventLoopDelayMaxMs} ms`;
    validity.isValid = false;
    validity.reason = `the grader's machine was too busy to keep its own schedule (event-loop delay p99 ${delays.eventLoopDelayP99Ms} ms${stall}, send lag p99 ${delays.sendLagP99Ms} ms), so these numbers say nothing about your server`;
  }
  return validity;
}

/** A histogram of latencies in microseconds, from 1 µs to 10 minutes. */
export function createLatencyHistogram(): Histogram {
  return buildHistogram({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_LATENCY_US,
    numberOfSignificantValueDigits: 3,
  });
}

/** Records one latency in milliseconds. */
export function recordLatency(histogram: Histogram, ms: number): void {
  histogram.recordValue(Math.min(HIGHEST_LATENCY_US, Math.max(1, Math.round(ms * 1000))));
}

/** The percentiles of a latency histogram, in milliseconds (all 0 when it is empty). */
export function summariseLatency(histogram: Histogram): LatencySummary {
  if (histogram.totalCount === 0) return { p50: 0, p90: 0, p99: 0, max: 0, mean: 0 };
  const toMs = (us: number) => Math.round(us) / 1000;
  return {
    p50: toMs(histogram.getValueAtPercentile(50)),
    p90: toMs(histogram.getValueAtPercentile(90)),
    p99: toMs(histogram.getValueAtPercentile(99)),
    max: toMs(histogram.maxValue),
    mean: toMs(histogram.mean),
  };
}

/** Rounds to hundredths, as results report them. */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}
