/**
 * bench/api — what the platform costs per request, against bare Fastify measured in the same run.
 *
 *   npm run bench:api
 *
 * Builds the CLI, starts a bare Fastify hello-world and Groundwork (embedded PGlite, then PostgreSQL at
 * BENCH_DATABASE_URL or the local test database) as separate processes, drives /healthz and an
 * authenticated GET /api/me (bearer token) with autocannon, and prints each ratio to the bare server.
 * All servers run for the whole bench and the rounds are interleaved; each figure is the median of
 * BENCH_ROUNDS runs. Goal: the authenticated read at >= 0.5 of bare
 * Fastify on PostgreSQL.
 *
 * Each server's CPU time per request is measured too (from /proc, on Linux). On a machine shared with
 * other work, throughput swings with whatever else runs; the CPU a request costs hardly does, so its
 * ratio is the steadier figure of how much the platform costs over bare Fastify.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CpuLoadResult, drive, driveMeasuringCpu, medianCpu } from '../lib/autocannon';
import { buildCli, median, planCpuPinning } from '../lib/cpu';
import {
  createBenchUser,
  createScratchDatabase,
  REPO_ROOT,
  spawnUntil,
  startGroundwork,
} from '../lib/processes';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ADMIN_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const GOAL = 0.5;

type Run = CpuLoadResult;
type Target = {
  name: string;
  url: string;
  headers: Record<string, string>;
  pid: number | undefined;
  runs: Run[];
};

/** One bounded load run, with the CPU the server spent on it. */
function measure(target: Target): Promise<Run> {
  return driveMeasuringCpu(target.url, target.pid, {
    headers: target.headers,
    durationSeconds: DURATION_S,
    connections: CONNECTIONS,
  });
}

buildCli(REPO_ROOT);
const pinning = planCpuPinning();
console.log(
  `bench/api: ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${DURATION_S} s (median), Node ${process.version}; ${pinning.description}`,
);

// every server runs for the whole bench and the rounds go round-robin, so a slow patch of the machine
// hits all targets alike instead of whichever happened to be measured last
const dataDir = mkdtempSync(join(tmpdir(), 'groundwork-bench-'));
const scratch = await createScratchDatabase(ADMIN_DATABASE_URL);
const bare = await spawnUntil(
  process.execPath,
  ['--import', 'tsx', join(import.meta.dirname, 'bare-server.ts')],
  /bare fastify at (http:\/\/[\d.:]+)/,
  {},
  pinning.serverPrefix,
);
const pglite = await startGroundwork({ GROUNDWORK_DATA_DIR: dataDir }, pinning.serverPrefix);
const postgres = await startGroundwork({ DATABASE_URL: scratch.url }, pinning.serverPrefix);
try {
  const targets: Target[] = [
    { name: 'bare Fastify GET /', url: bare.url, headers: {}, pid: bare.child.pid, runs: [] },
  ];
  for (const [label, server] of [
    ['PGlite', pglite],
    ['PostgreSQL', postgres],
  ] as const) {
    const token = await createBenchUser(server.url);
    const pid = server.child.pid;
    targets.push({ name: `${label} GET /healthz`, url: `${server.url}/healthz`, headers: {}, pid, runs: [] });
    targets.push({
      name: `${label} GET /api/me (bearer)`,
      url: `${server.url}/api/me`,
      headers: { authorization: `Bearer ${token}` },
      pid,
      runs: [],
    });
  }
  for (const target of targets)
    await drive(target.url, { headers: target.headers, durationSeconds: 2, connections: CONNECTIONS });
  for (let round = 1; round <= ROUNDS; round++) {
    for (const target of targets) {
      const result = await measure(target);
      if (result.errors > 0 || result.non2xx > 0) {
        throw new Error(
          `${target.name}: ${result.errors} errors, ${result.non2xx} non-2xx responses: the measurement is invalid`,
        );
      }
      target.runs.push(result);
    }
    console.log(
      `  round ${round}: ${targets.map((t) => `${t.name} ${Math.round(t.runs.at(-1)?.requestsPerSecond ?? 0)}`).join(', ')}`,
    );
  }

  const medianRun = (runs: Run[]) => {
    const middle = median(runs.map((run) => run.requestsPerSecond));
    return runs.find((run) => run.requestsPerSecond === middle) ?? (runs[0] as Run);
  };
  const baseline = medianRun(targets[0]?.runs ?? []).requestsPerSecond;
  const baselineCpu = medianCpu(targets[0]?.runs ?? []);
  console.log(
    '\n| measurement | req/s (median) | p50 ms | p99 ms | ratio to bare | CPU µs/request (median) | ratio to bare by CPU |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  const ratios = new Map<string, { throughput: number; cpu: number | undefined }>();
  for (const target of targets) {
    const chosen = medianRun(target.runs);
    const ratio = chosen.requestsPerSecond / baseline;
    const cpu = medianCpu(target.runs);
    const cpuRatio = cpu !== undefined && baselineCpu !== undefined ? baselineCpu / cpu : undefined;
    ratios.set(target.name, { throughput: ratio, cpu: cpuRatio });
    console.log(
      `| ${target.name} | ${Math.round(chosen.requestsPerSecond)} | ${chosen.p50Ms} | ${chosen.p99Ms} | ${ratio.toFixed(2)} | ${cpu?.toFixed(0) ?? 'n/a'} | ${cpuRatio?.toFixed(2) ?? 'n/a'} |`,
    );
  }
  const goal = ratios.get('PostgreSQL GET /api/me (bearer)');
  const verdict = (value: number | undefined) =>
    value === undefined ? 'n/a' : `${value.toFixed(2)} (${value >= GOAL ? 'met' : 'NOT met'})`;
  console.log(
    `\nGoal: authenticated read on PostgreSQL >= ${GOAL} of bare Fastify: ${verdict(goal?.throughput)} by throughput, ${verdict(goal?.cpu)} by CPU per request`,
  );
} finally {
  await Promise.all([bare.stop(), pglite.stop(), postgres.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
  await scratch.drop();
}
