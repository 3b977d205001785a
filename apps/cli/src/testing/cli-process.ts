// Runs the CLI from source in child processes, as a learner would from a terminal.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

// the source, not bin/groundwork.js: that prefers apps/cli/dist, which may be an older build
const CLI = ['--import', 'tsx', join(import.meta.dirname, '..', 'entry.ts')];

/** A line of a stack trace: what a user must never see from the CLI. */
export const STACK_FRAME = /\n\s+at /;

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** Runs one command to completion. */
export function runCommand(
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
): CliResult {
  const result = spawnSync(process.execPath, [...CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    input: options.input ?? '',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs one command without blocking the test's event loop (for servers the command talks to in-process). */
export async function runCommandAsync(
  args: string[],
  options: { env?: Record<string, string> } = {},
): Promise<CliResult> {
  const command = spawnCommand(args, options);
  const code = await command.exited;
  return { code, ...command.output() };
}

/** Starts a long-running command (a server) and collects what it prints, for a test to wait on and signal. */
export function spawnCommand(args: string[], options: { env?: Record<string, string> } = {}) {
  const child = spawn(process.execPath, [...CLI, ...args], {
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  // 'close', not 'exit': by then everything the process printed has been read
  let closedWith: { code: number | null } | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => {
      closedWith = { code };
      resolve(code);
    }),
  );
  /** Resolves with the first match of `pattern` in stdout; rejects if the process ends first. */
  const waitFor = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const fail = (why: string) => new Error(`${why} before printing ${pattern}:\n${stdout}${stderr}`);
      const timer = setTimeout(() => finish(fail(`nothing within ${timeoutMs} ms`)), timeoutMs);
      const check = () => {
        const match = pattern.exec(stdout);
        if (match) finish(match);
      };
      const onClose = (code: number | null) => finish(fail(`exited with ${code}`));
      function finish(result: RegExpExecArray | Error) {
        clearTimeout(timer);
        child.stdout.off('data', check);
        child.off('close', onClose);
        if (result instanceof Error) reject(result);
        else resolve(result);
      }
      child.stdout.on('data', check);
      child.once('close', onClose);
      check();
      if (closedWith) onClose(closedWith.code);
    });
  return { child, exited, waitFor, output: () => ({ stdout, stderr }) };
}

/** Starts `groundwork start` on a free port and resolves `url` once it logs it. */
export function startServerProcess(dataDir: string, env: Record<string, string> = {}) {
  const command = spawnCommand(['start', '--port', '0', '--data-dir', dataDir, '--log-level', 'info'], {
    env: { LOG_FORMAT: 'json', ...env },
  });
  const url = command.waitFor(/Groundwork is running at (http:\/\/[\d.:]+)/).then((match) => match[1] ?? '');
  return { ...command, url, output: () => command.output().stdout };
}
