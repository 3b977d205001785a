import autocannon from 'autocannon';

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
