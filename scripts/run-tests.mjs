#!/usr/bin/env node
// Runs the node:test suites. Which files run is decided by their name:
//   *.test.ts            the default suite (`npm test`): no services needed; data-layer tests use embedded PGlite
//   *.db.test.ts         data-layer tests: in the default suite on PGlite, and again in `--services` on PostgreSQL
//   *.services.test.ts   need PostgreSQL and/or Redis: only with `--services`
//   *.browser.test.ts    need Debian's Chromium: only with `--browser`
// The web app's unit tests run under Vitest (apps/web) as part of the default suite.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { checkServices } from './services.mjs';

const root = new URL('..', import.meta.url).pathname;
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { services: { type: 'boolean' }, browser: { type: 'boolean' } },
});
const suite = values.services ? 'services' : values.browser ? 'browser' : 'default';

const SEARCHED = ['apps', 'packages', 'projects', 'scripts', 'bench'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git']);
// the web app's own tests are Vitest's (run below), not node:test's
const SKIPPED_PATHS = new Set(['apps/web']);

function findTests(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      const path = join(dir, entry.name);
      if (!SKIPPED_DIRS.has(entry.name) && !SKIPPED_PATHS.has(relative(root, path))) {
        found.push(...findTests(path));
      }
    } else if (entry.name.endsWith('.test.ts')) {
      found.push(relative(root, join(dir, entry.name)));
    }
  }
  return found;
}

function belongsTo(file) {
  if (file.endsWith('.services.test.ts')) return ['services'];
  if (file.endsWith('.browser.test.ts')) return ['browser'];
  if (file.endsWith('.db.test.ts')) return ['default', 'services'];
  return ['default'];
}

const all = SEARCHED.flatMap((dir) => findTests(join(root, dir)));
const files = (positionals.length > 0 ? positionals : all).filter((file) => belongsTo(file).includes(suite));
if (files.length === 0) {
  console.error(`No test files for the ${suite} suite.`);
  process.exit(1);
}

const env = { ...process.env, NODE_ENV: 'test' };
if (suite === 'services') {
  env.TEST_DATABASE = 'postgres';
  env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
  env.TEST_REDIS_URL ??= 'redis://127.0.0.1:6379';
  const problems = await checkServices({ databaseUrl: env.TEST_DATABASE_URL, redisUrl: env.TEST_REDIS_URL });
  if (problems.length > 0) {
    for (const problem of problems) console.error(`✗ ${problem}`);
    console.error(
      'The services suite needs PostgreSQL and Redis; see CONTRIBUTING.md for how to start them.',
    );
    process.exit(1);
  }
} else {
  env.TEST_DATABASE = 'pglite';
}

// Bounds, so a test that hangs fails the run instead of stalling CI: each test gets TEST_TIMEOUT_MS,
// and the whole suite is killed, with every process it started, after SUITE_TIMEOUT_MS. A file that
// leaves a handle open never exits, so it too ends as a failure at the suite's bound (not as a pass).
const TEST_TIMEOUT_MS = 180_000;
const SUITE_TIMEOUT_MS = { default: 15, services: 15, browser: 10 }[suite] * 60_000;
// A project's proof (projects/<slug>/proof.test.ts) grades its reference once per fault, so one file
// runs for minutes: the proofs run after the other tests, on a quieter machine, with bounds of their own.
const PROOF_TIMEOUT_MS = 10 * 60_000;
const PROOFS_TIMEOUT_MS = 15 * 60_000;
const isProof = (file) => /^projects\/[^/]+\/proof\.test\.ts$/.test(file);
// the load stages' proof measures, so it runs last and alone, on a machine nothing else is using
const isLoadProof = (file) => file === 'projects/kit/proof/load.test.ts';

/** Runs node:test on `files` in a process group of its own; resolves to its exit status. */
function runNodeTests(
  files,
  { testTimeoutMs = TEST_TIMEOUT_MS, suiteTimeoutMs = SUITE_TIMEOUT_MS, what = `${suite} suite` } = {},
) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      `--test-concurrency=${suite === 'browser' ? 1 : 2}`,
      `--test-timeout=${testTimeoutMs}`,
      ...files,
    ],
    { cwd: root, env, stdio: 'inherit', detached: true },
  );
  const forward = (signal) => () => child.pid && process.kill(-child.pid, signal);
  process.once('SIGINT', forward('SIGINT'));
  process.once('SIGTERM', forward('SIGTERM'));
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      console.error(`\n✗ The ${what} did not finish within ${suiteTimeoutMs / 60_000} minutes; stopping it.`);
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, suiteTimeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const proofs = files.filter(isProof);
const loadProofs = files.filter(isLoadProof);
const others = files.filter((file) => !isProof(file) && !isLoadProof(file));
let status = 0;
if (others.length > 0) {
  console.log(`Running the ${suite} suite: ${others.length} file(s).`);
  status = await runNodeTests(others);
}
if (proofs.length > 0) {
  console.log(`\nProving the projects: ${proofs.length} file(s).`);
  const started = performance.now();
  const proofStatus = await runNodeTests(proofs, {
    testTimeoutMs: PROOF_TIMEOUT_MS,
    suiteTimeoutMs: PROOFS_TIMEOUT_MS,
    what: 'proof suite',
  });
  status ||= proofStatus;
  console.log(`The projects' correctness proofs took ${Math.round((performance.now() - started) / 1000)} s.`);
}
if (loadProofs.length > 0) {
  console.log('\nProving the load stages, one measurement at a time.');
  const started = performance.now();
  const loadStatus = await runNodeTests(loadProofs, {
    testTimeoutMs: PROOF_TIMEOUT_MS,
    suiteTimeoutMs: PROOF_TIMEOUT_MS,
    what: 'load proof',
  });
  status ||= loadStatus;
  console.log(`The load stages' proof took ${Math.round((performance.now() - started) / 1000)} s.`);
}

if (suite === 'default' && positionals.length === 0) {
  const web = spawnSync('npm', ['run', 'test', '--workspace', '@groundwork/web', '--if-present'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  status ||= web.status ?? 1;
}
process.exit(status);
