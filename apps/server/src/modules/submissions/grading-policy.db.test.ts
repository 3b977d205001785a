// Server-side grading under the strict address policy. Names resolve through an injected resolver and
// sockets open through an injected connector that records every attempt: no packet leaves this machine.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ResolvedAddress, SocketConnectOptions } from '@groundwork/grader';
import { startTestWorker, submit, type TestWorker, waitForFinish } from '../../test/grading-fixture';
import { createTestApp, signUp, type TestApp } from '../../test/test-app';
import type { GradingNetwork } from './grading-policy';

const attempts: SocketConnectOptions[] = [];
const lookups: string[] = [];
/** Answers per name; a function lets a name change its answer between two lookups (DNS rebinding). */
const answers: Record<string, () => ResolvedAddress[]> = {
  'inside.example.com': () => [{ address: '10.0.0.7', family: 4 }],
  'mixed.example.com': () => [
    { address: '93.184.216.34', family: 4 },
    { address: '192.168.1.10', family: 4 },
  ],
  'metadata.example.com': () => [{ address: '169.254.169.254', family: 4 }],
};

const network: GradingNetwork = {
  resolve: async (hostname) => {
    lookups.push(hostname);
    const answer = answers[hostname];
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answer();
  },
  connector: (options) => {
    attempts.push(options);
    throw new Error(`the test connector refuses to connect to ${options.address}`);
  },
};

let t: TestApp;
let worker: TestWorker;

before(async () => {
  const env = { GRADING_ALLOW_LOOPBACK: 'false' };
  t = await createTestApp(env, { network });
  worker = await startTestWorker(t, env, network);
});
after(async () => {
  await worker.close();
  await t.close();
});

describe('a shared instance refuses addresses inside the network, without connecting', () => {
  const refused: [string, RegExp][] = [
    ['http://10.0.0.7/', /private-network address/],
    ['http://192.168.0.1:8080', /private-network address/],
    ['http://169.254.169.254/latest/meta-data/', /cloud metadata address/],
    ['http://[fd00::1]/', /unique-local/],
    ['http://100.64.0.1/', /carrier-grade NAT/],
    ['http://127.0.0.1:8080', /loopback/],
    ['http://0x7f.0.0.1/', /loopback/],
    ['http://2130706433/', /loopback/],
    ['http://0177.0.0.1/', /loopback/],
    ['http://[::ffff:127.0.0.1]/', /loopback/],
    ['http://localhost:3000', /this machine/],
    ['http://metadata.google.internal/', /metadata/],
    ['http://inside.example.com/', /inside\.example\.com resolves to it/],
    ['http://mixed.example.com/', /192\.168\.1\.10/],
    ['http://metadata.example.com/', /metadata/],
    ['http://nowhere.example.com/', /does not resolve/],
  ];

  for (const [url, reason] of refused) {
    it(`answers 400 naming url for ${url}`, async () => {
      const learner = await signUp(t.app);
      const before = attempts.length;
      const { statusCode, body } = await submit(t.app, learner, { project: 'url-shortener', url });
      assert.equal(statusCode, 400, JSON.stringify(body));
      const errors = body.errors as { field: string; message: string }[];
      assert.equal(errors[0]?.field, 'url');
      assert.match(errors[0]?.message ?? '', reason);
      assert.equal(attempts.length, before, 'no connection was attempted');
      const listed = await t.app.inject({ method: 'GET', url: '/api/submissions', headers: learner.headers });
      assert.deepEqual(listed.json().items, [], 'nothing was queued');
    });
  }
});

describe('a name that changes its answer after submission (DNS rebinding)', () => {
  it('fails the run with a clear reason when the worker resolves it inside, without connecting', async () => {
    let calls = 0;
    answers['rebind.example.com'] = () => {
      calls += 1;
      return [{ address: calls === 1 ? '93.184.216.34' : '10.1.2.3', family: 4 }];
    };
    const learner = await signUp(t.app);
    const before = attempts.length;
    const { statusCode, body } = await submit(t.app, learner, {
      project: 'url-shortener',
      url: 'http://rebind.example.com/',
    });
    assert.equal(statusCode, 202, 'the first answer was public');
    const done = await waitForFinish(t.app, learner, body.id);
    assert.equal(done.status, 'error');
    assert.equal(done.error?.kind, 'refused-by-policy');
    assert.match(done.error?.message ?? '', /10\.1\.2\.3 is a private-network address/);
    assert.equal(attempts.length, before, 'no connection was attempted');
    assert.ok(calls >= 2, 'the worker resolved the name again');
  });
});
