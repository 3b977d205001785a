import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let isDraining = false;
let isDatabaseDown = false;

before(async () => {
  t = await createTestApp(
    {},
    {
      isShuttingDown: () => isDraining,
      // what a dropped connection looks like to the app; the error names a host no client should see
      viewDatabase: (database) => ({
        ...database,
        ping: () =>
          isDatabaseDown
            ? Promise.reject(new Error('connect ECONNREFUSED 10.20.30.40:5432'))
            : database.ping(),
      }),
    },
  );
});
after(() => t.close());

const readyz = () => t.app.inject({ method: 'GET', url: '/readyz' });

describe('readiness tells a load balancer when to stop sending traffic', () => {
  it('answers 503 not_ready when the database does not answer, without saying where it lives', async () => {
    isDatabaseDown = true;
    try {
      const response = await readyz();
      assert.equal(response.statusCode, 503);
      assert.equal(response.headers['content-type'], 'application/problem+json');
      assert.equal(response.json().code, 'not_ready');
      assert.match(response.json().detail, /database/);
      assert.doesNotMatch(response.body, /ECONNREFUSED|10\.20\.30\.40/);
    } finally {
      isDatabaseDown = false;
    }
    assert.equal((await readyz()).statusCode, 200, 'ready again once the database answers');
  });

  it('answers 503 not_ready while the process drains, and asks the client to close the connection', async () => {
    isDraining = true;
    try {
      const response = await readyz();
      assert.equal(response.statusCode, 503);
      assert.equal(response.json().code, 'not_ready');
      assert.match(response.json().detail, /shutting down/);
      assert.equal(response.headers.connection, 'close');
    } finally {
      isDraining = false;
    }
  });

  it('keeps liveness at 200 while not ready: the process is up, it only must not get new traffic', async () => {
    isDatabaseDown = true;
    try {
      assert.equal((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
    } finally {
      isDatabaseDown = false;
    }
  });
});
