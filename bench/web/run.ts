/**
 * bench/web — what the roadmap page costs a learner's browser.
 *
 *   npm run bench:web
 *
 * Builds the web app, starts Groundwork (API and built app, embedded database in a temp folder) on a
 * loopback port, and drives Debian's headless Chromium at it:
 * (a) the gzipped size (gzip -9) of every JavaScript file the browser loads for /roadmap, cold — goal
 *     at most 250 KB;
 * (b) the time from navigation start to the graph being interactive (topic nodes drawn and focusable,
 *     the canvas placed), cold cache and warm, median of BENCH_LOADS loads each. The baseline, measured
 *     in the same run, is the log-in page's form becoming usable (the app shell alone): the ratio says
 *     what the graph adds on top of the shell.
 * Only the server this bench started is loaded, a bounded number of times.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadConfig, startServer } from '@groundwork/server';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../../apps/web-e2e/harness';

const LOADS = Number(process.env.BENCH_LOADS ?? 7);
const GOAL_KB = 250;
const REPO_ROOT = new URL('../../', import.meta.url).pathname;

// what the page functions below may touch; the bench has no DOM types of its own
type PageGlobals = {
  document: {
    querySelectorAll(selector: string): { length: number };
    querySelector(selector: string): { style: { transform: string } } | null;
  };
};

// functions, not strings: the app's CSP (rightly) forbids the eval a polled string would need
function isGraphReady(): boolean {
  const { document } = globalThis as unknown as PageGlobals;
  const viewport = document.querySelector('.react-flow__viewport');
  return (
    document.querySelectorAll('.react-flow__node-topic[tabindex="0"]').length > 50 &&
    !!viewport?.style.transform
  );
}

function isLoginReady(): boolean {
  const { document } = globalThis as unknown as PageGlobals;
  return document.querySelector('form[aria-label="Log in"] button[type="submit"]') !== null;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Every script the page loads on a cold visit, with its size gzipped. */
async function measureScripts(page: Page, url: string) {
  const scripts: Array<{ name: string; gzipBytes: number }> = [];
  const pending: Array<Promise<void>> = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      response.body().then((body) => {
        scripts.push({
          name: new URL(response.url()).pathname,
          gzipBytes: gzipSync(body, { level: 9 }).length,
        });
      }),
    );
  });
  await page.goto(url);
  await page.waitForFunction(isGraphReady);
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  page.removeAllListeners('response');
  return scripts.sort((a, b) => b.gzipBytes - a.gzipBytes);
}

/** Milliseconds from navigation start until `ready` holds, for `loads` loads. */
async function timeLoads(page: Page, url: string, ready: () => boolean, loads: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < loads; i++) {
    await page.goto('about:blank');
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(ready, undefined, { polling: 'raf', timeout: 30_000 });
    times.push(Number(await page.evaluate('performance.now()')));
  }
  return times;
}

async function main() {
  console.log('bench/web: building the web app…');
  execFileSync('npm', ['run', 'build', '-w', '@groundwork/web'], { cwd: REPO_ROOT, stdio: 'ignore' });
  const dataDir = await mkdtemp(join(tmpdir(), 'gw-bench-web-'));
  const server = await startServer(
    loadConfig({ NODE_ENV: 'production', PORT: '0', GROUNDWORK_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }),
  );
  const chrome = await launchBrowser();
  try {
    const page = chrome.browser.pages()[0] ?? (await chrome.browser.newPage());
    const cdp = await chrome.browser.newCDPSession(page);
    const roadmapUrl = `${server.url}/roadmap`;
    const loginUrl = `${server.url}/login`;

    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const scripts = await measureScripts(page, roadmapUrl);
    const totalGzip = scripts.reduce((sum, script) => sum + script.gzipBytes, 0);
    const coldGraph = await timeLoads(page, roadmapUrl, isGraphReady, LOADS);
    const coldLogin = await timeLoads(page, loginUrl, isLoginReady, LOADS);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await timeLoads(page, roadmapUrl, isGraphReady, 1);
    const warmGraph = await timeLoads(page, roadmapUrl, isGraphReady, LOADS);
    const warmLogin = await timeLoads(page, loginUrl, isLoginReady, LOADS);

    const verdict = totalGzip <= GOAL_KB * 1024 ? 'met' : 'NOT met';
    console.log(
      `\nJS shipped to /roadmap: ${kb(totalGzip)} gzipped in ${scripts.length} files (goal ≤ ${GOAL_KB} KB: ${verdict})`,
    );
    for (const script of scripts) console.log(`  ${kb(script.gzipBytes).padStart(9)}  ${script.name}`);
    const row = (label: string, graph: number[], login: number[]) => {
      const [g, l] = [median(graph), median(login)];
      console.log(
        `${label.padEnd(6)} graph interactive ${g.toFixed(0).padStart(5)} ms · baseline (log-in form) ${l
          .toFixed(0)
          .padStart(5)} ms · ratio ${(g / l).toFixed(2)}`,
      );
    };
    console.log(`\nNavigation start → interactive, median of ${LOADS} loads, headless Chromium:`);
    row('cold', coldGraph, coldLogin);
    row('warm', warmGraph, warmLogin);
  } finally {
    await chrome.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
