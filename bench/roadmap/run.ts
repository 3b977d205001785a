/**
 * bench/roadmap — roadmap reads against bare Fastify, and progress writes from many learners at once.
 *
 *   npm run bench:roadmap
 *
 * Builds the CLI and starts Groundwork on PostgreSQL (a scratch database at BENCH_DATABASE_URL or the
 * local test database) and a bare Fastify that serves the very bytes of GET /api/roadmap with the same
 * ETag logic, pinned to a core of their own.
 * (a) Reads: plain GET /api/roadmap (200, ~90 kB) and revalidation with If-None-Match (304) against both
 *     servers with autocannon, in BENCH_ROUNDS rounds; each round runs the two servers back to back (in
 *     alternating order), so a ratio compares runs that shared the machine's load at that moment. A figure
 *     is the median over rounds. Goal: Groundwork's revalidated read >= 0.7 of bare Fastify's throughput.
 *     Beside throughput it reports the server's CPU time per request (Linux /proc), which the other work
 *     on a shared machine disturbs far less.
 * (b) Writes: BENCH_USERS learners (50), each signed up with a token of their own, PUT their status on
 *     topic after topic, closed loop, for BENCH_WRITE_DURATION_S per round: throughput, p50 and p99.
 * Every load stops by itself and targets only the servers this bench started.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CpuLoadResult, drive, driveMeasuringCpu, medianCpu } from '../lib/autocannon';
import { buildCli, median, planCpuPinning } from '../lib/cpu';
import {
  createBenchUser,
  createScratchDatabase,
  REPO_ROOT,
  type Started,
  spawnUntil,
  startGroundwork,
} from '../lib/processes';
import { driveProgressWrites, type WriteLoadResult } from './progress-writes';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const USERS = Number(process.env.BENCH_USERS ?? 50);
const WRITE_DURATION_S = Number(process.env.BENCH_WRITE_DURATION_S ?? 8);
const MAX_WRITES_PER_ROUND = 500_000;
const ADMIN_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const GOAL = 0.7;

type ReadRun = CpuLoadResult;

type ReadTarget = {
  name: string;
  kind: '200' | '304';
  server: 'bare' | 'groundwork';
  pid: number | undefined;
  url: string;
  headers: Record<string, string>;
  runs: ReadRun[];
};

buildCli(REPO_ROOT);
const pinning = planCpuPinning();
console.log(
  `bench/roadmap: reads with ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${DURATION_S} s (median); ` +
    `writes from ${USERS} users, ${ROUNDS} rounds of ${WRITE_DURATION_S} s; Node ${process.version}; ${pinning.description}`,
);

const workDir = mkdtempSync(join(tmpdir(), 'groundwork-bench-roadmap-'));
const scratch = await createScratchDatabase(ADMIN_DATABASE_URL);
let groundwork: Started | undefined;
let bare: Started | undefined;
try {
  groundwork = await startGroundwork({ DATABASE_URL: scratch.url }, pinning.serverPrefix);
  const served = await fetch(`${groundwork.url}/api/roadmap`);
  const etag = served.headers.get('etag');
  if (served.status !== 200 || !etag) throw new Error(`GET /api/roadmap answered ${served.status}`);
  const body = Buffer.from(await served.arrayBuffer());
  const bodyFile = join(workDir, 'roadmap.json');
  writeFileSync(bodyFile, body);
  bare = await spawnUntil(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'bare-server.ts'), bodyFile],
    /bare roadmap at (http:\/\/[\d.:]+)/,
    {},
    pinning.serverPrefix,
  );
  const bareEtag = (await fetch(`${bare.url}/api/roadmap`, { method: 'HEAD' })).headers.get('etag');
  if (bareEtag !== etag) throw new Error(`the bare server's ETag ${bareEtag} differs from ${etag}`);

  const reads = await measureReads([
    {
      name: 'bare Fastify, 200',
      kind: '200',
      server: 'bare',
      pid: bare.child.pid,
      url: `${bare.url}/api/roadmap`,
      headers: {},
      runs: [],
    },
    {
      name: 'Groundwork, 200',
      kind: '200',
      server: 'groundwork',
      pid: groundwork.child.pid,
      url: `${groundwork.url}/api/roadmap`,
      headers: {},
      runs: [],
    },
    {
      name: 'bare Fastify, 304',
      kind: '304',
      server: 'bare',
      pid: bare.child.pid,
      url: `${bare.url}/api/roadmap`,
      headers: { 'if-none-match': etag },
      runs: [],
    },
    {
      name: 'Groundwork, 304',
      kind: '304',
      server: 'groundwork',
      pid: groundwork.child.pid,
      url: `${groundwork.url}/api/roadmap`,
      headers: { 'if-none-match': etag },
      runs: [],
    },
  ]);
  const writes = await measureWrites(groundwork.url, body);
  printReport(reads, writes, body.length);
} finally {
  await Promise.all([bare?.stop(), groundwork?.stop()]);
  rmSync(workDir, { recursive: true, force: true });
  await scratch.drop();
}

async function measureReads(targets: ReadTarget[]): Promise<ReadTarget[]> {
  for (const target of targets)
    await drive(target.url, { headers: target.headers, durationSeconds: 2, connections: CONNECTIONS });
  for (let round = 1; round <= ROUNDS; round++) {
    // who goes first alternates, so neither server always meets the machine just after the other's load
    const order = round % 2 === 1 ? targets : pairSwapped(targets);
    for (const target of order) target.runs.push(await measureRead(target));
    console.log(
      `  reads round ${round}: ${targets.map((t) => `${t.name} ${Math.round(t.runs.at(-1)?.requestsPerSecond ?? 0)}`).join(', ')}`,
    );
  }
  return targets;
}

/** [a, b, c, d] -> [b, a, d, c]: the same pairs of servers, the other one first. */
function pairSwapped<T>(items: readonly T[]): T[] {
  return items.map((_, index) => items[index % 2 === 0 ? index + 1 : index - 1] as T);
}

