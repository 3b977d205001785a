import autocannon from 'autocannon';
import { median } from './cpu';
import { readProcessCpuMs } from './process-cpu';

export type LoadResult = {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  /** Responses per status code, e.g. `{ '304': 51234 }`, for runs that expect something other than 2xx. */
  statusCodes: Record<string, number>;
};

/**
 * Drives one URL with autocannon for a fixed time (bounded: it stops by itself) and returns throughput and
 * latency. Closed loop unless `overallRate` caps the requests per second. Used only against servers the
 * bench started, on loopback.
 */
export async function drive(
  url: string,
  options: {
    headers?: Record<string, string>;
    durationSeconds: number;
    connections: number;
    overallRate?: number;
  },
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    headers: options.headers ?? {},
    connections: options.connections,
    duration: options.durationSeconds,
    pipelining: 1,
    ...(options.overallRate === undefined ? {} : { overallRate: options.overallRate }),
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, stats.count ?? 0]),
    ),
  };
}

/** A load run with the server's CPU time per response, in microseconds (undefined without /proc). */
export type CpuLoadResult = LoadResult & { cpuMicrosPerRequest: number | undefined };

/** The median CPU per request of several runs; undefined unless every run could measure it. */
export function medianCpu(runs: readonly CpuLoadResult[]): number | undefined {
  const values = runs.flatMap((run) =>
    run.cpuMicrosPerRequest === undefined ? [] : [run.cpuMicrosPerRequest],
  );
  return values.length === runs.length && values.length > 0 ? median(values) : undefined;
}

/**
 * {@link drive}, plus the CPU the server process `pid` spent per counted response, in microseconds
 * (undefined off Linux). `counted` picks the responses that count, e.g. only the 304s of a revalidation run.
 */
export async function driveMeasuringCpu(
  url: string,
  pid: number | undefined,
  options: Parameters<typeof drive>[1] & { counted?: (result: LoadResult) => number },
): Promise<CpuLoadResult> {
  const cpuBefore = readProcessCpuMs(pid);
  const result = await drive(url, options);
  const cpuAfter = readProcessCpuMs(pid);
  const responses = options.counted
    ? options.counted(result)
    : Object.values(result.statusCodes).reduce((sum, count) => sum + count, 0);
  const cpuMicrosPerRequest =
    cpuBefore === undefined || cpuAfter === undefined || responses === 0
      ? undefined
      : ((cpuAfter - cpuBefore) * 1000) / responses;
  return { ...result, cpuMicrosPerRequest };
}
