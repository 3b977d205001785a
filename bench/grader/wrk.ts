// wrk (Debian's package): a closed-loop load generator in C, one of the baselines for our load runner.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const WRK_INSTALL_HINT =
  'wrk is not installed. On Debian or Ubuntu: sudo apt-get install -y wrk (then run the bench again).';
const REPORT_SCRIPT = join(import.meta.dirname, 'wrk-report.lua');
const REPORT_LINE = /groundwork-wrk requests=(\d+) duration_us=(\d+) p50_us=(\d+) p99_us=(\d+) errors=(\d+)/;
const EXIT_GRACE_MS = 10_000;

export interface WrkResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

export function hasWrk(): boolean {
  return spawnSync('sh', ['-c', 'command -v wrk'], { stdio: 'ignore' }).status === 0;
}

/**
 * Runs wrk with one thread (the load generator has one core) for a fixed time; it stops by itself, and
 * is killed if it has not a few seconds after it should have.
 */
export function runWrk(
  url: string,
  options: { connections: number; durationSeconds: number; timeoutSeconds: number },
): Promise<WrkResult> {
  const args = [
    '-t1',
    `-c${options.connections}`,
    `-d${options.durationSeconds}s`,
    `--timeout=${options.timeoutSeconds}s`,
    '-s',
    REPORT_SCRIPT,
    url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), options.durationSeconds * 1000 + EXIT_GRACE_MS);
    child.once('error', (error) => {
      clearTimeout(killer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(killer);
      const match = REPORT_LINE.exec(output);
      if (code !== 0 || !match) {
        reject(new Error(`wrk exited with ${code}:\n${output}`));
        return;
      }
      const [requests, durationUs, p50Us, p99Us, errors] = match.slice(1).map(Number) as [
        number,
        number,
        number,
        number,
        number,
      ];
      resolve({
        requests,
        requestsPerSecond: requests / (durationUs / 1e6),
        p50Ms: p50Us / 1000,
        p99Ms: p99Us / 1000,
        errors,
      });
    });
  });
}
