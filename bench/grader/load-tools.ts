// (b) Our load runner against autocannon and wrk, same connections and duration, one trivial server.
import { createLoadRunner, type LoadResult } from '@groundwork/grader';
import { MAX_LOAD_RATE_PER_SECOND } from '../../packages/grader/src/load/load-runner';
import { drive } from '../lib/autocannon';
import { median } from '../lib/cpu';
import { runWrk } from './wrk';

const PROBE_MS = 3_000;
const MAX_PROBES = 6;
const RATE_STEP_DOWN = 0.8;
/** A probe counts as keeping up when it completed this share of its target rate. */
const KEPT_UP_SHARE = 0.97;
const REQUEST_TIMEOUT_S = 2;

export interface ToolRun {
  ratePerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** Why the figure says nothing (our runner's own validity verdict), if it does not. */
  invalid?: string;
}

export interface ToolRow {
  tool: string;
  model: string;
  runs: ToolRun[];
}

export interface ToolComparison {
  connections: number;
  durationSeconds: number;
  ourRate: number;
  search: string[];
  rows: ToolRow[];
}

function fromOurs(result: LoadResult): ToolRun {
  const run: ToolRun = {
    ratePerSecond: result.achievedRatePerSecond,
    p50Ms: result.latencyMs.p50,
    p99Ms: result.latencyMs.p99,
    errors: result.errorCount,
  };
  if (!result.validity.isValid) run.invalid = result.validity.reason ?? 'invalid';
  return run;
}

/**
 * The highest rate, from `startRate` down, at which our runner keeps its schedule: it says the measurement
 * is valid, nothing failed, and nearly every planned request was answered.
 */
async function findSustainedRate(
  url: string,
  startRate: number,
  connections: number,
): Promise<{ rate: number; search: string[] }> {
  const load = createLoadRunner({ baseUrl: url });
  const search: string[] = [];
  let rate = Math.min(MAX_LOAD_RATE_PER_SECOND, Math.floor(startRate));
  for (let probe = 1; probe <= MAX_PROBES; probe++) {
    const result = await load.run({ path: '/', ratePerSecond: rate, durationMs: PROBE_MS, connections });
    const keptUp =
      result.validity.isValid &&
      result.errorCount === 0 &&
      result.achievedRatePerSecond >= rate * KEPT_UP_SHARE;
    search.push(
      `${rate}/s: ${keptUp ? 'kept up' : 'fell behind'} (achieved ${Math.round(result.achievedRatePerSecond)}/s, ` +
        `event-loop delay p99 ${result.validity.eventLoopDelayP99Ms} ms, ${result.errorCount} errors)`,
    );
    if (keptUp || probe === MAX_PROBES) break;
    rate = Math.floor(rate * RATE_STEP_DOWN);
  }
  return { rate, search };
}

/**
 * Warms every tool up, then runs each `rounds` times, interleaved. wrk and autocannon run closed loop
 * (each connection sends its next request when the last one is answered); ours runs open loop at the rate
 * found by a short search starting from the slower closed-loop tool's rate, capped at its hard limit.
 * autocannon is also run at our rate, so two tools' latencies can be compared at the same load.
 */
export async function compareLoadTools(
  url: string,
  options: { connections: number; durationSeconds: number; rounds: number },
): Promise<ToolComparison> {
  const { connections, durationSeconds } = options;
  const target = `${url}/`;
  const runWrkOnce = async (seconds: number): Promise<ToolRun> => {
    const result = await runWrk(target, {
      connections,
      durationSeconds: seconds,
      timeoutSeconds: REQUEST_TIMEOUT_S,
    });
    return {
      ratePerSecond: result.requestsPerSecond,
      p50Ms: result.p50Ms,
      p99Ms: result.p99Ms,
      errors: result.errors,
    };
  };
  const runAutocannonOnce = async (seconds: number, overallRate?: number): Promise<ToolRun> => {
    const result = await drive(target, {
      connections,
      durationSeconds: seconds,
      ...(overallRate === undefined ? {} : { overallRate }),
    });
    return {
      ratePerSecond: result.requestsPerSecond,
      p50Ms: result.p50Ms,
      p99Ms: result.p99Ms,
      errors: result.errors + result.non2xx,
    };
  };
  const load = createLoadRunner({ baseUrl: url });
  const runOursOnce = async (rate: number, seconds: number) =>
    fromOurs(await load.run({ path: '/', ratePerSecond: rate, durationMs: seconds * 1000, connections }));

  // warm-up: JIT on our side, connections and caches on the server's
  const warmWrk = await runWrkOnce(2);
  const warmAutocannon = await runAutocannonOnce(2);
  await runOursOnce(Math.min(MAX_LOAD_RATE_PER_SECOND, 1_000), 2);
  const { rate, search } = await findSustainedRate(
    url,
    Math.min(warmWrk.ratePerSecond, warmAutocannon.ratePerSecond),
    connections,
  );

  const rows: ToolRow[] = [
    { tool: 'wrk (Debian)', model: 'closed loop, 1 thread', runs: [] },
    { tool: 'autocannon', model: 'closed loop', runs: [] },
    { tool: 'groundwork load runner', model: `open loop at ${rate}/s`, runs: [] },
    { tool: 'autocannon at the same rate', model: `closed loop capped at ${rate}/s`, runs: [] },
  ];
  const [wrkRow, autocannonRow, oursRow, cappedRow] = rows as [ToolRow, ToolRow, ToolRow, ToolRow];
  for (let round = 1; round <= options.rounds; round++) {
    wrkRow.runs.push(await runWrkOnce(durationSeconds));
    autocannonRow.runs.push(await runAutocannonOnce(durationSeconds));
    oursRow.runs.push(await runOursOnce(rate, durationSeconds));
    cappedRow.runs.push(await runAutocannonOnce(durationSeconds, rate));
    console.log(
      `  (b) round ${round}: ${rows.map((row) => `${row.tool} ${Math.round(row.runs.at(-1)?.ratePerSecond ?? 0)}/s`).join(', ')}`,
    );
  }
  return { connections, durationSeconds, ourRate: rate, search, rows };
}

/** The run with the median achieved rate. */
function medianRun(runs: readonly ToolRun[]): ToolRun {
  const middle = median(runs.map((run) => run.ratePerSecond));
  const chosen = runs.find((run) => run.ratePerSecond === middle) ?? runs[0];
  if (!chosen) throw new Error('no runs to report');
  return chosen;
}

export function printToolComparison(comparison: ToolComparison): void {
  console.log(
    `\n(b) load generators against one trivial node:http server, ${comparison.connections} connections, ` +
      `${comparison.durationSeconds} s per run, the run with the median rate of ${comparison.rows[0]?.runs.length ?? 0}`,
  );
  console.log(`    our runner's rate search (hard limit ${MAX_LOAD_RATE_PER_SECOND}/s):`);
  for (const line of comparison.search) console.log(`      ${line}`);
  console.log('| tool | model | achieved req/s | p50 ms | p99 ms | errors | note |');
  console.log('|---|---|---:|---:|---:|---:|---|');
  for (const row of comparison.rows) {
    const run = medianRun(row.runs);
    console.log(
      `| ${row.tool} | ${row.model} | ${Math.round(run.ratePerSecond)} | ${run.p50Ms.toFixed(2)} | ${run.p99Ms.toFixed(2)} | ${run.errors} | ${run.invalid ? `INVALID: ${run.invalid}` : ''} |`,
    );
  }
  console.log(
    `    Coordinated omission: wrk and autocannon are closed loop, so when the server stalls they simply send
    less, and the time a request would have waited is never counted; their p99 describes the requests they
    chose to send. Ours keeps the clock's schedule and times each request from when it was due, so a stall is
    charged to every request that should have gone out. At full speed a closed-loop p99 is mostly the queue
    its own connections make. autocannon's rate mode "corrects" for this with an expected interval of
    ceil(1 / per-connection rate) = 1 ms whatever the rate (seconds mistaken for milliseconds), inventing
    samples; and it reports whole milliseconds. Our runner refuses rates past ${MAX_LOAD_RATE_PER_SECOND}/s by design: it
    loads learners' servers, and the suite needs 200/s.`,
  );
}
