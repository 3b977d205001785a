import type { ExchangeErrorKind } from '@groundwork/contracts';
import { Pool } from 'undici';
import { classifyExchangeError } from '../http/classify-error';
import { type Connector, resolveTargetUrl, USER_AGENT } from '../http/client';
import { runFanOut } from './fan-out';
import { MAX_LOAD_DURATION_MS, MAX_LOAD_RATE_PER_SECOND } from './limits';
import {
  type ExchangeLimits,
  type ExchangeOutcome,
  type ExchangeRequest,
  type LoadExchange,
  sendExchange,
} from './load-exchange';
import {
  assessValidity,
  createLatencyHistogram,
  LOAD_VALIDITY_LIMITS,
  recordLatency,
  round,
  summariseLatency,
  watchGraderDelays,
} from './measurement';
import { paceSends } from './pacer';
import type { LoadErrorKind, LoadOptions, LoadResult, LoadRunner } from './types';

export { MAX_LOAD_DURATION_MS, MAX_LOAD_RATE_PER_SECOND };
export const MAX_LOAD_CONNECTIONS = 64;
export const MAX_LOAD_REQUESTS = 100_000;
const DEFAULT_CONNECTIONS = 16;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

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
  const signal = runnerOptions.signal;
  return {
    run: (options) => runLoad(runnerOptions, options),
    fanOut: (options) => runFanOut(options, signal ? { signal } : {}),
  };
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
  const latency = createLatencyHistogram();
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
        recordLatency(latency, outcome.settledAt - intendedAt);
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

  const graderDelays = watchGraderDelays();
  const startedAt = performance.now();
  const pending: Promise<void>[] = [];
  await paceSends({
    count: planned,
    intervalMs,
    startedAt,
    isStopped: () => stop.signal.aborted,
    send(intendedAt, lagMs) {
      graderDelays.recordSendLag(lagMs);
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
  const validity = assessValidity(graderDelays.stop(), LOAD_VALIDITY_LIMITS);
  runner.signal?.removeEventListener('abort', onParentAbort);
  if (runner.signal?.aborted) stoppedBy = 'aborted';
  await pool.destroy();

  const unsent = planned - sent;
  if (unsent > 0) countError('unsent', unsent);
  const elapsedMs = Math.max(lastSettledAt - startedAt, options.durationMs);
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
    latencyMs: summariseLatency(latency),
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
