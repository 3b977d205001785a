import type { GradingEvent, LogLevel } from '@groundwork/contracts';
import type { CheckContext, RunInfo } from '../authoring/context';
import type { Check, Stage } from '../authoring/define';
import type { RunState } from '../authoring/run-state';
import { createDataFactory } from '../data/data-factory';
import type { Connector, HttpTransport } from '../http/client';
import { MAX_FAN_OUT_DELIVERIES, runFanOut } from '../load/fan-out';
import { createLoadRunner } from '../load/load-runner';
import { createProbes } from '../probes/probes';
import { createWsClient, type WsDialer } from '../ws/ws-client';
import { type ConnectionTrouble, createConnectionTrouble } from './connection-trouble';
import { sleep } from './deadline';

/** How long the requests of a burst that met refusals may take to land before the check's clients close. */
const BURST_SETTLE_MS = 2_000;
/** A load measurement the grader's machine could not make is taken again, this many times in all. */
export const MAX_MEASUREMENT_ATTEMPTS = 3;
/** The pause before measuring again, so whatever kept the machine busy can pass. */
export const MEASUREMENT_RETRY_PAUSE_MS = 2_000;

type EventDraft = GradingEvent extends infer E
  ? E extends GradingEvent
    ? Omit<E, 'seq' | 'at'>
    : never
  : never;

export interface RunResources {
  transport: HttpTransport;
  connect: Connector;
  dial: WsDialer;
  state: RunState;
  info: RunInfo;
  emit(event: EventDraft): void;
  /** Whether the server still answers anything at all, on a connection of its own, within a short deadline. */
  probeLiveness(): Promise<{ isAnswering: true } | { isAnswering: false; reason: string }>;
}

/** A check's context, what it saw of the server's connections, and what to close when the check ends. */
export function createCheckContext(
  resources: RunResources,
  stage: Stage,
  check: Check,
  signal: AbortSignal,
): { ctx: CheckContext; trouble: ConnectionTrouble; release(): Promise<void> } {
  const where = { stageId: stage.id, checkId: check.id };
  const trouble = createConnectionTrouble();
  const http = resources.transport.client({ signal, onExchange: trouble.record });
  const ws = createWsClient({ baseUrl: resources.transport.baseUrl.href, dial: resources.dial, signal });
  const data = createDataFactory(`${resources.info.seed}:${stage.id}:${check.id}`);
  const loadRunner = createLoadRunner({
    baseUrl: resources.transport.baseUrl.href,
    connect: resources.connect,
    signal,
  });
  const log = (level: LogLevel) => (message: string) =>
    resources.emit({ type: 'log', level, message, ...where });
  // an invalid measurement says nothing about the server: measure again after a pause, a bounded
  // number of times; the check judges the last one (and is inconclusive if that is invalid too)
  const measureUntilValid = async <T extends { validity: { isValid: boolean; reason?: string } }>(
    what: string,
    measure: (attempt: number) => Promise<T>,
    attempts = MAX_MEASUREMENT_ATTEMPTS,
  ): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      const result = await measure(attempt);
      if (result.validity.isValid || attempt >= attempts || signal.aborted) {
        if (!result.validity.isValid) log('warn')(`${what} measurement invalid: ${result.validity.reason}`);
        return result;
      }
      log('warn')(
        `${what} measurement invalid (${result.validity.reason}); measuring again in ${MEASUREMENT_RETRY_PAUSE_MS / 1000} s (attempt ${attempt + 1} of ${attempts})`,
      );
      await sleep(MEASUREMENT_RETRY_PAUSE_MS, signal).catch(() => undefined);
    }
  };
  const metric = (name: string, value: number, unit: string) =>
    resources.emit({ type: 'metric', name, value, unit, ...where });
  const ctx: CheckContext = {
    http,
    ws,
    data,
    state: resources.state,
    log: { debug: log('debug'), info: log('info'), warn: log('warn') },
    load: {
      async run(options) {
        assertLoadStage(stage, 'runs load');
        const result = await measureUntilValid(
          'load',
          async () => {
            const measured = await loadRunner.run(options);
            trouble.recordLoad(measured);
            return measured;
          },
          options.measurementAttempts,
        );
        // only the measurement the check judges is charted
        metric('load.latency.p50', result.latencyMs.p50, 'ms');
        metric('load.latency.p99', result.latencyMs.p99, 'ms');
        metric('load.rate', result.achievedRatePerSecond, 'req/s');
        metric('load.errors', result.errorCount, 'requests');
        return result;
      },
      async fanOut(options) {
        assertLoadStage(stage, 'runs a fan-out');
        const result = await measureUntilValid(
          'fan-out',
          // fresh message indices per attempt, so a late arrival from the last cannot count in this one
          (attempt) => runFanOut(options, { signal, firstIndex: (attempt - 1) * MAX_FAN_OUT_DELIVERIES }),
          options.measurementAttempts,
        );
        metric('fan-out.latency.p50', result.latencyMs.p50, 'ms');
        metric('fan-out.latency.p99', result.latencyMs.p99, 'ms');
        metric('fan-out.delivered', result.delivered, 'messages');
        metric('fan-out.missing', result.missing, 'messages');
        return result;
      },
    },
    probes: createProbes({ http, data }),
    signal,
    options: resources.info,
    metric,
  };
  return {
    ctx,
    trouble,
    async release() {
      // a burst's first refusal ends the check at once: let its other requests land (briefly), so
      // the failure can say how many of them the server did answer
      if (trouble.hasBurstTrouble()) await http.settle(BURST_SETTLE_MS);
      await Promise.allSettled([http.close(), ws.closeAll()]);
    },
  };
}

/** The runner keeps load stages last and judges their measurements apart: a stage must say it is one. */
function assertLoadStage(stage: Stage, what: string): void {
  if (stage.kind !== 'load') {
    throw new TypeError(`stage "${stage.id}" ${what} but is not declared with kind: 'load'`);
  }
}

export type { EventDraft };
