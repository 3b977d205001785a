// A grading worker on a test app's database, and helpers to wait for what it does.

import type { Submission } from '@groundwork/contracts';
import { projects } from '@groundwork/projects';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { loadConfig } from '../config/config';
import { createProjectCatalogue } from '../modules/projects/project-catalogue';
import type { GradingNetwork } from '../modules/submissions/grading-policy';
import { openGradingQueue, queueSettingsOf } from '../modules/submissions/grading-queue';
import { startGradingWorker } from '../modules/submissions/grading-worker';
import type { Caller, TestApp } from './test-app';

export type TestWorker = { close(): Promise<void>; running(): string[] };

/**
 * Starts the worker role in this process on the test app's database and event bus, as `npm start`
 * runs it beside the API. Pass environment variables to change its config.
 */
export async function startTestWorker(
  t: TestApp,
  env: Record<string, string> = {},
  network: GradingNetwork = {},
): Promise<TestWorker> {
  const config = loadConfig({ NODE_ENV: 'test', QUEUE_MAINTENANCE_INTERVAL_SECONDS: '1', ...env });
  const logger = pino({ level: 'silent' });
  const queue = await openGradingQueue(t.database, queueSettingsOf(config.grading), logger, {
    supervise: true,
  });
  const worker = await startGradingWorker({
    database: t.database,
    bus: t.bus,
    queue,
    catalogue: createProjectCatalogue(projects),
    grading: config.grading,
    network,
    logger,
  });
  return {
    running: worker.running,
    async close() {
      await worker.close();
      await queue.stop();
    },
  };
}

export async function submit(
  app: FastifyInstance,
  caller: Caller,
  payload: Record<string, unknown>,
): Promise<{ statusCode: number; body: Record<string, unknown> & { id: string } }> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/submissions',
    headers: caller.writeHeaders,
    payload,
  });
  return { statusCode: response.statusCode, body: response.json() };
}

export async function getSubmission(app: FastifyInstance, caller: Caller, id: string): Promise<Submission> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/submissions/${id}`,
    headers: caller.headers,
  });
  if (response.statusCode !== 200) throw new Error(`GET submission: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** Polls until the submission has finished (or the wait runs out, which fails the test). */
export async function waitForFinish(
  app: FastifyInstance,
  caller: Caller,
  id: string,
  timeoutMs = 60_000,
): Promise<Submission> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const submission = await getSubmission(app, caller, id);
    if (!['queued', 'running'].includes(submission.status)) return submission;
    if (Date.now() > until)
      throw new Error(`submission ${id} still ${submission.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The smallest report `groundwork test --upload` can send: a run of no stages. */
export function emptyReport() {
  const now = new Date().toISOString();
  return {
    schemaVersion: 1,
    project: { slug: 'url-shortener', title: 'URL shortener' },
    target: { url: 'http://127.0.0.1:9' },
    seed: 1,
    selection: { stageIds: [], all: false },
    startedAt: now,
    finishedAt: now,
    durationMs: 1,
    status: 'passed',
    stages: [],
    summary: {
      stages: { passed: 0, failed: 0, error: 0, skipped: 0, notRun: 0 },
      checks: { passed: 0, failed: 0, skipped: 0, error: 0 },
    },
  };
}
