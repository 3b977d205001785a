// The url-shortener reference solution in a process of its own (pinned to the server's core). Each line
// `fresh` on stdin replaces the running instance with a new, empty one on a new port, so every timed run
// starts from no links and no aliases while the process, and its JIT, stay warm.
import { createInterface } from 'node:readline';
import { findProject, type RunningReference } from '@groundwork/projects';

const project = findProject('url-shortener');
if (!project) throw new Error('the url-shortener project is missing');
let reference: RunningReference | undefined;

async function startFresh(): Promise<void> {
  await reference?.close();
  reference = await project?.startReference({ port: 0 });
  console.log(`url-shortener reference at ${reference?.url}`);
}

await startFresh();
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === 'fresh') await startFresh();
}
// stdin closed: the bench is done with us
await reference?.close();
