/**
 * bench/grader — what the grader costs over plain HTTP, and how true its load runner is.
 *
 *   npm run bench:grader        (needs wrk: sudo apt-get install -y wrk)
 *
 * (a) The url-shortener suite without its load stage, against its reference solution, timed against a plain
 *     undici script replaying the very requests the suite made (recorded from undici's diagnostics channels
 *     in a run with a fixed seed), in sequence and with the suite's concurrent bursts kept. Every run gets a
 *     fresh, empty reference instance; the median of BENCH_SUITE_ROUNDS (5). Goal: ≤ 1.5×.
 * (b) Our load runner, autocannon and wrk at the same connections (BENCH_CONNECTIONS, 32) and duration
 *     (BENCH_DURATION_S, 6 s) against one trivial server: achieved rate, p50 and p99 of each.
 *     The median of BENCH_ROUNDS (3).
 * (c) Our runner at 200 requests/s for 5 s against a server that answers after exactly 20 ms, after a 5 s
 *     warm-up: p50 and p99 against the true 20 ms, the median of BENCH_ACCURACY_ROUNDS (5). Goal: within 10%.
 * (d) With --fan-out, only this part (no wrk needed): one sender and 50 receivers on a loopback WebSocket relay
 *     that forwards each frame at once and, in two more relays, after exactly 20 ms and 50 ms; 100 messages/s
 *     (BENCH_FAN_OUT_RATE) for 4 s (BENCH_FAN_OUT_DURATION_S), timed by our fan-out runner and by bare ws
 *     clients in the same run: p50 and p99 of each and their ratio, the median of BENCH_FAN_OUT_ROUNDS (3).
 *     Goal: within 10% of each relay's delay; the bare clients' excess is the loopback's own share.
 *       npm run bench:grader -- --fan-out
 * For (a) and (b), servers run in processes of their own on core 1 and the load generators on core 0 (when
 * there are two; BENCH_PIN=0 leaves both to the scheduler, which copes better on a machine busy with other
 * work). (c) is never pinned: see releaseCpuPinning.
 * Everything is on loopback, targets only servers this bench started, and stops by itself.
 */
import { join } from 'node:path';
import { planCpuPinning, releaseCpuPinning } from '../lib/cpu';
import { type Started, spawnUntil } from '../lib/processes';
import { measureAccuracy, printAccuracy, TRUE_LATENCY_MS } from './accuracy';
import { compareFanOut, printFanOut } from './fan-out';
import { compareLoadTools, printToolComparison } from './load-tools';
import { printSuiteTiming, timeSuiteAgainstReplay } from './suite-timing';
import { hasWrk, WRK_INSTALL_HINT } from './wrk';

const SUITE_GOAL = 1.5;
const ACCURACY_GOAL_PERCENT = 10;
const ACCURACY_RATE_PER_SECOND = 200;
const ACCURACY_DURATION_MS = 5_000;
const ACCURACY_CONNECTIONS = 64;
// 20 ms, a quick relay; 50 ms, the chat fan-out stage's own p50 limit, where its verdict turns
const FAN_OUT_DELAYS_MS = [20, 50];

function readCount(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    console.error(`${name} must be a whole number from 1 to ${max}, not ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return value;
}

const SUITE_ROUNDS = readCount('BENCH_SUITE_ROUNDS', 5, 50);
const ROUNDS = readCount('BENCH_ROUNDS', 3, 20);
const ACCURACY_ROUNDS = readCount('BENCH_ACCURACY_ROUNDS', 5, 20);
// at most 20 s: at the runner's top rate that is its 100 000-request cap
const DURATION_S = readCount('BENCH_DURATION_S', 6, 20);
const CONNECTIONS = readCount('BENCH_CONNECTIONS', 32, 64);

if (process.argv.includes('--fan-out')) {
  const settings = {
    ratePerSecond: readCount('BENCH_FAN_OUT_RATE', 100, 1_000),
    durationMs: readCount('BENCH_FAN_OUT_DURATION_S', 4, 20) * 1000,
    rounds: readCount('BENCH_FAN_OUT_ROUNDS', 3, 20),
  };
  console.log(
    `bench/grader --fan-out: ${settings.rounds} rounds per relay; Node ${process.version}; not pinned`,
  );
  printFanOut(await compareFanOut([0, ...FAN_OUT_DELAYS_MS], settings), settings);
  process.exit(0);
}

if (!hasWrk()) {
  console.error(WRK_INSTALL_HINT);
  process.exit(1);
}

function startDelayServer(delayMs: number, prefix: string[]): Promise<Started> {
  return spawnUntil(
    process.execPath,
    // V8 scavenges young objects with helper threads, and the pause lasts until they have had a core; with
    // the load generator busy on the other core, that stretched the delay server's pauses past a
    // millisecond, which showed as holds longer than DELAY_MS. One thread keeps them short.
    [
      '--single-threaded-gc',
      '--import',
      'tsx',
      join(import.meta.dirname, 'delay-server.ts'),
      String(delayMs),
    ],
    /delay server \(\d+ ms\) at (http:\/\/[\d.:]+)/,
    {},
    prefix,
  );
}

// pinning is right on a quiet machine; on one shared with other work it can leave a process queued
// behind a busy core while the other is free, hence the way out
const pinning =
  process.env.BENCH_PIN === '0'
    ? { serverPrefix: [], description: 'not pinned (BENCH_PIN=0)' }
    : planCpuPinning();
console.log(
  `bench/grader: suite ${SUITE_ROUNDS} rounds; load tools ${ROUNDS} rounds of ${DURATION_S} s at ${CONNECTIONS} connections; ` +
    `accuracy ${ACCURACY_ROUNDS} rounds; Node ${process.version}; ${pinning.description} for (a) and (b), (c) not pinned`,
);

const timing = await timeSuiteAgainstReplay(SUITE_ROUNDS, pinning.serverPrefix);
let server: Started | undefined;
try {
  server = await startDelayServer(0, pinning.serverPrefix);
  const comparison = await compareLoadTools(server.url, {
    connections: CONNECTIONS,
    durationSeconds: DURATION_S,
    rounds: ROUNDS,
  });
  await server.stop();
  releaseCpuPinning();
  server = await startDelayServer(TRUE_LATENCY_MS, []);
  const accuracy = await measureAccuracy(server.url, {
    ratePerSecond: ACCURACY_RATE_PER_SECOND,
    durationMs: ACCURACY_DURATION_MS,
    connections: ACCURACY_CONNECTIONS,
    rounds: ACCURACY_ROUNDS,
  });
  printSuiteTiming(timing, SUITE_GOAL);
  printToolComparison(comparison);
  printAccuracy(accuracy, ACCURACY_GOAL_PERCENT);
} finally {
  await server?.stop();
}
