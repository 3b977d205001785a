/**
 * bench/grading — how fast server-side grading drains a queue, and how it scales with worker processes.
 *
 *   npm run bench:grading
 *
 * On PostgreSQL (BENCH_DATABASE_URL's server, a scratch database): one API process, the url-shortener
 * reference solution, and BENCH_SUBMISSIONS (200) learners who each queue one submission of the
 * functional stages. Then one worker process drains the queue; then the learners queue again and two
 * worker processes drain it. Prints submissions per minute for each and the ratio, the time each job
 * waited in the backlog, and, with the workers idle, the enqueue-to-start latency of single submissions
 * (p50/p95). Everything runs on loopback, on servers this script started, and stops by itself.
 *
 * The listing stage is left out: its checks need the server's database to themselves (the spec says
 * so), and here up to 2 × GRADING_CONCURRENCY runs share one reference server at once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { findProject } from '@groundwork/projects';
import pg from 'pg';
import { buildCli, median } from '../lib/cpu';
import {
  CLI_BIN,
  createBenchUser,
  createScratchDatabase,
  type Started,
  spawnUntil,
  startGroundwork,
} from '../lib/processes';

const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 200);
const IDLE_SAMPLES = Number(process.env.BENCH_IDLE_SAMPLES ?? 30);
const CONCURRENCY = process.env.BENCH_GRADING_CONCURRENCY ?? '4';
const ADMIN_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// a drained queue has nothing left to take; a stuck one must not hold the bench forever
const DRAIN_TIMEOUT_MS = 20 * 60_000;

const project = findProject('url-shortener');
if (!project) throw new Error('the url-shortener project is missing');
const STAGES = project.stageIds.filter((id) => id !== 'performance' && id !== 'listing');

type Timing = { id: string; status: string; created: number; started: number; finished: number };

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function queueAll(api: string, tokens: readonly string[], target: string): Promise<string[]> {
  const ids: string[] = [];
  for (const token of tokens) {
    const response = await fetch(`${api}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ project: 'url-shortener', url: target, stages: STAGES }),
    });
    if (response.status !== 202)
      throw new Error(`submitting failed: ${response.status} ${await response.text()}`);
    ids.push(((await response.json()) as { id: string }).id);
  }
  return ids;
}

async function timingsOf(db: pg.Client, ids: readonly string[]): Promise<Timing[]> {
  const { rows } = await db.query<{
    id: string;
    status: string;
    created: Date;
    started: Date | null;
    finished: Date | null;
  }>(
    'select id, status, created_at as created, started_at as started, finished_at as finished from submissions where id = any($1)',
    [ids],
  );
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    created: row.created.getTime(),
    started: row.started?.getTime() ?? Number.NaN,
    finished: row.finished?.getTime() ?? Number.NaN,
  }));
}

async function waitForAll(db: pg.Client, ids: readonly string[]): Promise<Timing[]> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  for (;;) {
    const timings = await timingsOf(db, ids);
    if (timings.every((timing) => !['queued', 'running'].includes(timing.status))) return timings;
    if (Date.now() > deadline) throw new Error('the queue did not drain within 20 minutes');
    await sleep(250);
  }
}

function requireAllPassed(timings: readonly Timing[], label: string) {
  const failed = timings.filter((timing) => timing.status !== 'passed');
  if (failed.length > 0) {
    throw new Error(
      `${label}: ${failed.length} submissions did not pass (${failed[0]?.status}): the run is invalid`,
    );
  }
}

async function drain(
  label: string,
  workerCount: number,
  context: { api: string; tokens: readonly string[]; target: string; db: pg.Client; databaseUrl: string },
): Promise<{ perMinute: number; waits: number[]; runs: number[]; workers: Started[] }> {
  // the workers start first and wait idle, so what is measured is draining, not process start-up
  const workers: Started[] = [];
  for (let i = 0; i < workerCount; i += 1) {
    workers.push(
      await startGroundwork(
        {
          DATABASE_URL: context.databaseUrl,
          GRADING_CONCURRENCY: CONCURRENCY,
          GRADING_ALLOW_LOOPBACK: 'true',
        },
        [],
        ['serve', '--role', 'worker'],
      ),
    );
  }
  const ids = await queueAll(context.api, context.tokens, context.target);
  const timings = await waitForAll(context.db, ids);
  requireAllPassed(timings, label);
  // from the first submission queued to the last one finished; queueing all of them takes a few
  // seconds, far less than draining them, so the workers are never starved for long
  const firstCreated = Math.min(...timings.map((timing) => timing.created));
  const lastFinished = Math.max(...timings.map((timing) => timing.finished));
  const elapsedMs = Math.max(1, lastFinished - firstCreated);
  const perMinute = (ids.length / elapsedMs) * 60_000;
  console.log(
    `  ${label}: ${ids.length} submissions in ${(elapsedMs / 1000).toFixed(1)} s = ${perMinute.toFixed(1)} per minute`,
  );
  return {
    perMinute,
    waits: timings.map((timing) => timing.started - timing.created),
    runs: timings.map((timing) => timing.finished - timing.started),
    workers,
  };
}

/** With the workers idle, one submission at a time: how long until a worker starts it. */
async function sampleIdleLatency(context: {
  api: string;
  tokens: readonly string[];
  target: string;
  db: pg.Client;
}) {
  const latencies: number[] = [];
  for (const token of context.tokens.slice(0, IDLE_SAMPLES)) {
    const [id] = await queueAll(context.api, [token], context.target);
    if (!id) throw new Error('no submission id');
    const [timing] = await waitForAll(context.db, [id]);
    if (!timing) throw new Error('no timing');
    latencies.push(timing.started - timing.created);
  }
  return latencies;
}

