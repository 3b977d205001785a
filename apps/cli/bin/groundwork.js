#!/usr/bin/env node
// Runs the built CLI; in a checkout that has not been built yet, runs the TypeScript source through tsx.
import { existsSync } from 'node:fs';

// `groundwork … | head` closes the pipe early: that is the reader being done, not a crash
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const built = new URL('../dist/main.mjs', import.meta.url);
let cli;
if (existsSync(built)) {
  cli = await import(built.href);
} else {
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    console.error('groundwork: the CLI is not built. Run `npm run build` in the repository root.');
    process.exit(2);
  }
  cli = await import(new URL('../src/main.ts', import.meta.url).href);
}
// a command that keeps running (start, serve, reference) holds the process open after this resolves
process.exitCode = await cli.runCli(process.argv.slice(2));
