import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, signUp, type TestApp } from '../test/test-app';

let t: TestApp;

before(async () => {
  t = await createTestApp();
  // constraints only this test has, so that an insert fails the way a real one can (a check or unique violation)
  await t.database.executeSql(
    `alter table users add constraint test_no_doomed_names check (name <> 'Doomed Name')`,
  );
  await t.database.executeSql(
    `alter table api_tokens add constraint test_no_doomed_tokens check (name <> 'doomed token')`,
  );
});
after(() => t.close());

function errorLines(): Record<string, unknown>[] {
  return t.logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === 'unhandled error');
}

describe('a failed insert in the log', () => {
  it('names the code, table and constraint, never the password hash or the query parameters', async () => {
    t.logs.length = 0;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email: 'doomed@example.com', password: 'a long enough password', name: 'Doomed Name' },
    });
    assert.equal(response.statusCode, 500);
    const [line] = errorLines();
    assert.ok(line, t.logs.join(''));
    const logged = t.logs.join('');
    assert.doesNotMatch(logged, /\$argon2/, 'the password hash');
    assert.doesNotMatch(logged, /params/);
    assert.doesNotMatch(logged, /doomed@example\.com/, 'a value of the row');
    const err = line.err as Record<string, unknown>;
    assert.equal(err.code, '23514');
    assert.equal(err.table, 'users');
    assert.equal(err.constraint, 'test_no_doomed_names');
    assert.match(String(err.message), /violates check constraint "test_no_doomed_names"/);
  });

  it('keeps the token hash out too', async () => {
    const learner = await signUp(t.app);
    t.logs.length = 0;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: learner.writeHeaders,
      payload: { name: 'doomed token' },
    });
    assert.equal(response.statusCode, 500);
    const logged = t.logs.join('');
    assert.doesNotMatch(logged, /[0-9a-f]{64}/, 'a SHA-256 token hash');
    assert.doesNotMatch(logged, /gwp_/);
    assert.doesNotMatch(logged, new RegExp(learner.user.id), 'a value of the row');
    const [line] = errorLines();
    assert.ok(line, t.logs.join(''));
    assert.equal((line.err as Record<string, unknown>).table, 'api_tokens');
  });
});
