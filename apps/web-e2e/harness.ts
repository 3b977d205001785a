// Starts what the end-to-end tests drive: Groundwork itself (API, worker and the built web app, on an
// embedded database in a temp folder), the url-shortener reference solution (and one with a fault), and
// Debian's Chromium through playwright-core. Everything listens on loopback ports the OS picks.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProject, type RunningReference } from '@groundwork/projects';
import { loadConfig, type RunningServer, startServer } from '@groundwork/server';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a quiet, offline, reproducible headless Chromium. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export type Harness = {
  /** Groundwork's address, e.g. http://127.0.0.1:41234. */
  baseUrl: string;
  reference: RunningReference;
  /** The reference solution with a bug switched on. */
  faulty: RunningReference;
  /** The fault the faulty reference runs with. */
  fault: string;
  browser: BrowserContext;
  page: Page;
  close(): Promise<void>;
};

const DIST_INDEX = new URL('../web/dist/index.html', import.meta.url);

/** Starts a fresh Chromium with its own profile folder; close() removes the folder. */
export async function launchBrowser(): Promise<{ browser: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not at ${CHROMIUM_PATH}: run apt-get update && apt-get install -y chromium`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'gw-e2e-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 860 },
  });
  return {
    browser,
    async close() {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export async function startHarness(options: { fault: string }): Promise<Harness> {
  if (!existsSync(DIST_INDEX)) {
    throw new Error('The web app is not built: run npm run build -w @groundwork/web (npm install does it).');
  }
  const project = findProject('url-shortener');
  if (!project) throw new Error('the url-shortener project is missing from the registry');
  const dataDir = await mkdtemp(join(tmpdir(), 'gw-e2e-data-'));
  const stops: Array<() => Promise<unknown>> = [() => rm(dataDir, { recursive: true, force: true })];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };
  try {
    const server: RunningServer = await startServer(
      loadConfig({ NODE_ENV: 'test', PORT: '0', GROUNDWORK_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }),
    );
    stops.push(() => server.close());
    const reference = await project.startReference({ port: 0 });
    stops.push(() => reference.close());
    const faulty = await project.startReference({ port: 0, fault: options.fault });
    stops.push(() => faulty.close());
    const chrome = await launchBrowser();
    stops.push(() => chrome.close());
    const page = chrome.browser.pages()[0] ?? (await chrome.browser.newPage());
    // a script error in the app fails no assertion by itself: say it, so a failing step is explained
    page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
    return {
      baseUrl: server.url,
      reference,
      faulty,
      fault: options.fault,
      browser: chrome.browser,
      page,
      close: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
