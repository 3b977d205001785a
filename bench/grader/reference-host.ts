// Drives reference-server.ts: one warm process, a fresh empty reference instance on demand.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const READY = /^url-shortener reference at (http:\/\/[\d.:]+)$/;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

export interface ReferenceHost {
  /** Replaces the running instance with a new, empty one and resolves with its URL. */
  fresh(): Promise<string>;
  stop(): Promise<void>;
}

/** Starts the host process (behind `prefix`, e.g. taskset) and resolves once its first instance is up. */
export async function startReferenceHost(prefix: string[]): Promise<ReferenceHost & { url: string }> {
  const args = ['--import', 'tsx', join(import.meta.dirname, 'reference-server.ts')];
  const [program = process.execPath, ...prefixArgs] = prefix.length > 0 ? prefix : [process.execPath];
  const child = spawn(program, prefix.length > 0 ? [...prefixArgs, process.execPath, ...args] : args, {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextUrl = async (): Promise<string> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error('the reference did not start within 60 s')),
        START_TIMEOUT_MS,
      );
    });
    try {
      for (;;) {
        const line = await Promise.race([lines.next(), timeout]);
        if (line.done) throw new Error(`the reference host exited with ${child.exitCode}`);
        const url = READY.exec(line.value)?.[1];
        if (url) return url;
      }
    } finally {
      clearTimeout(timer);
    }
  };
  const url = await nextUrl();
  return {
    url,
    fresh() {
      child.stdin.write('fresh\n');
      return nextUrl();
    },
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        child.once('exit', () => {
          clearTimeout(timer);
          done();
        });
        child.stdin.end();
      }),
  };
}