buildCli(new URL('../..', import.meta.url).pathname);
console.log(
  `bench/grading: ${SUBMISSIONS} url-shortener submissions (stages: ${STAGES.join(', ')}), GRADING_CONCURRENCY=${CONCURRENCY} per worker, PostgreSQL, Node ${process.version}`,
);
const scratch = await createScratchDatabase(ADMIN_DATABASE_URL);
const db = new pg.Client({ connectionString: scratch.url });
const processes: Started[] = [];
try {
  const api = await startGroundwork(
    {
      DATABASE_URL: scratch.url,
      SUBMISSIONS_PER_HOUR: '1000',
      // the reference solution runs on this machine; a real deployment grades public addresses only
      GRADING_ALLOW_LOOPBACK: 'true',
    },
    [],
    ['serve', '--role', 'api'],
  );
  processes.push(api);
  const reference = await spawnUntil(
    process.execPath,
    [CLI_BIN, 'reference', 'url-shortener', '--port', '0'],
    /reference solution at (http:\/\/[\d.:]+)/,
  );
  processes.push(reference);
  await db.connect();
  const tokens: string[] = [];
  for (let i = 0; i < SUBMISSIONS; i += 1) tokens.push(await createBenchUser(api.url));
  const context = { api: api.url, tokens, target: reference.url, db, databaseUrl: scratch.url };

  const one = await drain('1 worker process ', 1, context);
  for (const worker of one.workers) await worker.stop();
  const two = await drain('2 worker processes', 2, context);
  processes.push(...two.workers);
  const idle = await sampleIdleLatency(context);

  const ms = (value: number) => `${Math.round(value)} ms`;
  console.log('\n| measurement | value |');
  console.log('|---|---:|');
  console.log(`| 1 worker: submissions per minute | ${one.perMinute.toFixed(1)} |`);
  console.log(`| 2 workers: submissions per minute | ${two.perMinute.toFixed(1)} |`);
  console.log(`| ratio, 2 workers to 1 | ${(two.perMinute / one.perMinute).toFixed(2)} |`);
  console.log(
    `| backlog wait, 1 worker: p50 / p95 | ${ms(percentile(one.waits, 50))} / ${ms(percentile(one.waits, 95))} |`,
  );
  console.log(
    `| backlog wait, 2 workers: p50 / p95 | ${ms(percentile(two.waits, 50))} / ${ms(percentile(two.waits, 95))} |`,
  );
  console.log(
    `| enqueue-to-start, idle workers (${idle.length} single submissions): p50 / p95 | ${ms(percentile(idle, 50))} / ${ms(percentile(idle, 95))} |`,
  );
  console.log(
    `| one run, start to finish: median, 1 worker / 2 workers | ${ms(median(one.runs))} / ${ms(median(two.runs))} |`,
  );
} finally {
  for (const started of processes.reverse()) await started.stop();
  await db.end().catch(() => {});
  await scratch.drop();
}
