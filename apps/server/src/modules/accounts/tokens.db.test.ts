import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, signUp, type TestApp } from '../../test/test-app';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/me', headers });

describe('personal access tokens', () => {
  it('shows the secret once, stores only a hash, and authenticates bearer calls without CSRF', async () => {
    const caller = await signUp(t.app);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: caller.writeHeaders,
      payload: { name: 'laptop cli' },
    });
    assert.equal(created.statusCode, 201);
    assert.equal(created.headers['cache-control'], 'no-store');
    const { token, secret } = created.json();
    assert.match(secret, /^gwp_[A-Za-z0-9_-]{43}$/);
    assert.ok(secret.startsWith(token.prefix));
    const rows = await t.database.executeSql('select token_hash from api_tokens where id = $1', [token.id]);
    assert.notEqual(rows.rows[0]?.token_hash, secret);
    assert.doesNotMatch(
      JSON.stringify(
        (await t.app.inject({ method: 'GET', url: '/api/tokens', headers: caller.headers })).json(),
      ),
      new RegExp(secret),
    );

    const bearer = { authorization: `Bearer ${secret}` };
    assert.equal((await me(bearer)).json().id, caller.user.id);
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: bearer,
      payload: { name: 'from a script' },
    });
    assert.equal(write.statusCode, 201, 'bearer writes need no CSRF token');
    const listed = (await t.app.inject({ method: 'GET', url: '/api/tokens', headers: bearer })).json();
    assert.ok(
      listed.items.find((item: { id: string }) => item.id === token.id).lastUsedAt,
      'last use is recorded',
    );
  });

  it('refuses a revoked token at once', async () => {
    const caller = await signUp(t.app);
    const { token, secret } = (
      await t.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: caller.writeHeaders,
        payload: { name: 'soon revoked' },
      })
    ).json();
    const bearer = { authorization: `Bearer ${secret}` };
    assert.equal((await me(bearer)).statusCode, 200);
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/tokens/${token.id}`,
      headers: caller.writeHeaders,
    });
    assert.equal(revoke.statusCode, 204);
    const refused = await me(bearer);
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.json().code, 'unauthenticated');
  });

  it("cannot revoke another user's token: it looks like it does not exist, and keeps working", async () => {
    const owner = await signUp(t.app);
    const other = await signUp(t.app);
    const { token, secret } = (
      await t.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: owner.writeHeaders,
        payload: { name: 'mine' },
      })
    ).json();
    const attempt = await t.app.inject({
      method: 'DELETE',
      url: `/api/tokens/${token.id}`,
      headers: other.writeHeaders,
    });
    assert.equal(attempt.statusCode, 404);
    assert.equal((await me({ authorization: `Bearer ${secret}` })).statusCode, 200);
  });

  it('refuses a malformed or unknown bearer token instead of falling back to the cookie', async () => {
    const caller = await signUp(t.app);
    const response = await me({ ...caller.headers, authorization: 'Bearer gwp_unknown' });
    assert.equal(response.statusCode, 401);
    assert.equal((await me({ authorization: 'Basic abc' })).statusCode, 401);
  });

  it('refuses an expired token', async () => {
    const caller = await signUp(t.app);
    const { token, secret } = (
      await t.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: caller.writeHeaders,
        payload: { name: 'short', expiresInDays: 1 },
      })
    ).json();
    await t.database.executeSql(
      "update api_tokens set expires_at = now() - interval '1 second' where id = $1",
      [token.id],
    );
    assert.equal((await me({ authorization: `Bearer ${secret}` })).statusCode, 401);
  });
});
