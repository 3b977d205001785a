import type { DataFactory } from '../data/data-factory';
import type { HttpClient } from '../http/types';
import type { LoadRunner } from '../load/types';
import type { TargetPolicyMode } from '../policy/types';
import type { Probes } from '../probes/types';
import type { WsClient } from '../ws/types';
import type { RunState } from './run-state';

export interface CheckLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}

/** The run's options, as a check may read them. */
export interface RunInfo {
  /** The target's base URL as given, e.g. `http://localhost:8080`. */
  readonly target: string;
  readonly seed: number;
  /** True when every stage runs even after a failure. */
  readonly all: boolean;
  readonly policy: TargetPolicyMode;
}

/** Everything a check gets. All network access goes through `http`, `ws` and `load`, bound to the target. */
export interface CheckContext {
  /** Bounded HTTP client bound to the target; one connection; redirects not followed. */
  readonly http: HttpClient;
  /** WebSocket client bound to the target. */
  readonly ws: WsClient;
  /** Unique, reproducible data from the run seed (this check's own stream). */
  readonly data: DataFactory;
  /** Values passed on from earlier stages. */
  readonly state: RunState;
  readonly log: CheckLogger;
  /** Bounded constant-rate load runner for performance stages. */
  readonly load: LoadRunner;
  /** Security probes (forged JWTs, injection, XSS, authorisation, CORS, brute force, leaks). */
  readonly probes: Probes;
  /** Aborts when the stage or run deadline passes; pass it to anything long-running. */
  readonly signal: AbortSignal;
  readonly options: RunInfo;
  /** Records a measurement (shown live and stored), e.g. `ctx.metric('latency.p99', 12.5, 'ms')`. */
  metric(name: string, value: number, unit: string): void;
}
