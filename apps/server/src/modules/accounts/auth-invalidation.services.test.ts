/**
 * Two API processes (two apps, each with its own event bus) on one PostgreSQL database: logging out,
 * revoking a token or changing a role through one must take effect in the other at once, even though
 * both cache who their callers are.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { buildApp } from '../../app';
import { loadConfig } from '../../config/config';
import type { Database } from '../../db/database';
import type { EventBus } from '../../platform/events/event-bus';
import { createPostgresBus } from '../../platform/events/postgres-bus';
import { createRedisBus } from '../../platform/events/redis-bus';
import { callerFrom } from '../../test/test-app';
import { openTestDatabase } from '../../test/test-database';
import { openGradingQueue, queueSettingsOf } from '../submissions/grading-queue';

const INVALIDATION_WINDOW_MS = 1000;

async function eventually(check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > INVALIDATION_WINDOW_MS)
      throw new Error(`not within ${INVALIDATION_WINDOW_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Date.now() - started;
}

let database: Database;
before(async () => {
  database = await openTestDatabase();
});
after(() => database.close());

const variants: { name: string; bus(): EventBus }[] = [
  {
    name: 'PostgreSQL LISTEN/NOTIFY',
    bus: () => {
      const pool = database.pool;
      assert.ok(pool);
      return createPostgresBus({
        connectionString: (pool.options as { connectionString: string }).connectionString,
        pool,
      });
    },
  },
  {
    name: 'Redis',
    bus: () => createRedisBus({ url: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' }),
  },
];

for (const variant of variants) {
  describe(`auth invalidation across processes over ${variant.name}`, () => {
    it('refuses a revoked token and a logged-out session in the other process', async () => {
      const config = loadConfig({
        NODE_ENV: 'test',
        AUTH_RATE_LIMIT_PER_MINUTE: '1000',
        AUTH_CACHE_TTL_MS: '60000',
      });
      const logger = pino({ level: 'silent' });
      const queue = await openGradingQueue(database, queueSettingsOf(config.grading), logger, {
        supervise: false,
      });
      const buses = [variant.bus(), variant.bus()];
      const apps = await Promise.allSettled(
        buses.map((bus) => buildApp({ config, database, logger, bus, queue })),
      );
      try {
        const [a, b] = apps.map((settled) => {
          if (settled.status === 'rejected') throw settled.reason;
          return settled.value;
        });
        assert.ok(a && b);
        const email = `x-${variant.name.length}-${Date.now()}@example.com`;
        const signup = await a.inject({
          method: 'POST',
          url: '/api/auth/signup',
          payload: { email, password: 'long enough password', name: 'X' },
        });
        const caller = callerFrom(signup);
        const { token, secret } = (
          await a.inject({
            method: 'POST',
            url: '/api/tokens',
            headers: caller.writeHeaders,
            payload: { name: 't' },
          })
        ).json();
        const bearer = { authorization: `Bearer ${secret}` };
        // warm B's cache for both credentials
        assert.equal((await b.inject({ method: 'GET', url: '/api/me', headers: bearer })).statusCode, 200);
        assert.equal(
          (await b.inject({ method: 'GET', url: '/api/me', headers: caller.headers })).statusCode,
          200,
        );

        await a.inject({ method: 'DELETE', url: `/api/tokens/${token.id}`, headers: caller.writeHeaders });
        await eventually(
          async () => (await b.inject({ method: 'GET', url: '/api/me', headers: bearer })).statusCode === 401,
        );

        await a.inject({ method: 'POST', url: '/api/auth/logout', headers: caller.writeHeaders });
        await eventually(
          async () =>
            (await b.inject({ method: 'GET', url: '/api/me', headers: caller.headers })).statusCode === 401,
        );
      } finally {
        for (const settled of apps) if (settled.status === 'fulfilled') await settled.value.close();
        await Promise.all(buses.map((bus) => bus.close()));
        await queue.stop();
      }
    });
  });
}
