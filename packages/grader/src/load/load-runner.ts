import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ExchangeErrorKind } from '@groundwork/contracts';
import { build as buildHistogram } from 'hdr-histogram-js';
import { Pool } from 'undici';
import { classifyExchangeError } from '../http/classify-error';
import { type Connector, resolveTargetUrl, USER_AGENT } from '../http/client';
import {
  type ExchangeLimits,
  type ExchangeOutcome,
  type ExchangeRequest,
  type LoadExchange,
  sendExchange,
} from './load-exchange';
import { paceSends } from './pacer';
import type { LoadErrorKind, LoadOptions, LoadResult, LoadRunner } from './types';

export const MAX_LOAD_DURATION_MS = 60_000;
export const MAX_LOAD_CONNECTIONS = 64;
export const MAX_LOAD_REQUESTS = 100_000;
export const MAX_LOAD_RATE_PER_SECOND = 5_000;
const DEFAULT_CONNECTIONS = 16;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
/** Past these, the grader's own scheduling distorts the numbers, so it says "invalid". */
export const MAX_EVENT_LOOP_DELAY_P99_MS = 15;
export const MAX_SEND_LAG_P99_MS = 25;
const LOOP_DELAY_RESOLUTION_MS = 10;
const HIGHEST_LATENCY_US = 10 * 60 * 1_000_000;

const LOAD_ERROR_KINDS: Record<ExchangeErrorKind, LoadErrorKind> = {
  timeout: 'timeout',
  aborted: 'aborted',
  'body-too-large': 'body-too-large',
  'invalid-response': 'invalid-response',
  'connection-refused': 'connection',
  'connection-reset': 'connection',
  'refused-by-policy': 'connection',
  network: 'connection',
};

export interface LoadRunnerOptions {
  baseUrl: string;
  connect?: Connector;
  signal?: AbortSignal;
}

/**
 * A constant-arrival-rate load runner. Request i is due at start + i/rate whether or not earlier
 * ones have answered (open model), and its latency is measured from that intended time, so a server
 * that stalls is charged for the queue it built.
 * @example
 * const load = createLoadRunner({ baseUrl: 'http://localhost:8080' });
 * const result = await load.run({ path: '/abc', ratePerSecond: 200, durationMs: 1000 });
 */
export function createLoadRunner(runnerOptions: LoadRunnerOptions): LoadRunner {
  return { run: (options) => runLoad(runnerOptions, options) };
}

function validate(options: LoadOptions): void {
  const { ratePerSecond, durationMs, connections = DEFAULT_CONNECTIONS, maxRequests } = options;
  if (!(ratePerSecond > 0 && ratePerSecond <= MAX_LOAD_RATE_PER_SECOND)) {
    throw new RangeError(`ratePerSecond must be in (0, ${MAX_LOAD_RATE_PER_SECOND}]`);
  }
  if (!(durationMs > 0 && durationMs <= MAX_LOAD_DURATION_MS)) {
    throw new RangeError(`durationMs must be in (0, ${MAX_LOAD_DURATION_MS}]`);
  }
  if (!Number.isInteger(connections) || connections < 1 || connections > MAX_LOAD_CONNECTIONS) {
    throw new RangeError(`connections must be an integer from 1 to ${MAX_LOAD_CONNECTIONS}`);
  }
  if (maxRequests !== undefined && !(Number.isInteger(maxRequests) && maxRequests > 0)) {
    throw new RangeError('maxRequests must be a positive integer');
  }
}