async function measureRead(target: ReadTarget): Promise<ReadRun> {
  const result = await driveMeasuringCpu(target.url, target.pid, {
    headers: target.headers,
    durationSeconds: DURATION_S,
    connections: CONNECTIONS,
    counted: (run) => run.statusCodes[target.kind] ?? 0,
  });
  const unexpected = Object.keys(result.statusCodes).filter((status) => status !== target.kind);
  if (result.errors > 0 || unexpected.length > 0) {
    throw new Error(
      `${target.name}: ${result.errors} errors, statuses ${JSON.stringify(result.statusCodes)}: the measurement is invalid`,
    );
  }
  return result;
}

async function measureWrites(baseUrl: string, roadmapBody: Buffer): Promise<WriteLoadResult[]> {
  const topicIds = (JSON.parse(roadmapBody.toString('utf8')) as { topics: { id: string }[] }).topics.map(
    (topic) => topic.id,
  );
  const tokens: string[] = [];
  for (let user = 0; user < USERS; user++) tokens.push(await createBenchUser(baseUrl));
  await driveProgressWrites(baseUrl, {
    tokens,
    topicIds,
    durationSeconds: 2,
    maxRequests: MAX_WRITES_PER_ROUND,
  });
  const runs: WriteLoadResult[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const result = await driveProgressWrites(baseUrl, {
      tokens,
      topicIds,
      durationSeconds: WRITE_DURATION_S,
      maxRequests: MAX_WRITES_PER_ROUND,
    });
    if (result.failures > 0)
      throw new Error(`progress writes: ${result.failures} failed: the measurement is invalid`);
    runs.push(result);
    console.log(
      `  writes round ${round}: ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`,
    );
  }
  return runs;
}

function medianRun<T extends { requestsPerSecond: number }>(runs: readonly T[]): T {
  const middle = median(runs.map((run) => run.requestsPerSecond));
  const chosen = runs.find((run) => run.requestsPerSecond === middle) ?? runs[0];
  if (!chosen) throw new Error('no runs to report');
  return chosen;
}

function printReport(reads: readonly ReadTarget[], writes: readonly WriteLoadResult[], bodyBytes: number) {
  console.log(`\nRoadmap reads (GET /api/roadmap, ${Math.round(bodyBytes / 1024)} kB body)`);
  console.log(
    '| measurement | req/s (median) | p50 ms | p99 ms | ratio to bare | server CPU µs/req | CPU ratio to bare |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  const ratios = new Map<string, { throughput: number; cpu: number | undefined }>();
  for (const target of reads) {
    const chosen = medianRun(target.runs);
    const baseline = reads.find((other) => other.server === 'bare' && other.kind === target.kind) ?? target;
    // each round's pair shared the machine's load at that moment: compare within rounds, then take the median
    const throughput = median(
      target.runs.map((run, round) => run.requestsPerSecond / (baseline.runs[round]?.requestsPerSecond ?? 1)),
    );
    const cpuUs = medianCpu(target.runs);
    const baselineCpuUs = medianCpu(baseline.runs);
    // bare CPU per request over ours: the share of bare Fastify's capacity we would reach on an idle core
    const cpu = cpuUs === undefined || baselineCpuUs === undefined ? undefined : baselineCpuUs / cpuUs;
    ratios.set(`${target.server} ${target.kind}`, { throughput, cpu });
    console.log(
      `| ${target.name} | ${Math.round(chosen.requestsPerSecond)} | ${chosen.p50Ms} | ${chosen.p99Ms} | ${throughput.toFixed(2)} | ${cpuUs?.toFixed(1) ?? 'n/a'} | ${cpu?.toFixed(2) ?? 'n/a'} |`,
    );
  }
  const write = medianRun(writes);
  console.log(`\nProgress writes (PUT /api/progress/topics/{id}, PostgreSQL, ${USERS} concurrent users)`);
  console.log('| requests | req/s (median run) | p50 ms | p99 ms |');
  console.log('|---:|---:|---:|---:|');
  console.log(
    `| ${write.requests} | ${Math.round(write.requestsPerSecond)} | ${write.p50Ms} | ${write.p99Ms} |`,
  );
  const goal = ratios.get('groundwork 304');
  const throughput = goal?.throughput ?? 0;
  const cpu = goal?.cpu === undefined ? '' : `; by server CPU per request: ${goal.cpu.toFixed(2)}`;
  console.log(
    `\nGoal: revalidated roadmap read (304) >= ${GOAL} of bare Fastify's throughput: ${throughput.toFixed(2)} (${throughput >= GOAL ? 'met' : 'NOT met'})${cpu}`,
  );
}
