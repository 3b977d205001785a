import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryBus } from '../../platform/events/event-bus';
import type { Principal } from './principal';
import { createPrincipalCache } from './principal-cache';

const user = {
  id: 'u1',
  email: 'a@example.com',
  name: 'A',
  passwordHash: 'x',
  role: 'learner' as const,
  createdAt: new Date(),
  updatedAt: new Date(),
};
const principal: Principal = { via: 'token', user, tokenId: 't1' };

describe('the principal cache', () => {
  it('serves a second lookup from memory, without calling the loader', async () => {
    const cache = await createPrincipalCache({ ttlMs: 10_000, max: 100, bus: createMemoryBus() });
    let loads = 0;
    const load = async () => {
      loads += 1;
      return { principal, expiresAt: null };
    };
    await cache.resolve('token:h', load);
    assert.deepEqual(await cache.resolve('token:h', load), principal);
    assert.equal(loads, 1);
  });

  it('forgets a token, a session or a whole user at once when told', async () => {
    const cache = await createPrincipalCache({ ttlMs: 10_000, max: 100, bus: createMemoryBus() });
    let loads = 0;
    const load = async () => {
      loads += 1;
      return { principal, expiresAt: null };
    };
    await cache.resolve('token:h', load);
    await cache.invalidate({ kind: 'token', tokenId: 't1' });
    await cache.resolve('token:h', load);
    assert.equal(loads, 2);
    await cache.invalidate({ kind: 'user', userId: 'u1' });
    await cache.resolve('token:h', load);
    assert.equal(loads, 3);
  });

  it('does not cache a lookup that was already running when its credential was revoked', async () => {
    const cache = await createPrincipalCache({ ttlMs: 10_000, max: 100, bus: createMemoryBus() });
    let release: () => void = () => {};
    const slow = cache.resolve('token:h', async () => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return { principal, expiresAt: null };
    });
    await cache.invalidate({ kind: 'token', tokenId: 't1' });
    release();
    await slow;
    let loads = 0;
    await cache.resolve('token:h', async () => {
      loads += 1;
      return undefined;
    });
    assert.equal(loads, 1, 'the stale answer was not cached');
  });

  it('never serves an entry past the credential’s own expiry', async () => {
    const cache = await createPrincipalCache({ ttlMs: 10_000, max: 100, bus: createMemoryBus() });
    await cache.resolve('token:h', async () => ({ principal, expiresAt: new Date(Date.now() - 1) }));
    assert.equal(await cache.resolve('token:h', async () => undefined), undefined);
  });

  it('caches nothing when its TTL is 0', async () => {
    const cache = await createPrincipalCache({ ttlMs: 0, max: 100, bus: createMemoryBus() });
    let loads = 0;
    const load = async () => {
      loads += 1;
      return { principal, expiresAt: null };
    };
    await cache.resolve('token:h', load);
    await cache.resolve('token:h', load);
    assert.equal(loads, 2);
  });
});