async function runLoad(runner: LoadRunnerOptions, options: LoadOptions): Promise<LoadResult> {
  validate(options);
  const connections = options.connections ?? DEFAULT_CONNECTIONS;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxBodyBytes = options.maxBodyBytesPerResponse ?? DEFAULT_MAX_BODY_BYTES;
  const planned = Math.min(
    Math.floor((options.ratePerSecond * options.durationMs) / 1000),
    options.maxRequests ?? MAX_LOAD_REQUESTS,
    MAX_LOAD_REQUESTS,
  );
  const intervalMs = 1000 / options.ratePerSecond;
  const url = resolveTargetUrl(new URL(runner.baseUrl), options.path);
  const pool = new Pool(url.origin, {
    connections,
    pipelining: 1,
    headersTimeout: requestTimeoutMs,
    bodyTimeout: requestTimeoutMs,
    connectTimeout: requestTimeoutMs,
    ...(runner.connect ? { connect: runner.connect } : {}),
  });
  const latency = buildHistogram({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_LATENCY_US,
    numberOfSignificantValueDigits: 3,
  });
  const sendLag = buildHistogram({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_LATENCY_US,
    numberOfSignificantValueDigits: 2,
  });
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
  const stop = new AbortController();
  const onParentAbort = () => stop.abort();
  runner.signal?.addEventListener('abort', onParentAbort, { once: true });
  if (runner.signal?.aborted) stop.abort();

  const errors: Partial<Record<LoadErrorKind, number>> = {};
  const statusCounts: Record<string, number> = {};
  let sent = 0;
  let completed = 0;
  let settled = 0;
  let bytesReceived = 0;
  let maxSendLagMs = 0;
  let stoppedBy: LoadResult['stoppedBy'] = 'schedule';
  let lastSettledAt = 0;
  const countError = (kind: LoadErrorKind, n = 1) => {
    errors[kind] = (errors[kind] ?? 0) + n;
  };
  const request: ExchangeRequest = {
    method: options.method ?? 'GET',
    path: `${url.pathname}${url.search}`,
    headers: { 'user-agent': USER_AGENT, ...(options.headers ?? {}) },
    body: options.body,
  };
  const limits: ExchangeLimits = {
    timeoutMs: requestTimeoutMs,
    maxBodyBytes,
    onBytes(bytes) {
      bytesReceived += bytes;
      if (bytesReceived > maxBytes && !stop.signal.aborted) {
        stoppedBy = 'max-bytes';
        stop.abort();
      }
    },
  };
  const inFlight = new Set<LoadExchange>();
  stop.signal.addEventListener('abort', () => {
    for (const exchange of inFlight) exchange.stop();
  });

  const tally = (outcome: ExchangeOutcome, intendedAt: number) => {
    settled++;
    lastSettledAt = outcome.settledAt;
    switch (outcome.kind) {
      case 'answered': {
        const status = String(outcome.status);
        statusCounts[status] = (statusCounts[status] ?? 0) + 1;
        completed++;
        latency.recordValue(Math.max(1, Math.round((outcome.settledAt - intendedAt) * 1000)));
        return;
      }
      case 'stopped':
        countError('aborted');
        return;
      case 'timed-out':
        countError('timeout');
        return;
      case 'failed': {
        if (stop.signal.aborted) {
          countError('aborted');
          return;
        }
        const { kind } = classifyExchangeError(outcome.error, {
          hasTimedOut: false,
          wasAborted: false,
          timeoutMs: requestTimeoutMs,
          hasHeaders: outcome.hasHeaders,
          host: url.host,
        });
        countError(LOAD_ERROR_KINDS[kind]);
        return;
      }
      default:
        assertNever(outcome);
    }
  };

  loopDelay.enable();
  const startedAt = performance.now();
  const pending: Promise<void>[] = [];
  await paceSends({
    count: planned,
    intervalMs,
    startedAt,
    isStopped: () => stop.signal.aborted,
    send(intendedAt, lagMs) {
      maxSendLagMs = Math.max(maxSendLagMs, lagMs);
      sendLag.recordValue(Math.max(1, Math.round(lagMs * 1000)));
      sent++;
      const exchange = sendExchange(pool, request, limits);
      inFlight.add(exchange);
      pending.push(
        exchange.outcome.then((outcome) => {
          inFlight.delete(exchange);
          tally(outcome, intendedAt);
        }),
      );
    },
  });
  // Everything sent has its own deadline; this is the backstop for the whole run.
  const drainDeadline = setTimeout(() => stop.abort(), requestTimeoutMs + 1_000);
  await Promise.all(pending);
  clearTimeout(drainDeadline);
  loopDelay.disable();
  runner.signal?.removeEventListener('abort', onParentAbort);
  if (runner.signal?.aborted) stoppedBy = 'aborted';
  await pool.destroy();

  const unsent = planned - sent;
  if (unsent > 0) countError('unsent', unsent);
  const elapsedMs = Math.max(lastSettledAt - startedAt, options.durationMs);
  // the histogram holds the time between its samples, so the sampling interval itself is taken off
  const eventLoopDelayP99Ms =
    loopDelay.count > 0 ? Math.max(0, loopDelay.percentile(99) / 1e6 - LOOP_DELAY_RESOLUTION_MS) : 0;
  const sendLagP99Ms = sent > 0 ? sendLag.getValueAtPercentile(99) / 1000 : 0;
  const toMs = (us: number) => Math.round(us) / 1000;
  const validity: LoadResult['validity'] = {
    isValid: true,
    eventLoopDelayP99Ms: round(eventLoopDelayP99Ms),
    maxSendLagMs: round(maxSendLagMs),
  };
  if (eventLoopDelayP99Ms > MAX_EVENT_LOOP_DELAY_P99_MS || sendLagP99Ms > MAX_SEND_LAG_P99_MS) {
    validity.isValid = false;
    validity.reason = `the grader could not keep its own schedule (event-loop delay p99 ${round(eventLoopDelayP99Ms)} ms, send lag p99 ${round(sendLagP99Ms)} ms), so these numbers say nothing about your server`;
  }
  const errorCount = Object.values(errors).reduce((sum, n) => sum + (n ?? 0), 0);
  const result: LoadResult = {
    targetRatePerSecond: options.ratePerSecond,
    achievedRatePerSecond: round((completed * 1000) / elapsedMs),
    durationMs: round(elapsedMs),
    sent,
    completed,
    errors,
    errorCount,
    statusCounts,
    latencyMs: {
      p50: completed > 0 ? toMs(latency.getValueAtPercentile(50)) : 0,
      p90: completed > 0 ? toMs(latency.getValueAtPercentile(90)) : 0,
      p99: completed > 0 ? toMs(latency.getValueAtPercentile(99)) : 0,
      max: completed > 0 ? toMs(latency.maxValue) : 0,
      mean: completed > 0 ? toMs(latency.mean) : 0,
    },
    bytesReceived,
    stoppedBy,
    validity,
  };
  if (settled !== sent) throw new Error(`load runner bug: ${sent} sent but ${settled} settled`);
  return result;
}

function assertNever(value: never): never {
  throw new Error(`load runner bug: unexpected outcome ${JSON.stringify(value)}`);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
