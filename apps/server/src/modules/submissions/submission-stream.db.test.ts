import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { GradingEvent, SubmissionStreamMessage } from '@groundwork/contracts';
import { findProject, type RunningReference } from '@groundwork/projects';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { REPO_CONTENT_DIR } from '../../test/content-fixture';
import { startTestWorker, submit, type TestWorker, waitForFinish } from '../../test/grading-fixture';
import { type Caller, createTestApp, signUp, signUpAs, type TestApp } from '../../test/test-app';
import { CHANNELS, type LiveMessage } from './live-messages';
import { appendEvents, listEventsAfter } from './submission-events.repository';
import { createSubmissionHub } from './submission-hub';
import { streamSubmission } from './submission-stream';
import { insertSubmission, startAttempt } from './submissions.repository';

const project = findProject('url-shortener');
assert.ok(project);
// every stage but the load test: a few seconds of real grading, long enough to join late
const FUNCTIONAL = project.stageIds.filter((id) => id !== 'performance');

let t: TestApp;
let admin: Caller;

before(async () => {
  t = await createTestApp({}, { contentDir: REPO_CONTENT_DIR });
  // the first account on a fresh instance is its admin
  admin = await signUp(t.app);
});
after(() => t.close());

type Watcher = {
  messages: SubmissionStreamMessage[];
  closed: Promise<number>;
  socket: WebSocket;
};

/** Opens the stream the way the web app does, listening before the upgrade completes. */
async function watch(app: FastifyInstance, id: string, headers: Record<string, string>): Promise<Watcher> {
  const messages: SubmissionStreamMessage[] = [];
  let onClose: (code: number) => void = () => {};
  const closed = new Promise<number>((resolve) => {
    onClose = resolve;
  });
  const socket = await app.injectWS(
    `/api/submissions/${id}/stream`,
    // a browser's upgrade always names the host, over a plain-HTTP socket here (injectWS gives neither)
    {
      headers: { host: 'localhost', ...headers },
      socket: { encrypted: false, remoteAddress: '127.0.0.1' } as unknown as Socket,
    },
    {
      onInit: (ws) => {
        ws.on('message', (data) => messages.push(JSON.parse(String(data))));
        ws.on('close', (code) => onClose(code));
      },
    },
  );
  return { messages, closed, socket };
}

function eventIds(messages: readonly SubmissionStreamMessage[]): number[] {
  return messages.flatMap((message) => (message.kind === 'event' ? [message.id] : []));
}

async function until(condition: () => boolean, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the live stream of a real run', () => {
  let worker: TestWorker;
  let reference: RunningReference;
  before(async () => {
    worker = await startTestWorker(t);
    reference = await project.startReference({ port: 0 });
  });
  after(async () => {
    await worker.close();
    await reference.close();
  });

  it('gives early, late and after-the-end watchers every event exactly once, in order', async () => {
    const learner = await signUp(t.app);
    const { body } = await submit(t.app, learner, {
      project: 'url-shortener',
      url: reference.url,
      stages: FUNCTIONAL,
    });
    const early = await watch(t.app, body.id, learner.headers);
    await until(() => eventIds(early.messages).length >= 10, 'the run to be under way');
    const late = await watch(t.app, body.id, learner.headers);
    assert.equal(await early.closed, 1000);
    assert.equal(await late.closed, 1000);
    const afterwards = await watch(t.app, body.id, learner.headers);
    assert.equal(await afterwards.closed, 1000);

    const stored = await listEventsAfter(t.database.db, body.id, 1, -1);
    const expected = stored.map((event) => event.seq);
    assert.deepEqual(
      expected,
      stored.map((_, index) => index),
      'the stored stream has no gaps',
    );
    assert.ok(expected.length > 30);
    for (const [name, watcher] of Object.entries({ early, late, afterwards })) {
      assert.deepEqual(eventIds(watcher.messages), expected, `${name} saw every event once, in order`);
      const last = watcher.messages.at(-1);
      assert.deepEqual(last, { kind: 'status', status: 'passed', attempt: 1 }, `${name} ends on the result`);
    }
    const lastEvent = early.messages.findLast((message) => message.kind === 'event');
    assert.equal(lastEvent?.kind === 'event' && lastEvent.event.type, 'run-finished');
    const done = await waitForFinish(t.app, learner, body.id);
    assert.equal(done.status, 'passed');
  });
});

