import { type ChildProcess, spawn } from 'node:child_process';
import type { RunningReference } from '../project';

const REGISTRY = new URL('../../index.ts', import.meta.url).href;
const START_TIMEOUT_MS = 60_000;
// runs in each host: starts and stops references on request, one process for many faults
const HOST_SCRIPT = `
const { findProject } = await import(process.env.GW_REGISTRY);
const running = new Map();
process.on('disconnect', () => process.exit(0));
process.on('message', async (message) => {
  if (message.kind === 'start') {
    try {
      const reference = await findProject(message.slug).startReference({ fault: message.fault || undefined });
      running.set(message.id, reference);
      process.send({ kind: 'started', id: message.id, url: reference.url });
    } catch (error) {
      process.send({ kind: 'failed', id: message.id, error: String(error?.stack ?? error) });
    }
  } else if (message.kind === 'stop') {
    const reference = running.get(message.id);
    running.delete(message.id);
    await reference?.close();
    process.send({ kind: 'stopped', id: message.id });
  }
});
`;

type HostMessage =
  | { kind: 'started'; id: number; url: string }
  | { kind: 'failed'; id: number; error: string }
  | { kind: 'stopped'; id: number };

/** Starts references in a few long-lived processes, so a fault matrix loads each project once per host. */
export interface ReferencePool {
  /** A project's reference with `fault` on, in a host process of the pool; close it when done. */
  start(slug: string, fault?: string): Promise<RunningReference>;
  /** Stops every host. */
  close(): Promise<void>;
}

/**
 * A pool of `size` host processes, spawned as they are first needed. Each reference still runs outside
 * the grader's process, as a learner's server would; only the cost of starting Node and loading the
 * project is shared between faults.
 * @example const pool = createReferencePool(4); const reference = await pool.start('url-shortener', 'create-returns-200');
 */
export function createReferencePool(size: number): ReferencePool {
  const hosts: { child: ChildProcess; busy: number }[] = [];
  const waiting = new Map<number, (message: HostMessage) => void>();
  let nextId = 0;

  const spawnHost = () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', HOST_SCRIPT], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: { ...process.env, GW_REGISTRY: REGISTRY },
    });
    child.on('message', (message: HostMessage) => waiting.get(message.id)?.(message));
    const host = { child, busy: 0 };
    hosts.push(host);
    return host;
  };
  const leastBusy = () => {
    const idle = hosts.toSorted((a, b) => a.busy - b.busy)[0];
    return idle && (idle.busy === 0 || hosts.length >= size) ? idle : spawnHost();
  };
  const ask = (
    host: { child: ChildProcess },
    message: { kind: string; id: number } & Record<string, unknown>,
  ) =>
    new Promise<HostMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(message.id);
        reject(new Error('the reference host did not answer in time'));
      }, START_TIMEOUT_MS);
      waiting.set(message.id, (answer) => {
        clearTimeout(timer);
        waiting.delete(message.id);
        resolve(answer);
      });
      host.child.send(message);
    });

  return {
    async start(slug, fault) {
      const host = leastBusy();
      host.busy++;
      const id = nextId++;
      const answer = await ask(host, { kind: 'start', id, slug, fault: fault ?? '' }).catch(
        (error: unknown) => {
          host.busy--;
          throw error;
        },
      );
      if (answer.kind !== 'started') {
        host.busy--;
        throw new Error(
          `${slug}: the reference did not start: ${answer.kind === 'failed' ? answer.error : answer.kind}`,
        );
      }
      let isClosed = false;
      return {
        url: answer.url,
        async close() {
          if (isClosed) return;
          isClosed = true;
          await ask(host, { kind: 'stop', id }).finally(() => {
            host.busy--;
          });
        },
      };
    },
    async close() {
      await Promise.all(
        hosts.map(
          ({ child }) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
      hosts.length = 0;
    },
  };
}
