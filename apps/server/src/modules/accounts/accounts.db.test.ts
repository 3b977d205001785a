import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Caller, createTestApp, signUp, signUpAs, type TestApp } from '../../test/test-app';

let t: TestApp;
let admin: Caller;
before(async () => {
  t = await createTestApp();
  admin = await signUp(t.app, { email: 'first@example.com' });
});
after(() => t.close());

const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/me', headers });

describe('sign-up and roles', () => {
  it('makes the first account on a fresh instance an admin, and later ones learners', async () => {
    assert.equal(admin.user.role, 'admin');
    const second = await signUp(t.app);
    assert.equal(second.user.role, 'learner');
  });

  it('stores emails case-insensitively and refuses a duplicate with 409 naming the field', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email: '  FIRST@Example.com ', password: 'another long password', name: 'Copy' },
    });
    assert.equal(response.statusCode, 409);
    assert.equal(response.json().code, 'email_taken');
    assert.equal(response.json().errors[0].field, 'email');
  });

  it('sets an HttpOnly, SameSite=Lax session cookie and never returns the password hash', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email: 'cookie@example.com', password: 'a long enough password', name: 'C' },
    });
    const session = response.cookies.find((cookie) => cookie.name === 'gw_session');
    assert.ok(session?.httpOnly);
    assert.equal(session?.sameSite, 'Lax');
    assert.equal(session?.path, '/');
    assert.doesNotMatch(response.body, /argon2|password/i);
  });

  it('names the session cookie __Host-gw_session over HTTPS, and the API document names the one in use', async () => {
    const documentOf = async (app: TestApp['app']) =>
      (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    assert.equal((await documentOf(t.app)).components.securitySchemes.sessionCookie.name, 'gw_session');
    const https = await createTestApp({ PUBLIC_URL: 'https://groundwork.example.org' });
    try {
      const caller = await signUp(https.app);
      assert.match(caller.cookie, /^__Host-gw_session=/);
      assert.equal(
        (await https.app.inject({ method: 'GET', url: '/api/me', headers: caller.headers })).statusCode,
        200,
      );
      const scheme = (await documentOf(https.app)).components.securitySchemes.sessionCookie;
      assert.equal(scheme.name, '__Host-gw_session');
      assert.match(scheme.description, /`__Host-gw_session` .*HTTPS.*`gw_session` otherwise/s);
    } finally {
      await https.close();
    }
  });

  it('lets an admin change roles, records it, and never removes the last admin', async () => {
    const learner = await signUp(t.app);
    const promote = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${learner.user.id}`,
      headers: admin.writeHeaders,
      payload: { role: 'mentor' },
    });
    assert.equal(promote.statusCode, 200);
    assert.equal(promote.json().role, 'mentor');
    const demoteSelf = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${admin.user.id}`,
      headers: admin.writeHeaders,
      payload: { role: 'learner' },
    });
    assert.equal(demoteSelf.statusCode, 409);
    assert.equal(demoteSelf.json().code, 'last_admin');
    const events = (
      await t.app.inject({ method: 'GET', url: '/api/admin/audit-events?limit=100', headers: admin.headers })
    ).json();
    const change = events.items.find((event: { type: string }) => event.type === 'role.changed');
    assert.deepEqual(change.data, { from: 'learner', to: 'mentor' });
    assert.equal(change.actorId, admin.user.id);
  });

  it('pages through users with a cursor, without repeats or gaps', async () => {
    for (let i = 0; i < 5; i++) await signUp(t.app);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/admin/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.app.inject({ method: 'GET', url, headers: admin.headers })).json();
      seen.push(...page.items.map((user: { id: string }) => user.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = (
      await t.app.inject({ method: 'GET', url: '/api/admin/users?limit=100', headers: admin.headers })
    ).json();
    assert.deepEqual(
      seen,
      all.items.map((user: { id: string }) => user.id),
    );
    assert.equal(new Set(seen).size, seen.length);
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/admin/users?cursor=bm90LWEtY3Vyc29y',
      headers: admin.headers,
    });
    assert.equal(forged.statusCode, 400);
    assert.equal(forged.json().errors[0].field, 'cursor');
  });
});

describe('log-in, log-out and sessions', () => {
  it('says the same thing for an unknown email and a wrong password, and audits both', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@example.com', password: 'whatever it is' },
    });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'first@example.com', password: 'not the password' },
    });
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.statusCode, 401);
    const strip = (body: { requestId?: string }) => ({ ...body, requestId: undefined });
    assert.deepEqual(strip(unknown.json()), strip(wrong.json()));
    const events = (
      await t.app.inject({ method: 'GET', url: '/api/admin/audit-events?limit=100', headers: admin.headers })
    ).json();
    const failures = events.items.filter((event: { type: string }) => event.type === 'login.failed');
    assert.ok(failures.length >= 2);
  });

  it('logs in with the right password, case-insensitively on the email', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'First@Example.COM', password: 'a long enough password' },
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().user.email, 'first@example.com');
  });

  it('invalidates the session on the server at log-out: the old cookie stops working', async () => {
    const caller = await signUp(t.app);
    assert.equal((await me(caller.headers)).statusCode, 200);
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: caller.writeHeaders,
    });
    assert.equal(logout.statusCode, 204);
    assert.ok(logout.cookies.some((cookie) => cookie.name === 'gw_session' && cookie.value === ''));
    assert.equal((await me(caller.headers)).statusCode, 401, 'the replayed cookie is refused');
  });

  it('refuses a cookie-authenticated write without the CSRF token, or with a wrong one', async () => {
    const caller = await signUp(t.app);
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: caller.headers,
      payload: { name: 'x' },
    });
    assert.equal(missing.statusCode, 403);
    assert.equal(missing.json().code, 'csrf_token_invalid');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { ...caller.headers, 'x-csrf-token': 'not-it' },
      payload: { name: 'x' },
    });
    assert.equal(wrong.statusCode, 403);
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: caller.writeHeaders,
      payload: { name: 'x' },
    });
    assert.equal(right.statusCode, 201);
  });
});

