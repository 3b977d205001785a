/**
 * Publish/subscribe between the processes of one Groundwork deployment: auth-cache invalidations, and
 * (later) live grading events. In one process it is in memory; across processes it rides PostgreSQL
 * LISTEN/NOTIFY, or Redis pub/sub when REDIS_URL is set.
 */
export type EventHandler = (message: unknown) => void;

export type EventBus = {
  readonly kind: 'memory' | 'postgres' | 'redis';
  publish(channel: string, message: unknown): Promise<void>;
  /** Resolves once the subscription is live; returns the function that ends it. */
  subscribe(channel: string, handler: EventHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

/** Channel names are shared by every backend; keep them to [a-z0-9_.] so LISTEN needs no quoting games. */
export function assertChannelName(channel: string): void {
  if (!/^[a-z0-9_.]{1,60}$/.test(channel)) throw new Error(`invalid channel name: ${channel}`);
}

/** Fans a message out to the local handlers of a channel; a throwing handler never stops the others. */
export class LocalSubscribers {
  private readonly handlers = new Map<string, Set<EventHandler>>();

  add(channel: string, handler: EventHandler): { isFirst: boolean; remove(): boolean } {
    let set = this.handlers.get(channel);
    const isFirst = !set;
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
    }
    set.add(handler);
    return {
      isFirst,
      remove: () => {
        set.delete(handler);
        if (set.size > 0) return false;
        this.handlers.delete(channel);
        return true;
      },
    };
  }

  deliver(channel: string, message: unknown, onError: (error: unknown) => void): void {
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        handler(message);
      } catch (error) {
        onError(error);
      }
    }
  }

  channels(): string[] {
    return [...this.handlers.keys()];
  }
}

export function createMemoryBus(onError: (error: unknown) => void = () => {}): EventBus {
  const subscribers = new LocalSubscribers();
  return {
    kind: 'memory',
    async publish(channel, message) {
      assertChannelName(channel);
      // a structured clone keeps publishers and subscribers from sharing mutable objects, as over a network
      subscribers.deliver(channel, structuredClone(message), onError);
    },
    async subscribe(channel, handler) {
      assertChannelName(channel);
      const subscription = subscribers.add(channel, handler);
      return async () => {
        subscription.remove();
      };
    },
    async close() {},
  };
}
