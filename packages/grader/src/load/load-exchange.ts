import type { Dispatcher } from 'undici';
import { BodyTooLargeError } from '../http/classify-error';

/** How one load request ended: an answer (any status), or why there was none. */
export type ExchangeOutcome =
  | { kind: 'answered'; status: number; settledAt: number }
  | { kind: 'failed'; error: unknown; hasHeaders: boolean; settledAt: number }
  | { kind: 'timed-out'; hasHeaders: boolean; settledAt: number }
  | { kind: 'stopped'; settledAt: number };

export interface ExchangeRequest {
  method: Dispatcher.HttpMethod;
  path: string;
  headers: Readonly<Record<string, string>>;
  body: string | undefined;
}

export interface ExchangeLimits {
  timeoutMs: number;
  maxBodyBytes: number;
  /** Told about every body chunk, so the run can keep its byte budget. */
  onBytes(bytes: number): void;
}

/** A request in flight; `stop` ends it now (the run's own bounds), and it settles as `stopped`. */
export interface LoadExchange {
  readonly outcome: Promise<ExchangeOutcome>;
  stop(): void;
}

/**
 * Sends one request through the pool with a bare dispatch handler: no stream, no AbortController, no
 * body kept, so the runner stays cheap enough to keep a schedule of thousands of requests a second.
 * The deadline covers queueing in the pool, connecting, headers and body.
 */
export function sendExchange(
  pool: Dispatcher,
  request: ExchangeRequest,
  limits: ExchangeLimits,
): LoadExchange {
  let settle: (outcome: ExchangeOutcome) => void = () => {};
  const outcome = new Promise<ExchangeOutcome>((resolve) => {
    settle = resolve;
  });
  let controller: Dispatcher.DispatchController | undefined;
  let isSettled = false;
  let status: number | undefined;
  let size = 0;
  const finish = (result: ExchangeOutcome, cancel: boolean) => {
    if (isSettled) return;
    isSettled = true;
    clearTimeout(deadline);
    settle(result);
    // a request still queued in the pool has no controller yet; onRequestStart aborts it when it gets one
    if (cancel) controller?.abort(new Error('load request ended by the runner'));
  };
  const deadline = setTimeout(
    () => finish({ kind: 'timed-out', hasHeaders: status !== undefined, settledAt: performance.now() }, true),
    limits.timeoutMs,
  );

  pool.dispatch(
    {
      method: request.method,
      path: request.path,
      headers: request.headers,
      body: request.body ?? null,
      headersTimeout: limits.timeoutMs,
      bodyTimeout: limits.timeoutMs,
    },
    {
      onRequestStart(started) {
        controller = started;
        if (isSettled) started.abort(new Error('load request ended by the runner'));
      },
      onResponseStart(_controller, statusCode) {
        // 1xx interim answers are not the response
        if (statusCode >= 200) status = statusCode;
      },
      onResponseData(current, chunk) {
        size += chunk.length;
        limits.onBytes(chunk.length);
        if (size > limits.maxBodyBytes && !isSettled) {
          finish(
            {
              kind: 'failed',
              error: new BodyTooLargeError(limits.maxBodyBytes),
              hasHeaders: true,
              settledAt: performance.now(),
            },
            false,
          );
          current.abort(new BodyTooLargeError(limits.maxBodyBytes));
        }
      },
      onResponseEnd() {
        finish({ kind: 'answered', status: status ?? 0, settledAt: performance.now() }, false);
      },
      onResponseError(_controller, error) {
        finish(
          { kind: 'failed', error, hasHeaders: status !== undefined, settledAt: performance.now() },
          false,
        );
      },
    },
  );
  return {
    outcome,
    stop: () => finish({ kind: 'stopped', settledAt: performance.now() }, true),
  };
}
