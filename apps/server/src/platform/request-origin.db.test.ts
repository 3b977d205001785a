import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { count } from 'drizzle-orm';
import { users } from '../db/schema';
import { createTestApp, type TestApp } from '../test/test-app';

// A fresh local instance: its first sign-up becomes the admin, so whoever reaches it first owns it.
let local: TestApp;

before(async () => {
  local = await createTestApp();
});
after(() => local.close());

const SIGNUP = { email: 'first@example.com', password: 'a long enough password', name: 'First' };

async function userCount(app: TestApp): Promise<number> {
  const [row] = await app.database.db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

describe('Host: DNS rebinding on a local instance', () => {
  it('refuses a name of another site with 421, before sign-up can make its page the admin', async () => {
    const response = await local.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      headers: { host: 'rebound.attacker.example:3000' },
      payload: SIGNUP,
    });
    assert.equal(response.statusCode, 421, response.body);
    assert.equal(response.headers['content-type'], 'application/problem+json');
    assert.equal(response.json().code, 'host_not_allowed');
    assert.equal(await userCount(local), 0);
    const page = await local.app.inject({ method: 'GET', url: '/', headers: { host: 'attacker.example' } });
    assert.equal(page.statusCode, 421);
  });

  it('answers loopback names and addresses on any port', async () => {
    for (const host of [
      'localhost',
      'localhost:3000',
      '127.0.0.1:3000',
      '[::1]:3000',
      'app.localhost:5173',
    ]) {
      const response = await local.app.inject({ method: 'GET', url: '/openapi.json', headers: { host } });
      assert.equal(response.statusCode, 200, `${host}: ${response.body}`);
    }
  });

  it('answers health probes and metrics by any address, as Kubernetes probes by pod IP', async () => {
    for (const url of ['/healthz', '/readyz', '/metrics']) {
      const response = await local.app.inject({ method: 'GET', url, headers: { host: '10.244.1.7:3000' } });
      assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
    }
  });

  it('answers PUBLIC_URL’s host, and HOST when it is one address', async () => {
    const hosted = await createTestApp({ PUBLIC_URL: 'https://groundwork.example.org', HOST: '0.0.0.0' });
    const lan = await createTestApp({ HOST: '192.168.1.20' });
    try {
      const at = (app: TestApp, host: string) =>
        app.app.inject({ method: 'GET', url: '/openapi.json', headers: { host } });
      assert.equal((await at(hosted, 'groundwork.example.org')).statusCode, 200);
      assert.equal((await at(hosted, 'GROUNDWORK.example.org.')).statusCode, 200);
      assert.equal((await at(hosted, 'other.example.org')).statusCode, 421);
      assert.equal((await at(hosted, '10.0.0.5:3000')).statusCode, 421, '0.0.0.0 names no address');
      assert.equal((await at(lan, '192.168.1.20:3000')).statusCode, 200);
      assert.equal((await at(lan, '192.168.1.21:3000')).statusCode, 421);
    } finally {
      await hosted.close();
      await lan.close();
    }
  });
});

describe('Origin on anonymous writes', () => {
  it('refuses sign-up and log-in from another site with 403, creating nothing', async () => {
    for (const origin of ['https://attacker.example', 'null', 'http://localhost:8080']) {
      const signup = await local.app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        headers: { origin },
        payload: SIGNUP,
      });
      assert.equal(signup.statusCode, 403, `${origin}: ${signup.body}`);
      assert.equal(signup.json().code, 'origin_not_allowed');
      assert.equal(signup.headers['set-cookie'], undefined);
      const login = await local.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin },
        payload: { email: SIGNUP.email, password: SIGNUP.password },
      });
      assert.equal(login.statusCode, 403, `${origin}: ${login.body}`);
    }
    assert.equal(await userCount(local), 0);
  });

  it('accepts its own origin, a request without one, and CORS_ORIGINS; answers are never cached', async () => {
    const own = await local.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      headers: { host: 'localhost:3000', origin: 'http://localhost:3000' },
      payload: SIGNUP,
    });
    assert.equal(own.statusCode, 201, own.body);
    assert.equal(own.headers['cache-control'], 'no-store', 'the body carries the CSRF token');
    const cli = await local.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: SIGNUP.email, password: SIGNUP.password },
    });
    assert.equal(cli.statusCode, 200, cli.body);
    assert.equal(cli.headers['cache-control'], 'no-store');

    const withCors = await createTestApp({ CORS_ORIGINS: 'https://app.example.org' });
    try {
      const response = await withCors.app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        headers: { origin: 'https://app.example.org' },
        payload: SIGNUP,
      });
      assert.equal(response.statusCode, 201, response.body);
    } finally {
      await withCors.close();
    }
  });
});

describe('CORS and metrics', () => {
  it('lets configured origins send PUT, PATCH and DELETE', async () => {
    const withCors = await createTestApp({ CORS_ORIGINS: 'https://app.example.org' });
    try {
      for (const method of ['PUT', 'PATCH', 'DELETE']) {
        const preflight = await withCors.app.inject({
          method: 'OPTIONS',
          url: '/api/tokens/00000000-0000-4000-8000-000000000000',
          headers: { origin: 'https://app.example.org', 'access-control-request-method': method },
        });
        assert.equal(preflight.statusCode, 204);
        assert.match(
          String(preflight.headers['access-control-allow-methods']),
          new RegExp(`\\b${method}\\b`),
        );
      }
    } finally {
      await withCors.close();
    }
  });

  it('warns at start when /metrics is open on a non-loopback address', async () => {
    const warning = /\/metrics is open to anyone.*METRICS_TOKEN/;
    assert.doesNotMatch(local.logs.join(''), warning);
    const open = await createTestApp({ HOST: '0.0.0.0' });
    const guarded = await createTestApp({ HOST: '0.0.0.0', METRICS_TOKEN: 'a-very-secret-metrics-token' });
    try {
      const line = open.logs.map((text) => JSON.parse(text)).find((entry) => warning.test(entry.msg));
      assert.equal(line?.level, 40, 'a warning');
      assert.doesNotMatch(guarded.logs.join(''), warning);
    } finally {
      await open.close();
      await guarded.close();
    }
  });
});
