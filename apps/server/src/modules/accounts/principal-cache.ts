import { LRUCache } from 'lru-cache';
import type { EventBus } from '../../platform/events/event-bus';
import type { Principal } from './principal';

/** The channel on which every API process hears that a session, token or user changed. */
export const AUTH_INVALIDATION_CHANNEL = 'auth.invalidate';

export type Invalidation =
  | { kind: 'session'; idHash: string }
  | { kind: 'token'; tokenId: string }
  | { kind: 'user'; userId: string };

type Entry = { principal: Principal; expiresAt: number | undefined };

function marksFor(principal: Principal): string[] {
  const own =
    principal.via === 'session' ? `session:${principal.sessionIdHash}` : `token:${principal.tokenId}`;
  return [own, `user:${principal.user.id}`];
}

function markOf(invalidation: Invalidation): string {
  switch (invalidation.kind) {
    case 'session':
      return `session:${invalidation.idHash}`;
    case 'token':
      return `token:${invalidation.tokenId}`;
    case 'user':
      return `user:${invalidation.userId}`;
  }
}

export type PrincipalCache = {
  /** The cached principal for a credential if there is a live one, without waiting; undefined otherwise. */
  peek(key: string): Principal | undefined;
  /** The cached principal for a credential, or the loader's answer (cached unless it raced an invalidation). */
  resolve(
    key: string,
    load: () => Promise<{ principal: Principal; expiresAt: Date | null } | undefined>,
  ): Promise<Principal | undefined>;
  /** Forgets matching entries here at once, and tells every other process. */
  invalidate(invalidation: Invalidation): Promise<void>;
  close(): Promise<void>;
};

/**
 * Caches who a session cookie or access token belongs to for a few seconds, so an authenticated read
 * does not cost a database round trip. Logging out, revoking a token or changing a role invalidates the
 * entries at once in this process and, through the event bus, in every other one. The TTL bounds how long a
 * lost invalidation message could matter.
 */
export async function createPrincipalCache(options: {
  ttlMs: number;
  max: number;
  bus: EventBus;
}): Promise<PrincipalCache> {
  const isEnabled = options.ttlMs > 0;
  const entries = new LRUCache<string, Entry>({ max: options.max, ttl: Math.max(options.ttlMs, 1) });
  // when each session/token/user was last invalidated: a lookup that started before that is not cached
  const invalidatedAt = new LRUCache<string, number>({
    max: options.max,
    ttl: Math.max(options.ttlMs, 1) * 2,
  });

  function apply(invalidation: Invalidation) {
    const mark = markOf(invalidation);
    invalidatedAt.set(mark, performance.now());
    for (const [key, entry] of entries.entries()) {
      if (marksFor(entry.principal).includes(mark)) entries.delete(key);
    }
  }

  const unsubscribe = await options.bus.subscribe(AUTH_INVALIDATION_CHANNEL, (message) =>
    apply(message as Invalidation),
  );

  function peek(key: string): Principal | undefined {
    const cached = isEnabled ? entries.get(key) : undefined;
    return cached && (cached.expiresAt === undefined || cached.expiresAt > Date.now())
      ? cached.principal
      : undefined;
  }

  return {
    peek,
    async resolve(key, load) {
      const cached = peek(key);
      if (cached) return cached;
      const startedAt = performance.now();
      const loaded = await load();
      if (!loaded) return undefined;
      const isStale = marksFor(loaded.principal).some((mark) => (invalidatedAt.get(mark) ?? -1) >= startedAt);
      if (isEnabled && !isStale) {
        entries.set(key, { principal: loaded.principal, expiresAt: loaded.expiresAt?.getTime() });
      }
      return loaded.principal;
    },
    async invalidate(invalidation) {
      apply(invalidation);
      await options.bus.publish(AUTH_INVALIDATION_CHANNEL, invalidation);
    },
    async close() {
      await unsubscribe();
    },
  };
}
