/**
 * bench/auth-timing — is the auth-system's log-in timing check fair and sharp?
 *
 *   npm run bench:auth-timing            (BENCH_TIMING_RUNS, 20 by default)
 *
 * Runs the `login-timing` check alone BENCH_TIMING_RUNS times against the reference solution (it must
 * never fail: a false verdict on a correct server) and as many times against the reference with the
 * `login-fast-path-unknown-email` fault (it must always fail), each run with its own seed, so its own
 * users. Both references run in processes of their own; nothing is pinned, since the goal is a verdict
 * that holds on a busy machine. Prints each verdict with its medians and the counts. Loopback only.
 */
import { defineStage, defineSuite, runSuite } from '@groundwork/grader';
import { loginTiming } from '../../projects/auth-system/stages';
import { startReferenceProcess } from '../../projects/kit/testing/reference-process';

const FAST_PATH_FAULT = 'login-fast-path-unknown-email';
const runs = Number(process.env.BENCH_TIMING_RUNS ?? 20);
if (!Number.isInteger(runs) || runs < 1 || runs > 500) {
  console.error(
    `BENCH_TIMING_RUNS must be a whole number from 1 to 500, not ${process.env.BENCH_TIMING_RUNS}`,
  );
  process.exit(2);
}

const timingSuite = defineSuite({
  project: { slug: 'auth-system', title: 'Authentication system (timing only)' },
  readinessPath: '/health',
  stages: [
    defineStage({
      id: 'security',
      title: 'Log-in timing',
      difficulty: 'advanced',
      topics: [loginTiming.topic],
      checks: [loginTiming],
    }),
  ],
});

async function gradeTimes(
  label: string,
  fault: string | undefined,
): Promise<{ passed: number; failed: number }> {
  const reference = await startReferenceProcess('auth-system', fault);
  const counts = { passed: 0, failed: 0 };
  try {
    for (let i = 1; i <= runs; i++) {
      const started = Date.now();
      const run = runSuite(timingSuite, { target: reference.url, seed: 7_000 + i });
      const medians: string[] = [];
      for await (const event of run.events) {
        if (event.type === 'metric')
          medians.push(`${event.name.replace('login-', '')} ${event.value.toFixed(1)} ms`);
      }
      const outcome = (await run.report).stages[0]?.checks[0]?.outcome;
      const status = outcome?.status ?? 'missing';
      if (status === 'pass') counts.passed++;
      else counts.failed++;
      console.log(
        `${label} #${String(i).padStart(2)}: ${status.padEnd(5)} ${medians.join(', ')} (${Date.now() - started} ms)`,
      );
    }
  } finally {
    await reference.close();
  }
  return counts;
}

const clean = await gradeTimes('reference ', undefined);
const fastPath = await gradeTimes('fast path ', FAST_PATH_FAULT);
console.log('');
console.log(
  `reference:                     ${clean.passed}/${runs} passed, ${clean.failed} false failures (goal: 0)`,
);
console.log(`${FAST_PATH_FAULT}: ${fastPath.failed}/${runs} caught, ${fastPath.passed} missed (goal: 0)`);
process.exitCode = clean.failed === 0 && fastPath.passed === 0 ? 0 : 1;
