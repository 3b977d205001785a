import type { GradingEvent, LogLevel } from '@groundwork/contracts';
import type { CheckContext, RunInfo } from '../authoring/context';
import type { Check, Stage } from '../authoring/define';
import type { RunState } from '../authoring/run-state';
import { createDataFactory } from '../data/data-factory';
import type { Connector, HttpTransport } from '../http/client';
import { createLoadRunner } from '../load/load-runner';
import { createProbes } from '../probes/probes';
import { createWsClient, type WsDialer } from '../ws/ws-client';

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
}

/** A check's context and what to close when the check ends. */
export function createCheckContext(
  resources: RunResources,
  stage: Stage,
  check: Check,
  signal: AbortSignal,
): { ctx: CheckContext; release(): Promise<void> } {
  const where = { stageId: stage.id, checkId: check.id };
  const http = resources.transport.client({ signal });
  const ws = createWsClient({ baseUrl: resources.transport.baseUrl.href, dial: resources.dial, signal });
  const data = createDataFactory(`${resources.info.seed}:${stage.id}:${check.id}`);
  const loadRunner = createLoadRunner({
    baseUrl: resources.transport.baseUrl.href,
    connect: resources.connect,
    signal,
  });
  const log = (level: LogLevel) => (message: string) =>
    resources.emit({ type: 'log', level, message, ...where });
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
        const result = await loadRunner.run(options);
        metric('load.latency.p50', result.latencyMs.p50, 'ms');
        metric('load.latency.p99', result.latencyMs.p99, 'ms');
        metric('load.rate', result.achievedRatePerSecond, 'req/s');
        metric('load.errors', result.errorCount, 'requests');
        if (!result.validity.isValid) log('warn')(`load measurement invalid: ${result.validity.reason}`);
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
    async release() {
      await Promise.allSettled([http.close(), ws.closeAll()]);
    },
  };
}

export type { EventDraft };
