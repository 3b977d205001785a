#!/usr/bin/env node
// `npm run dev`: the platform from source, restarted on change (tsx watch), and the web app's Vite dev
// server, which proxies the API. Ctrl-C stops both.
import { spawn } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const children = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'apps/cli/src/entry.ts', 'start'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, LOG_FORMAT: process.env.LOG_FORMAT ?? 'pretty' },
  }),
  spawn('npm', ['run', 'dev', '--workspace', '@groundwork/web'], { cwd: root, stdio: 'inherit' }),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
for (const child of children) child.once('exit', stop);
