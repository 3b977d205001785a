import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHttpClient } from '../http/client';
import { fakeResponse } from '../testing/fake-response';
import { sendJson, startHttpServer } from '../testing/loopback-server';
import { findSecrets, probeResponseHygiene, probeSecretsInResponses } from './secrets';

const LEAKS: Record<string, string> = {
  bcrypt: JSON.stringify({
    id: 1,
    email: 'a@example.com',
    hash: '$2b$12$KIXQJ8s1YQ5j1Yk6e3K4UOa8bWm0D3m8zG0m1y2QxgW4v7nXk3b9e',
  }),
  argon2: JSON.stringify({
    user: { passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo' },
  }),
  node: 'TypeError: Cannot read properties of undefined\n    at getLink (/app/src/links.js:42:13)\n    at Layer.handle (/app/node_modules/express/lib/router/layer.js:95:5)',
  python: 'Traceback (most recent call last):\n  File "app.py", line 12, in <module>',
  key: '-----BEGIN RSA PRIVATE KEY-----\nMIIEow...',
  env: JSON.stringify({ DATABASE_URL: 'postgres://app:s3cret@db:5432/app' }),
};

describe('secrets in responses', () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;

  before(async () => {
    server = await startHttpServer((req, res) => {
      const leak = LEAKS[(req.url ?? '/').slice(1)];
      if (leak) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(leak);
        return;
      }
      sendJson(res, 200, { id: 1, email: 'a@example.com', createdAt: '2024-01-01T00:00:00Z' });
    });
  });
  after(() => server.close());

  it('passes clean responses', async () => {
    const http = createHttpClient({ baseUrl: server.url });
    const responses = [await http.get('/users/1'), await http.get('/me')];
    await http.close();
    assert.deepEqual(probeSecretsInResponses(responses), { status: 'pass' });
  });

  for (const [name, expected] of [
    ['bcrypt', /bcrypt password hash/],
    ['argon2', /argon2 password hash|password field/],
    ['node', /Node\.js stack trace/],
    ['python', /Python traceback/],
    ['key', /private key/],
    ['env', /environment variables|database URL/],
  ] as const) {
    it(`fails a response that leaks a ${name} secret`, async () => {
      const http = createHttpClient({ baseUrl: server.url });
      const res = await http.get(`/${name}`);
      await http.close();
      const verdict = probeSecretsInResponses(res);
      assert.equal(verdict.status, 'fail');
      if (verdict.status === 'fail') {
        assert.match(verdict.actual, expected);
        assert.equal(verdict.exchange?.url, `${server.url}/${name}`);
      }
    });
  }

  it('does not mistake ordinary text for secrets', () => {
    assert.deepEqual(findSecrets('{"password_changed_at":"2024-01-01","at":"home","path":"/links"}'), []);
  });
});

describe('response hygiene', () => {
  const clean = fakeResponse({ body: { id: 1, email: 'a@example.com', password: null } });
  const token = 'tok_4f9a0c1d2e3b';

  it('passes bodies without passwords, hashes or forbidden values', () => {
    assert.deepEqual(
      probeResponseHygiene({ responses: [clean], forbidden: [{ value: token, description: "bob's token" }] }),
      {
        status: 'pass',
      },
    );
  });

  it('fails a body with a password field, naming where it is', () => {
    const leaky = fakeResponse({
      body: { items: [{ owner: { passwordHash: 'x' } }] },
      url: 'http://127.0.0.1:1/tasks',
    });
    const verdict = probeResponseHygiene({ responses: [clean, leaky] });
    assert.equal(verdict.status, 'fail');
    if (verdict.status === 'fail')
      assert.match(verdict.hint ?? '', /GET \/tasks has a "items\[0\]\.owner\.passwordHash" field/);
  });

  it("fails a body that holds another user's token", () => {
    const leaky = fakeResponse({ body: { id: 2, sharedWith: [{ session: token }] } });
    const verdict = probeResponseHygiene({
      responses: [leaky],
      forbidden: [{ value: token, description: "bob's token" }],
    });
    assert.equal(verdict.status, 'fail');
    if (verdict.status === 'fail') assert.equal(verdict.actual, "bob's token in the body");
  });
});