describe('audit and logs', () => {
  it('records token creation and revocation', async () => {
    const caller = await signUpAs(t.app, admin, 'learner');
    const { token } = (
      await t.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: caller.writeHeaders,
        payload: { name: 'audited' },
      })
    ).json();
    await t.app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}`, headers: caller.writeHeaders });
    const events = (
      await t.app.inject({ method: 'GET', url: '/api/admin/audit-events?limit=100', headers: admin.headers })
    ).json();
    const types = events.items
      .filter((event: { userId: string }) => event.userId === caller.user.id)
      .map((event: { type: string }) => event.type);
    assert.deepEqual(types.slice(0, 3), ['token.revoked', 'token.created', 'signup']);
  });

  it('never writes passwords, cookies or token secrets to the log', async () => {
    const password = 'a-password-that-must-not-be-logged';
    const caller = await signUp(t.app, { password });
    const { secret } = (
      await t.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: caller.writeHeaders,
        payload: { name: 'logged?' },
      })
    ).json();
    await me({ authorization: `Bearer ${secret}` });
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: caller.user.email, password },
    });
    const logs = t.logs.join('');
    assert.ok(logs.includes(caller.user.id) || logs.includes('"requestId"'), 'the app does log requests');
    for (const secretValue of [
      password,
      secret,
      caller.csrfToken,
      caller.cookie.split(';')[0]?.split('=')[1] ?? '',
    ]) {
      assert.ok(!logs.includes(secretValue), 'a secret appears in the log');
    }
  });

  it("at debug level logs each request's headers, with cookies, tokens and CSRF secrets redacted", async () => {
    const verbose = await createTestApp({ LOG_LEVEL: 'debug' });
    try {
      const caller = await signUp(verbose.app);
      const created = await verbose.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: caller.writeHeaders,
        payload: { name: 'debug' },
      });
      const { secret } = created.json();
      await verbose.app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { authorization: `Bearer ${secret}`, 'user-agent': 'log-check/1.0' },
      });
      const lines = verbose.logs.map((line) => JSON.parse(line));
      const lineFor = (url: string) =>
        lines.find((line) => line.msg === 'request completed' && line.url === url);
      const signupLine = lineFor('/api/auth/signup');
      const tokenLine = lineFor('/api/tokens');
      const meLine = lineFor('/api/me');
      assert.equal(meLine?.requestHeaders['user-agent'], 'log-check/1.0', 'headers are logged at debug');
      assert.equal(meLine?.requestHeaders.authorization, '[redacted]');
      assert.equal(tokenLine?.requestHeaders.cookie, '[redacted]');
      assert.equal(tokenLine?.requestHeaders['x-csrf-token'], '[redacted]');
      assert.equal(signupLine?.responseHeaders['set-cookie'], '[redacted]');
      const logs = verbose.logs.join('');
      for (const secretValue of [
        secret,
        caller.csrfToken,
        caller.cookie.split(';')[0]?.split('=')[1] ?? '',
      ]) {
        assert.ok(!logs.includes(secretValue), 'a secret appears in the log');
      }
    } finally {
      await verbose.close();
    }
  });
});

describe('rate limits on authentication', () => {
  it('answers 429 with Retry-After after too many sign-up attempts', async () => {
    const limited = await createTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const attempt = (n: number) =>
        limited.app.inject({
          method: 'POST',
          url: '/api/auth/signup',
          payload: { email: `flood${n}@example.com`, password: 'long enough password', name: 'F' },
        });
      assert.equal((await attempt(1)).statusCode, 201);
      assert.equal((await attempt(2)).statusCode, 201);
      const blocked = await attempt(3);
      assert.equal(blocked.statusCode, 429);
      assert.equal(blocked.json().code, 'rate_limited');
      assert.ok(Number(blocked.headers['retry-after']) > 0);
    } finally {
      await limited.close();
    }
  });

  it('answers 429 with Retry-After after too many log-in attempts', async () => {
    const limited = await createTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const attempt = () =>
        limited.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: 'x@example.com', password: 'guess guess' },
        });
      for (let i = 0; i < 3; i++) assert.equal((await attempt()).statusCode, 401);
      const blocked = await attempt();
      assert.equal(blocked.statusCode, 429);
      assert.equal(blocked.json().code, 'rate_limited');
      assert.equal(blocked.headers['content-type'], 'application/problem+json');
      assert.ok(Number(blocked.headers['retry-after']) > 0);
    } finally {
      await limited.close();
    }
  });
});
