import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryBus } from './event-bus';

describe('the in-memory event bus', () => {
  it('delivers to every subscriber of a channel, and only to them', async () => {
    const bus = createMemoryBus();
    const a: unknown[] = [];
    const b: unknown[] = [];
    await bus.subscribe('grading.one', (message) => a.push(message));
    await bus.subscribe('grading.two', (message) => b.push(message));
    await bus.publish('grading.one', { n: 1 });
    assert.deepEqual(a, [{ n: 1 }]);
    assert.deepEqual(b, []);
  });

  it('stops delivering after unsubscribe, and hands out copies, not shared objects', async () => {
    const bus = createMemoryBus();
    const seen: { n: number }[] = [];
    const stop = await bus.subscribe('c', (message) => seen.push(message as { n: number }));
    const sent = { n: 1 };
    await bus.publish('c', sent);
    sent.n = 2;
    await stop();
    await bus.publish('c', { n: 3 });
    assert.deepEqual(seen, [{ n: 1 }]);
  });

  it('keeps delivering when one handler throws, and reports the error', async () => {
    const errors: unknown[] = [];
    const bus = createMemoryBus((error) => errors.push(error));
    const seen: unknown[] = [];
    await bus.subscribe('c', () => {
      throw new Error('boom');
    });
    await bus.subscribe('c', (message) => seen.push(message));
    await bus.publish('c', 'hello');
    assert.deepEqual(seen, ['hello']);
    assert.equal(errors.length, 1);
  });

  it('refuses channel names that would need quoting', async () => {
    const bus = createMemoryBus();
    await assert.rejects(bus.publish('drop table"; --', {}), /invalid channel name/);
  });
});
