// Worker processes on real PostgreSQL: a worker killed with SIGKILL mid-run, and two workers sharing
// one queue. Each worker is a separate process started from source, as production runs them.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { SubmissionStreamMessage } from '@groundwork/contracts';
import { findProject, type RunningReference } from '@groundwork/projects';
import { and, asc, eq, sql } from 'drizzle-orm';
import { checkResults, stageResults, submissionEvents, submissions } from '../../db/schema';
import { createPostgresBus } from '../../platform/events/postgres-bus';
import { submit, waitForFinish } from '../../test/grading-fixture';
import { createTestApp, signUp, type TestApp } from '../../test/test-app';
import { attemptSeed } from './attempt-seed';

const SERVER_PROCESS = fileURLToPath(new URL('../../test/server-process.ts', import.meta.url));
const project = findProject('url-shortener');
assert.ok(project);

type WorkerProcess = { child: ChildProcess; graded: string[]; exited: Promise<number | null> };

let t: TestApp;
let reference: RunningReference;
const workers: WorkerProcess[] = [];

/** Starts `serve --role worker` from source on the test database and waits until it takes jobs. */
async function startWorker(env: Record<string, string> = {}): Promise<WorkerProcess> {
  const url = t.database.url;
  assert.ok(url, 'the services suite runs on PostgreSQL');
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_PROCESS], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: url,
      GROUNDWORK_ROLE: 'worker',
      PORT: '0',
      LOG_FORMAT: 'json',
      GRADING_ALLOW_LOOPBACK: 'true',
      GRADING_RUN_TIMEOUT_MS: '5000',
      GRADING_CONCURRENCY: '4',
      QUEUE_MAINTENANCE_INTERVAL_SECONDS: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const graded: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
        const line = JSON.parse(buffered.slice(0, end)) as { msg?: string; submissionId?: string };
        buffered = buffered.slice(end + 1);
        if (line.msg === 'test process ready') resolve();
        if (line.msg === 'submission graded' && line.submissionId) graded.push(line.submissionId);
      }
    });
    void exited.then((code) => reject(new Error(`the worker exited with ${code} before it was ready`)));
  });
  await ready;
  const worker = { child, graded, exited };
  workers.push(worker);
  return worker;
}

const HOP_BY_HOP = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

