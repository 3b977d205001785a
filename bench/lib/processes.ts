import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';

export const REPO_ROOT = join(import.meta.dirname, '../..');
export const CLI_BIN = join(REPO_ROOT, 'apps/cli/bin/groundwork.js');

export type Started = { url: string; child: ChildProcess; stop(): Promise<void> };

/** Spawns a process and resolves once a line of its output matches `ready` (whose group 1 is the URL). */
export function spawnUntil(
  command: string,
  args: string[],
  ready: RegExp,
  env: Record<string, string> = {},
  prefix: string[] = [],
): Promise<Started> {
  const [program = command, ...prefixArgs] = prefix.length > 0 ? prefix : [command];
  const child = spawn(program, prefix.length > 0 ? [...prefixArgs, command, ...args] : args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = ready.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
}

/** A free loopback port: bind port 0, read it, release it. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Runs `groundwork start` (or `command`, e.g. `serve --role worker`) on a free loopback port and waits for /healthz. Logging is at warn, as in a
 * tuned deployment, so the bench measures request handling rather than the pipe carrying log lines.
 */
export async function startGroundwork(
  env: Record<string, string>,
  prefix: string[] = [],
  command: readonly string[] = ['start'],
): Promise<Started> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const [program = process.execPath, ...prefixArgs] = prefix.length > 0 ? prefix : [process.execPath];
  const args = [CLI_BIN, ...command, '--port', String(port)];
  const child = spawn(program, prefix.length > 0 ? [...prefixArgs, process.execPath, ...args] : args, {
    env: {
      ...process.env,
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT_PER_MINUTE: '10000',
      ...env,
    },
    stdio: ['ignore', process.env.BENCH_SHOW_LOGS ? 'inherit' : 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`groundwork exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('groundwork did not answer /healthz within 60 s');
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** A throwaway PostgreSQL database for one bench run; dropped by the returned function. */
export async function createScratchDatabase(
  adminUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `groundwork_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}

/** Signs a user up and returns a bearer token for them. */
export async function createBenchUser(baseUrl: string): Promise<string> {
  const email = `bench-${randomBytes(4).toString('hex')}@example.com`;
  const signup = await fetch(`${baseUrl}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'bench password long', name: 'Bench' }),
  });
  if (signup.status !== 201) throw new Error(`sign-up failed: ${signup.status} ${await signup.text()}`);
  const { csrfToken } = (await signup.json()) as { csrfToken: string };
  const cookie = signup.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const token = await fetch(`${baseUrl}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'bench' }),
  });
  return ((await token.json()) as { secret: string }).secret;
}