describe('who may watch', () => {
  let owner: Caller;
  let submissionId: string;
  before(async () => {
    owner = await signUp(t.app);
    // queued, never run (no worker here): enough to be watched
    const { body } = await submit(t.app, owner, { project: 'url-shortener', url: 'http://127.0.0.1:9' });
    submissionId = body.id;
  });

  it('refuses anonymous callers, other learners, and cookie upgrades from another site', async () => {
    const stranger = await signUp(t.app);
    await assert.rejects(watch(t.app, submissionId, {}), /401/);
    await assert.rejects(watch(t.app, submissionId, stranger.headers), /404/);
    await assert.rejects(
      watch(t.app, submissionId, { ...owner.headers, origin: 'https://evil.example' }),
      /403/,
      'cross-site WebSocket hijacking is refused',
    );
    for (const origin of ['https://groundwork.localhost', 'http://groundwork.localhost:8080']) {
      await assert.rejects(
        watch(t.app, submissionId, { ...owner.headers, host: 'groundwork.localhost', origin }),
        /403/,
        `${origin}: scheme, host and port must all be ours`,
      );
    }
  });

  it('lets the owner watch from the app’s own origin, with a token from anywhere', async () => {
    const own = await watch(t.app, submissionId, {
      ...owner.headers,
      host: 'groundwork.localhost',
      origin: 'http://groundwork.localhost',
    });
    await until(() => own.messages.length > 0, 'the first message');
    assert.deepEqual(own.messages[0], { kind: 'status', status: 'queued', attempt: 0 });
    own.socket.close();
    const { secret } = (
      await t.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: owner.writeHeaders,
        payload: { name: 'ws' },
      })
    ).json();
    const withToken = await watch(t.app, submissionId, {
      authorization: `Bearer ${secret}`,
      origin: 'https://elsewhere.example',
    });
    await until(() => withToken.messages.length > 0, 'the first message');
    withToken.socket.close();
  });

  it('lets mentors and admins watch any learner’s run', async () => {
    const mentor = await signUpAs(t.app, admin, 'mentor');
    for (const [name, caller] of Object.entries({ mentor, admin })) {
      const watcher = await watch(t.app, submissionId, caller.headers);
      await until(() => watcher.messages.length > 0, `the first message to the ${name}`);
      assert.deepEqual(watcher.messages[0], { kind: 'status', status: 'queued', attempt: 0 }, name);
      watcher.socket.close();
    }
  });

  it('answers a plain HTTP request with 426 problem+json', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/submissions/${submissionId}/stream`,
      headers: owner.headers,
    });
    assert.equal(response.statusCode, 426);
    assert.equal(response.json().code, 'upgrade_required');
  });
});

type Announcement = LiveMessage extends infer M
  ? M extends LiveMessage
    ? Omit<M, 'submissionId'>
    : never
  : never;

describe('streamSubmission, message by message', () => {
  const fakeEvent = (seq: number): GradingEvent => ({
    seq,
    at: new Date().toISOString(),
    type: 'log',
    level: 'info',
    message: `event ${seq}`,
  });

  async function setUp() {
    const user = await signUp(t.app);
    const row = await insertSubmission(t.database.db, {
      userId: user.user.id,
      project: 'url-shortener',
      targetUrl: 'http://127.0.0.1:9',
      mode: 'verified',
    });
    const running = await startAttempt(t.database.db, row.id, null);
    assert.equal(running?.attempt, 1);
    const hub = await createSubmissionHub(t.bus, (error) => {
      throw error;
    });
    const sent: SubmissionStreamMessage[] = [];
    let ended = false;
    const stop = await streamSubmission({
      db: t.database.db,
      hub,
      submissionId: row.id,
      sink: { send: (message) => sent.push(message), end: () => (ended = true) },
    });
    const announce = (message: Announcement) =>
      t.bus.publish(CHANNELS.live, { ...message, submissionId: row.id });
    return { id: row.id, sent, isEnded: () => ended, stop, hub, announce };
  }

  it('fills a gap from the database, drops duplicates, and fetches events too big to travel inline', async () => {
    const s = await setUp();
    await appendEvents(t.database.db, s.id, 1, [0, 1, 2, 3].map(fakeEvent));
    await s.announce({ kind: 'event', attempt: 1, seq: 0, event: fakeEvent(0) });
    // 1 and 2 were never announced; 3 arrives without its body
    await s.announce({ kind: 'event', attempt: 1, seq: 3 });
    await s.announce({ kind: 'event', attempt: 1, seq: 2, event: fakeEvent(2) });
    await until(() => eventIds(s.sent).length === 4, 'four events');
    await appendEvents(t.database.db, s.id, 1, [fakeEvent(4)]);
    await s.announce({ kind: 'event', attempt: 1, seq: 4, event: fakeEvent(4) });
    await s.announce({ kind: 'event', attempt: 1, seq: 4, event: fakeEvent(4) });
    await s.announce({ kind: 'status', attempt: 1, status: 'passed' });
    await until(s.isEnded, 'the stream to end');
    assert.deepEqual(eventIds(s.sent), [0, 1, 2, 3, 4]);
    assert.deepEqual(s.sent.at(-1), { kind: 'status', status: 'passed', attempt: 1 });
    await s.hub.close();
  });

  it('starts over when a new attempt begins, and ignores the old attempt’s stragglers', async () => {
    const s = await setUp();
    await appendEvents(t.database.db, s.id, 1, [0, 1].map(fakeEvent));
    await s.announce({ kind: 'event', attempt: 1, seq: 1, event: fakeEvent(1) });
    await until(() => eventIds(s.sent).length === 2, 'the first attempt’s events');
    await startAttempt(t.database.db, s.id, null);
    await s.announce({ kind: 'status', attempt: 2, status: 'running' });
    await appendEvents(t.database.db, s.id, 2, [fakeEvent(0)]);
    await s.announce({ kind: 'event', attempt: 2, seq: 0, event: fakeEvent(0) });
    await s.announce({ kind: 'event', attempt: 1, seq: 2, event: fakeEvent(2) });
    await s.announce({ kind: 'status', attempt: 2, status: 'failed' });
    await until(s.isEnded, 'the stream to end');
    const tail = s.sent
      .slice(s.sent.findIndex((message) => message.attempt === 2))
      .map((message) =>
        message.kind === 'event' ? `event ${message.attempt}.${message.id}` : message.status,
      );
    assert.deepEqual(tail, ['running', 'event 2.0', 'failed']);
    assert.ok(
      !s.sent.some((message) => message.kind === 'event' && message.attempt === 1 && message.id === 2),
    );
    await s.hub.close();
  });
});
