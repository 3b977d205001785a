// CPU time a server process has used, read from Linux's /proc. On a shared machine a server's throughput
// swings with whatever else runs on its core, but the CPU it spends per request barely moves, so the bench
// reports both.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_S = readClockTicks();

function readClockTicks(): number {
  const result = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number(result.stdout?.trim());
  return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
}

/**
 * User plus system CPU time of a process, in milliseconds, or undefined where /proc is not available.
 * @example const before = readProcessCpuMs(child.pid); // … load … ; readProcessCpuMs(child.pid) - before
 */
export function readProcessCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // the command name in parentheses may hold spaces: count fields after its closing bracket (field 3 on)
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  if (!Number.isFinite(userTicks) || !Number.isFinite(systemTicks)) return undefined;
  return ((userTicks + systemTicks) * 1000) / CLOCK_TICKS_PER_S;
}
