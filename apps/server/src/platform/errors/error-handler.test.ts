import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/test-app';

const SECRET_MESSAGE = 'spec file unreadable at /srv/groundwork/private/spec.md';

let t: TestApp;
before(async () => {
  t = await createTestApp(
    {},
    {
      // a bug deep inside a route: the catalogue throws a plain Error, not an AppError
      catalogue: {
        list: () => [],
        find: () => {
          throw new Error(SECRET_MESSAGE);
        },
      },
    },
  );
});
after(() => t.close());

describe('an unhandled error inside a route', () => {
  it('answers a plain 500 problem that gives away neither the message nor the stack', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/projects/url-shortener/contract' });
    assert.equal(response.statusCode, 500);
    assert.equal(response.headers['content-type'], 'application/problem+json');
    const problem = response.json();
    assert.equal(problem.code, 'internal_error');
    assert.equal(problem.type, '/problems/internal_error');
    assert.equal(problem.requestId, response.headers['x-request-id']);
    assert.doesNotMatch(response.body, /spec file unreadable|\/srv\/groundwork/);
    assert.doesNotMatch(response.body, /error-handler\.test\.ts|\bat .+:\d+:\d+/);
  });

  it('logs the whole error, message and stack, with the request id an operator can search for', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/projects/url-shortener/contract',
      headers: { 'x-request-id': 'trace-me-500' },
    });
    assert.equal(response.statusCode, 500);
    const logged = t.logs
      .map((line) => JSON.parse(line))
      .find((line) => line.msg === 'unhandled error' && line.requestId === 'trace-me-500');
    assert.ok(logged, 'the error is logged with the request id');
    assert.equal(logged.level, 50, 'at error level');
    assert.equal(logged.err.message, SECRET_MESSAGE);
    assert.match(logged.err.stack, /error-handler\.test\.ts/);
  });
});