/** A proxy that answers every request 250 ms late, so a run lasts long enough to be interrupted. */
async function startSlowProxy(target: string): Promise<{ url: string; server: Server }> {
  const forward = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const upstream = await fetch(`${target}${request.url}`, {
      method: request.method ?? 'GET',
      headers: { 'content-type': request.headers['content-type'] ?? 'application/json' },
      redirect: 'manual',
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    const headers: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name)) headers[name] = value;
    });
    response.writeHead(upstream.status, headers).end(Buffer.from(await upstream.arrayBuffer()));
  };
  const server = createServer((request, response) => {
    // the grader may be killed mid-request: a request that goes away is simply dropped
    setTimeout(() => forward(request, response).catch(() => response.destroy()), 250);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  return { url: `http://127.0.0.1:${address.port}`, server };
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

before(async () => {
  // the API hears the worker processes over PostgreSQL LISTEN/NOTIFY, as separate API processes do
  t = await createTestApp(
    {},
    {
      bus: (database) => {
        assert.ok(database.url && database.pool);
        return createPostgresBus({ connectionString: database.url, pool: database.pool });
      },
    },
  );
  reference = await project.startReference({ port: 0 });
});
after(async () => {
  for (const worker of workers) worker.child.kill('SIGKILL');
  await Promise.all(workers.map((worker) => worker.exited));
  await reference.close();
  await t.close();
});

// the default run deadline: the queue's own expiry would retry the job only after 11 minutes
const LONG_RUNS = { GRADING_RUN_TIMEOUT_MS: '600000' };
const RECOVERY_DEADLINE_MS = 60_000;

describe('a worker killed with SIGKILL during a run', () => {
  it('has its run finished by another worker within a minute, once, with a new seed; a watcher sees both attempts', async (context) => {
    const proxy = await startSlowProxy(reference.url);
    context.after(() => {
      proxy.server.closeAllConnections();
      proxy.server.close();
    });
    const doomed = await startWorker(LONG_RUNS);
    const learner = await signUp(t.app);
    const { body } = await submit(t.app, learner, {
      project: 'url-shortener',
      url: proxy.url,
      stages: ['health', 'create-link', 'custom-alias'],
    });
    const watched: SubmissionStreamMessage[] = [];
    const watcher = await t.app.injectWS(
      `/api/submissions/${body.id}/stream`,
      // a browser's upgrade names the host (injectWS sends none, and the server answers only its own)
      {
        headers: { host: 'localhost', ...learner.headers },
        socket: { encrypted: false, remoteAddress: '127.0.0.1' } as unknown as Socket,
      },
      { onInit: (ws) => ws.on('message', (data) => watched.push(JSON.parse(String(data)))) },
    );
    const watcherClosed = new Promise<number>((resolve) => watcher.once('close', resolve));
    const db = t.database.db;
    // killed once its alias exists on the learner's server: the same seed would ask for it again (409)
    await until(async () => {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(submissionEvents)
        .where(
          and(
            eq(submissionEvents.submissionId, body.id),
            sql`${submissionEvents.event}->>'type' = 'check-finished'`,
            sql`${submissionEvents.event}->>'checkId' = 'alias-create'`,
          ),
        );
      return (row?.n ?? 0) > 0 ? true : undefined;
    }, 'the first worker to create the alias');
    // frozen at once, mid-run, so the run cannot finish while another worker starts up; then killed
    doomed.child.kill('SIGSTOP');
    const silentSince = Date.now();
    const survivor = await startWorker(LONG_RUNS);
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const [interrupted] = await db.select().from(submissions).where(eq(submissions.id, body.id));
    assert.equal(interrupted?.status, 'running', 'the dead worker left the run unfinished');
    assert.equal(interrupted?.attempt, 1);
    const firstSeed = interrupted?.seed;
    assert.ok(typeof firstSeed === 'number');

    const done = await waitForFinish(
      t.app,
      learner,
      body.id,
      RECOVERY_DEADLINE_MS - (Date.now() - silentSince),
    );
    context.diagnostic(`finished ${Date.now() - silentSince} ms after its first worker fell silent`);
    assert.equal(done.status, 'passed', JSON.stringify(done.error ?? done.stages));
    assert.equal(done.attempt, 2, 'the second attempt ran it');
    assert.ok(survivor.graded.includes(body.id), 'the live worker ran the second attempt');
    assert.equal(done.seed, attemptSeed(firstSeed, 2), 'the result shows the seed that produced it');
    assert.notEqual(done.seed, firstSeed);
    const stages = await db.select().from(stageResults).where(eq(stageResults.submissionId, body.id));
    const checks = await db.select().from(checkResults).where(eq(checkResults.submissionId, body.id));
    assert.deepEqual(stages.map((stage) => stage.stageId).sort(), ['create-link', 'custom-alias', 'health']);
    assert.equal(
      checks.length,
      done.stages.reduce((sum, stage) => sum + stage.checks.length, 0),
    );
    // the queue's job is settled, so its expiry can never deliver it again
    const jobs = await t.database.executeSql('select state from pgboss.job where id = $1', [body.id]);
    assert.deepEqual(
      jobs.rows.map((job) => job.state),
      ['completed'],
    );
    const events = await db
      .select({
        attempt: submissionEvents.attempt,
        seq: submissionEvents.seq,
        type: sql<string>`event->>'type'`,
        seed: sql<number | null>`(event->>'seed')::int`,
      })
      .from(submissionEvents)
      .where(eq(submissionEvents.submissionId, body.id))
      .orderBy(asc(submissionEvents.attempt), asc(submissionEvents.seq));
    const second = events.filter((event) => event.attempt === 2);
    const seedOf = (attempt: number) =>
      events.find((event) => event.attempt === attempt && event.type === 'run-started')?.seed;
    assert.deepEqual([seedOf(1), seedOf(2)], [firstSeed, done.seed], 'each attempt ran with its own seed');
    assert.deepEqual(
      second.map((event) => event.seq),
      second.map((_, index) => index),
      'the retried attempt has its own complete stream',
    );
    assert.equal(second.at(-1)?.type, 'run-finished');
    assert.ok(!events.some((event) => event.attempt === 1 && event.type === 'run-finished'));

    // the watcher heard the other processes live: the first attempt's start, then all of the second
    assert.equal(await watcherClosed, 1000);
    const seen = (attempt: number) =>
      watched.flatMap((message) =>
        message.kind === 'event' && message.attempt === attempt ? [message.id] : [],
      );
    const firstSeen = seen(1);
    assert.deepEqual(
      firstSeen,
      firstSeen.map((_, index) => index),
      'attempt 1: in order, no gaps or repeats',
    );
    assert.ok(firstSeen.length >= 3);
    assert.deepEqual(
      seen(2),
      second.map((event) => event.seq),
      'attempt 2: every event, once, in order',
    );
    assert.deepEqual(watched.at(-1), { kind: 'status', status: 'passed', attempt: 2 });
  });
});

describe('two workers on one database', () => {
  it('never take the same job', async () => {
    const busy = workers.filter(
      (worker) => worker.child.exitCode === null && worker.child.signalCode === null,
    );
    while (busy.length < 2) busy.push(await startWorker());
    const [first, second] = busy as [WorkerProcess, WorkerProcess];
    const before = { first: first.graded.length, second: second.graded.length };
    const ids: string[] = [];
    for (let i = 0; i < 24; i += 1) {
      const learner = await signUp(t.app);
      const { body } = await submit(t.app, learner, {
        project: 'url-shortener',
        url: reference.url,
        stages: ['health', 'create-link'],
      });
      ids.push(body.id);
    }
    const db = t.database.db;
    const rows = await until(
      async () => {
        const found = await db.select().from(submissions);
        const mine = found.filter((row) => ids.includes(row.id));
        return mine.every((row) => row.status === 'passed') ? mine : undefined;
      },
      'every submission to pass',
      120_000,
    );
    assert.ok(
      rows.every((row) => row.attempt === 1),
      'a job taken twice would have started a second attempt',
    );
    const byFirst = first.graded.slice(before.first).filter((id) => ids.includes(id));
    const bySecond = second.graded.slice(before.second).filter((id) => ids.includes(id));
    assert.deepEqual([...byFirst, ...bySecond].sort(), [...ids].sort(), 'each job graded exactly once');
    assert.ok(
      byFirst.length > 0 && bySecond.length > 0,
      `both workers took jobs (${byFirst.length}/${bySecond.length})`,
    );
  });
});
