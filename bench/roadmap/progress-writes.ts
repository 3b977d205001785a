import { Pool } from 'undici';

export type WriteLoadResult = {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses other than 200, and requests that got no response. */
  failures: number;
};

const STATUSES = ['learning', 'done', 'skipped', 'todo'] as const;

/**
 * Progress writes from concurrent learners, closed loop: one worker per user, each sending its next
 * `PUT /api/progress/topics/{id}` as soon as the last one answered, cycling through the topics (a full
 * cycle moves every topic to the next status, so each write is a real change with an event). Bounded: it
 * stops at the deadline or after `maxRequests`, whichever comes first, and talks only to `baseUrl`.
 */
export async function driveProgressWrites(
  baseUrl: string,
  options: {
    tokens: readonly string[];
    topicIds: readonly string[];
    durationSeconds: number;
    maxRequests: number;
  },
): Promise<WriteLoadResult> {
  const { tokens, topicIds } = options;
  const pool = new Pool(baseUrl, { connections: tokens.length, pipelining: 1 });
  const latencies: number[] = [];
  let sent = 0;
  let failures = 0;
  const startedAt = performance.now();
  const deadline = startedAt + options.durationSeconds * 1000;
  try {
    await Promise.all(
      tokens.map(async (token, user) => {
        // each user starts at a different topic, so the users do not march in step
        for (let step = user * 7; performance.now() < deadline && sent < options.maxRequests; step++) {
          sent += 1;
          const topicId = topicIds[step % topicIds.length];
          const status = STATUSES[Math.floor(step / topicIds.length) % STATUSES.length];
          const requestStarted = performance.now();
          try {
            const response = await pool.request({
              method: 'PUT',
              path: `/api/progress/topics/${topicId}`,
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ status }),
            });
            await response.body.dump();
            if (response.statusCode !== 200) failures += 1;
          } catch {
            failures += 1;
          }
          latencies.push(performance.now() - requestStarted);
        }
      }),
    );
  } finally {
    await pool.close();
  }
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / elapsedSeconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    failures,
  };
}

/** Nearest-rank percentile of sorted values, rounded to 0.01 ms. */
function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 100) / 100;
}
