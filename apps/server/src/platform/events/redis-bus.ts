import { Redis } from 'ioredis';
import { assertChannelName, type EventBus, LocalSubscribers } from './event-bus';

const PREFIX = 'groundwork:';

/** Redis pub/sub: one connection publishes, a second (in subscriber mode) listens; ioredis re-subscribes on reconnect. */
export function createRedisBus(options: { url: string; onError?: (error: unknown) => void }): EventBus {
  const onError = options.onError ?? (() => {});
  const subscribers = new LocalSubscribers();
  const publisher = new Redis(options.url, { maxRetriesPerRequest: 2 });
  const listener = new Redis(options.url, { maxRetriesPerRequest: null });
  publisher.on('error', onError);
  listener.on('error', onError);
  listener.on('message', (channel: string, payload: string) => {
    try {
      subscribers.deliver(channel.slice(PREFIX.length), JSON.parse(payload), onError);
    } catch (error) {
      onError(error);
    }
  });

  return {
    kind: 'redis',
    async publish(channel, message) {
      assertChannelName(channel);
      await publisher.publish(PREFIX + channel, JSON.stringify(message));
    },
    async subscribe(channel, handler) {
      assertChannelName(channel);
      const subscription = subscribers.add(channel, handler);
      if (subscription.isFirst) await listener.subscribe(PREFIX + channel);
      return async () => {
        if (subscription.remove()) await listener.unsubscribe(PREFIX + channel).catch(onError);
      };
    },
    async close() {
      await Promise.all([
        publisher.quit().catch(() => publisher.disconnect()),
        listener.quit().catch(() => listener.disconnect()),
      ]);
    },
  };
}
