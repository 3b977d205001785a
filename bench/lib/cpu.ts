import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';

/**
 * On a machine with at least two cores, pins the bench itself (the load generator) to core 0 and the
 * servers under test to core 1, so the two never fight over a core and the ratios compare servers, not
 * scheduling luck. Without taskset (not Linux), nothing is pinned and the report says so.
 */
export function planCpuPinning(): { serverPrefix: string[]; description: string } {
  const hasTaskset = spawnSync('taskset', ['--version']).status === 0;
  if (!hasTaskset || availableParallelism() < 2) {
    return { serverPrefix: [], description: 'not pinned (taskset or a second core unavailable)' };
  }
  spawnSync('taskset', ['-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
  return { serverPrefix: ['taskset', '-c', '1'], description: 'load generator on core 0, server on core 1' };
}

/**
 * Lets this process's main thread run on every core again. Pinning suits throughput comparisons, but it
 * hurts timing accuracy: a process pinned whole to one core has V8's compiler and collector threads
 * preempting its main thread there, while an unpinned one leaves them the other core.
 */
export function releaseCpuPinning(): void {
  spawnSync('taskset', ['-p', '-c', `0-${cpus().length - 1}`, String(process.pid)], { stdio: 'ignore' });
}

/** Rebuilds the CLI bundle, so a bench never measures a stale build. */
export function buildCli(repoRoot: string): void {
  const result = spawnSync('npm', ['run', 'build', '--workspace', '@groundwork/cli', '--silent'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('building the CLI failed');
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
