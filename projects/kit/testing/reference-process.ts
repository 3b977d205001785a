import { spawn } from 'node:child_process';
import type { RunningReference } from '../project';

const REGISTRY = new URL('../../index.ts', import.meta.url).href;
// a fresh embedded database takes seconds to start, and more on a machine busy with other references
const START_TIMEOUT_MS = 60_000;
// runs in the child: the project's reference without a request log, its URL sent back over IPC
const CHILD_SCRIPT = `
const { findProject } = await import(process.env.GW_REGISTRY);
const project = findProject(process.env.GW_PROJECT);
const reference = await project.startReference({ fault: process.env.GW_FAULT || undefined });
process.send(reference.url);
`;

/**
 * A project's reference solution in a process of its own, as a learner's server would be: the
 * grader's timings are then its own, and one reference starting its database cannot stall another's
 * run on the test's event loop.
 * @example const reference = await startReferenceProcess('url-shortener', 'create-returns-200');
 */
export function startReferenceProcess(slug: string, fault?: string): Promise<RunningReference> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', CHILD_SCRIPT], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...process.env, GW_REGISTRY: REGISTRY, GW_PROJECT: slug, GW_FAULT: fault ?? '' },
  });
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  let errorOutput = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errorOutput = `${errorOutput}${chunk}`.slice(-4_000);
  });
  return new Promise((resolve, reject) => {
    let hasGivenUp = false;
    const giveUp = (reason: string) => {
      // the first reason is the true one: killing the child on a timeout makes it exit too
      if (hasGivenUp) return;
      hasGivenUp = true;
      clearTimeout(timer);
      void close().then(() => reject(new Error(`${slug}: ${reason}: ${errorOutput}`)));
    };
    const timer = setTimeout(() => giveUp('the reference did not start in time'), START_TIMEOUT_MS);
    child.once('exit', (code) => giveUp(`the reference exited with code ${code} before listening`));
    child.once('message', (url) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: String(url), close });
    });
  });
}
