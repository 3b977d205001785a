// The baseline for the grader's speed: the very requests a grading run made, sent again with plain undici,
// judging nothing. Whatever the grader takes beyond this is its own cost (checks, schema validation,
// records of every exchange, events).
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, type Dispatcher, Pool } from 'undici';
import type { RecordedRequest } from './record-exchanges';

/** A gap this long between one answer and the next request is the suite waiting on purpose. */
export const DELIBERATE_WAIT_MIN_MS = 500;

export interface DeliberateWait {
  /** Index of the request the suite waited before. */
  beforeIndex: number;
  gapMs: number;
  request: string;
}

/** Requests the suite had in flight together, and over how many connections. */
export interface Burst {
  indices: number[];
  connections: number;
}

export interface ReplayResult {
  durationMs: number;
  /** Requests whose status differs from the recorded one: the replay did not retrace the run. */
  mismatches: string[];
}

/** The gaps where the suite sat idle on purpose (nothing in flight for DELIBERATE_WAIT_MIN_MS or more). */
export function findDeliberateWaits(recorded: readonly RecordedRequest[]): DeliberateWait[] {
  const waits: DeliberateWait[] = [];
  let lastEndedAt = recorded[0]?.startedAt ?? 0;
  for (const [index, request] of recorded.entries()) {
    const gapMs = request.startedAt - lastEndedAt;
    if (gapMs >= DELIBERATE_WAIT_MIN_MS) {
      waits.push({ beforeIndex: index, gapMs, request: `${request.method} ${request.path}` });
    }
    lastEndedAt = Math.max(lastEndedAt, request.endedAt);
  }
  return waits;
}

/** Splits the recording into bursts: a request that started before everything earlier had ended joins them. */
export function findBursts(recorded: readonly RecordedRequest[]): Burst[] {
  const bursts: Burst[] = [];
  let lastEndedAt = Number.NEGATIVE_INFINITY;
  for (const [index, request] of recorded.entries()) {
    const current = bursts.at(-1);
    if (current && request.startedAt < lastEndedAt) current.indices.push(index);
    else bursts.push({ indices: [index], connections: 1 });
    lastEndedAt = Math.max(lastEndedAt, request.endedAt);
  }
  for (const burst of bursts) {
    const used = new Set(burst.indices.map((index) => recorded[index]?.connection));
    burst.connections = Math.max(1, used.size);
  }
  return bursts;
}

/**
 * Sends the recorded requests again against a fresh server, sleeping the given waits where the suite
 * slept. In `sequence` every request waits for the one before; with `keep-concurrency`, each burst the
 * suite sent at once goes at once again, over as many connections as the suite used (pools are kept for
 * the whole replay, which only makes the baseline faster).
 *
 * The server invents link codes, so each code the recording got back is swapped for the one this server
 * answered with, in every later path and body; otherwise the replay would chase links that do not exist
 * and time 404s instead of the real work.
 */
export async function replayRequests(
  origin: string,
  recorded: readonly RecordedRequest[],
  waits: readonly DeliberateWait[],
  mode: 'sequence' | 'keep-concurrency',
): Promise<ReplayResult> {
  const waitBefore = new Map(waits.map((wait) => [wait.beforeIndex, wait.gapMs]));
  const bursts =
    mode === 'sequence'
      ? recorded.map((_, index) => ({ indices: [index], connections: 1 }))
      : findBursts(recorded);
  const codes = new Map<string, string>();
  const rewrite = (text: string) => {
    let rewritten = text;
    for (const [recordedCode, replayedCode] of codes)
      rewritten = rewritten.replaceAll(recordedCode, replayedCode);
    return rewritten;
  };
  const mismatches: string[] = [];
  const single = new Client(origin, { pipelining: 1 });
  const pools = new Map<number, Pool>();
  const dispatcherFor = (connections: number): Dispatcher => {
    if (connections === 1) return single;
    const pool = pools.get(connections) ?? new Pool(origin, { connections, pipelining: 1 });
    pools.set(connections, pool);
    return pool;
  };
  const send = async (dispatcher: Dispatcher, request: RecordedRequest) => {
    const path = rewrite(request.path);
    const response = await dispatcher.request({
      method: request.method as Dispatcher.HttpMethod,
      path,
      headers: request.headers,
      body: request.body === undefined ? null : rewrite(request.body),
    });
    const body = await response.body.text();
    if (response.statusCode !== request.status) {
      mismatches.push(`${request.method} ${path}: ${response.statusCode}, recorded ${request.status}`);
    }
    return body;
  };
  try {
    const startedAt = performance.now();
    for (const burst of bursts) {
      const waitMs = waitBefore.get(burst.indices[0] ?? -1);
      if (waitMs !== undefined) await sleep(waitMs);
      const dispatcher = dispatcherFor(burst.connections);
      const requests = burst.indices.map((index) => recorded[index] as RecordedRequest);
      const bodies = await Promise.all(requests.map((request) => send(dispatcher, request)));
      for (const [index, request] of requests.entries()) {
        const recordedCode = codeIn(request.responseBody);
        const replayedCode = codeIn(bodies[index] ?? '');
        if (recordedCode && replayedCode && recordedCode !== replayedCode)
          codes.set(recordedCode, replayedCode);
      }
    }
    return { durationMs: performance.now() - startedAt, mismatches };
  } finally {
    await Promise.all([single.close(), ...[...pools.values()].map((pool) => pool.close())]);
  }
}

function codeIn(body: string): string | undefined {
  try {
    const json: unknown = JSON.parse(body);
    const code = typeof json === 'object' && json !== null ? (json as { code?: unknown }).code : undefined;
    return typeof code === 'string' && code !== '' ? code : undefined;
  } catch {
    return undefined;
  }
}
