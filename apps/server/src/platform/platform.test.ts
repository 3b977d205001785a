import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp, signUp, type TestApp } from '../test/test-app';
import { ERROR_CATALOGUE, ERROR_CODES } from './errors/catalogue';

let t: TestApp;
before(async () => {
  t = await createTestApp({ BODY_LIMIT_BYTES: '4096' });
});
after(() => t.close());

function signup(payload: string, contentType = 'application/json') {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    payload,
    headers: { 'content-type': contentType },
  });
}

describe('bad input gets a problem+json answer naming the field', () => {
  it('malformed JSON → 400 malformed_json saying where parsing stopped', async () => {
    const response = await signup('{"email": "a@b.co",');
    assert.equal(response.statusCode, 400);
    assert.equal(response.headers['content-type'], 'application/problem+json');
    const problem = response.json();
    assert.equal(problem.code, 'malformed_json');
    assert.match(problem.detail, /JSON/);
    assert.equal(problem.type, '/problems/malformed_json');
    assert.equal(problem.errors[0].field, '(body)');
  });

  it('a wrong type → 400 naming the field', async () => {
    const response = await signup(JSON.stringify({ email: 42, password: 'long enough password', name: 'A' }));
    assert.equal(response.statusCode, 400);
    assert.deepEqual(
      response.json().errors.map((e: { field: string }) => e.field),
      ['email'],
    );
  });

  it('an unknown field → 400 naming the field', async () => {
    const response = await signup(
      JSON.stringify({ email: 'x@example.com', password: 'long enough password', name: 'A', role: 'admin' }),
    );
    assert.equal(response.statusCode, 400);
    assert.deepEqual(response.json().errors, [{ field: 'role', message: 'This field is not allowed' }]);
  });

  it('a missing field → 400 naming the field as required', async () => {
    const response = await signup(JSON.stringify({ email: 'x@example.com', name: 'A' }));
    assert.equal(response.statusCode, 400);
    assert.deepEqual(response.json().errors, [{ field: 'password', message: 'This field is required' }]);
  });

  it('an oversized field → 400 naming it; an oversized body → 413 with the limit', async () => {
    const longName = await signup(
      JSON.stringify({ email: 'x@example.com', password: 'long enough password', name: 'n'.repeat(81) }),
    );
    assert.equal(longName.statusCode, 400);
    assert.equal(longName.json().errors[0].field, 'name');
    const huge = await signup(
      JSON.stringify({ email: 'x@example.com', password: 'p'.repeat(5000), name: 'A' }),
    );
    assert.equal(huge.statusCode, 413);
    assert.equal(huge.json().code, 'body_too_large');
    assert.match(huge.json().detail, /4096 bytes/);
    assert.equal(huge.json().errors[0].field, '(body)');
  });

  it('a non-JSON body → 415 (HTML forms cannot post here)', async () => {
    const response = await signup('email=a@b.co', 'application/x-www-form-urlencoded');
    assert.equal(response.statusCode, 415);
    assert.equal(response.json().code, 'unsupported_media_type');
    const text = await signup('{}', 'text/plain');
    assert.equal(text.statusCode, 415);
  });

  it('__proto__ in a body is refused, not merged', async () => {
    const response = await signup('{"__proto__": {"role": "admin"}, "email": "p@example.com"}');
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().code, 'malformed_json');
  });

  it('an unknown route → 404 problem, and no stack trace in any error body', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().code, 'not_found');
    for (const body of [response.body, (await signup('{')).body]) {
      assert.doesNotMatch(body, /at .+\.(ts|js):\d+/);
      assert.doesNotMatch(body, /node_modules/);
    }
  });

  it('an invalid path parameter → 400 naming it, never a database error', async () => {
    const caller = await signUp(t.app);
    const response = await t.app.inject({
      method: 'DELETE',
      url: '/api/tokens/not-a-uuid',
      headers: caller.writeHeaders,
    });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().errors[0].field, 'params.tokenId');
  });
});

describe('the error catalogue', () => {
  it('documents every code: status, title and description, served at its type URI', async () => {
    for (const code of ERROR_CODES) {
      const spec = ERROR_CATALOGUE[code];
      assert.ok(spec.title.length > 0 && spec.description.length > 20, `${code} is documented`);
      const response = await t.app.inject({ method: 'GET', url: `/problems/${code}` });
      assert.equal(response.statusCode, 200);
      assert.equal(response.json().status, spec.status);
    }
  });

  it('lists every code the server source uses', () => {
    const root = join(import.meta.dirname, '..');
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
          const source = readFileSync(path, 'utf8');
          for (const match of source.matchAll(/(?:new AppError|invalidFieldWithCode)\(\s*'([a-z_]+)'/g)) {
            used.add(match[1] ?? '');
          }
        }
      }
    };
    walk(root);
    assert.ok(used.size >= 8, 'found the codes the source throws');
    for (const code of used) assert.ok(ERROR_CODES.includes(code as never), `${code} is in the catalogue`);
  });
});

describe('platform', () => {
  it('sends security headers and a request id, and hides the server software', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'trace-123' },
    });
    assert.equal(response.headers['x-request-id'], 'trace-123');
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'");
    assert.equal(response.headers['x-frame-options'], 'DENY');
    assert.equal(response.headers['x-powered-by'], undefined);
    assert.equal(response.headers['strict-transport-security'], undefined, 'no HSTS on plain http');
  });

  it('gives HTML documents the full helmet set with a strict same-origin CSP', async () => {
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    assert.match(String(docs.headers['content-type']), /^text\/html/);
    const csp = String(docs.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(docs.headers['cross-origin-opener-policy'], 'same-origin');
    assert.equal(docs.headers['x-content-type-options'], 'nosniff');
  });

  it('replaces an implausible incoming request id', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'bad id\n<script>' },
    });
    assert.match(String(response.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });

  it('keeps CORS closed unless origins are configured', async () => {
    const response = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/me',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    assert.equal(response.headers['access-control-allow-origin'], undefined);
  });

  it('exports request-duration histograms by route pattern and status', async () => {
    await t.app.inject({ method: 'GET', url: '/problems/not_found' });
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(metrics.statusCode, 200);
    assert.match(
      metrics.body,
      /http_request_duration_seconds_bucket\{le="[\d.]+",method="GET",route="\/problems\/:code",status_code="200"\}/,
    );
    assert.match(metrics.body, /process_cpu_user_seconds_total/);
  });

  it('answers liveness and readiness', async () => {
    assert.deepEqual((await t.app.inject({ method: 'GET', url: '/healthz' })).json(), { status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ready', checks: { database: 'ok' } });
  });

  it('serves the OpenAPI 3.1 document and the interactive docs', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    assert.equal(document.openapi, '3.1.0');
    assert.equal(document.paths['/api/me'].get['x-access'], 'user');
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /swagger/i);
  });
});

describe('metrics behind a token', () => {
  it('refuses /metrics without the operator token when one is set', async () => {
    const guarded = await createTestApp({ METRICS_TOKEN: 'a-very-secret-metrics-token' });
    try {
      assert.equal((await guarded.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 401);
      const ok = await guarded.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: 'Bearer a-very-secret-metrics-token' },
      });
      assert.equal(ok.statusCode, 200);
    } finally {
      await guarded.close();
    }
  });
});
