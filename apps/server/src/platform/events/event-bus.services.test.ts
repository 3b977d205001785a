import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../../db/database';
import { openTestDatabase } from '../../test/test-database';
import type { EventBus } from './event-bus';
import { createPostgresBus } from './postgres-bus';
import { createRedisBus } from './redis-bus';

function waitFor<T>(list: T[], count: number, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (list.length >= count) return resolve();
      if (Date.now() > deadline) return reject(new Error(`only ${list.length} of ${count} messages arrived`));
      setTimeout(tick, 5);
    };
    tick();
  });
}

let database: Database;
before(async () => {
  database = await openTestDatabase();
});
after(() => database.close());

const backends: { name: string; make(): EventBus }[] = [
  {
    name: 'PostgreSQL LISTEN/NOTIFY',
    make: () => {
      const pool = database.pool;
      assert.ok(pool, 'the services suite runs on PostgreSQL');
      const connectionString = (pool.options as { connectionString: string }).connectionString;
      return createPostgresBus({ connectionString, pool });
    },
  },
  {
    name: 'Redis pub/sub',
    make: () => createRedisBus({ url: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' }),
  },
];

for (const backend of backends) {
  describe(`the ${backend.name} event bus`, () => {
    it('carries messages between two independent buses (as between two processes), in order', async () => {
      const sender = backend.make();
      const receiver = backend.make();
      try {
        const channel = `test.order_${process.pid}_${Date.now()}`;
        const seen: unknown[] = [];
        await receiver.subscribe(channel, (message) => seen.push(message));
        for (let n = 0; n < 20; n++) await sender.publish(channel, { n });
        await waitFor(seen, 20);
        assert.deepEqual(
          seen,
          Array.from({ length: 20 }, (_, n) => ({ n })),
        );
      } finally {
        await sender.close();
        await receiver.close();
      }
    });

    it('stops delivering after unsubscribe', async () => {
      const bus = backend.make();
      try {
        const channel = `test.unsub_${process.pid}_${Date.now()}`;
        const seen: unknown[] = [];
        const stop = await bus.subscribe(channel, (message) => seen.push(message));
        await bus.publish(channel, 1);
        await waitFor(seen, 1);
        await stop();
        await bus.publish(channel, 2);
        await new Promise((resolve) => setTimeout(resolve, 200));
        assert.deepEqual(seen, [1]);
      } finally {
        await bus.close();
      }
    });
  });
}
