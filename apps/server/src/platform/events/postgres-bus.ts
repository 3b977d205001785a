import pg from 'pg';
import { assertChannelName, type EventBus, LocalSubscribers } from './event-bus';

// NOTIFY payloads are limited to 8000 bytes; bigger messages must carry ids, not bodies
export const MAX_NOTIFY_PAYLOAD_BYTES = 7900;
const RECONNECT_DELAY_MS = 1000;

/**
 * LISTEN/NOTIFY on a dedicated connection, re-established (with every LISTEN) if it drops.
 * Publishing goes through the pool with pg_notify, so it needs no extra connection.
 */
export function createPostgresBus(options: {
  connectionString: string;
  pool: pg.Pool;
  onError?: (error: unknown) => void;
}): EventBus {
  const onError = options.onError ?? (() => {});
  const subscribers = new LocalSubscribers();
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let isClosed = false;

  async function connect(): Promise<pg.Client> {
    const next = new pg.Client({
      connectionString: options.connectionString,
      application_name: 'groundwork-events',
    });
    next.on('notification', (notification) => {
      if (!notification.payload) return;
      try {
        subscribers.deliver(notification.channel, JSON.parse(notification.payload), onError);
      } catch (error) {
        onError(error);
      }
    });
    next.on('error', (error) => {
      onError(error);
      client = undefined;
      connecting = undefined;
      if (!isClosed) setTimeout(() => void listener().catch(onError), RECONNECT_DELAY_MS).unref();
    });
    await next.connect();
    for (const channel of subscribers.channels()) await next.query(`LISTEN "${channel}"`);
    client = next;
    return next;
  }

  function listener(): Promise<pg.Client> {
    if (client) return Promise.resolve(client);
    connecting ??= connect().finally(() => {
      connecting = undefined;
    });
    return connecting;
  }

  return {
    kind: 'postgres',
    async publish(channel, message) {
      assertChannelName(channel);
      const payload = JSON.stringify(message);
      if (Buffer.byteLength(payload) > MAX_NOTIFY_PAYLOAD_BYTES) {
        throw new Error(`event too large for NOTIFY on ${channel}: ${payload.length} bytes`);
      }
      await options.pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async subscribe(channel, handler) {
      assertChannelName(channel);
      const subscription = subscribers.add(channel, handler);
      if (subscription.isFirst) await (await listener()).query(`LISTEN "${channel}"`);
      return async () => {
        if (subscription.remove() && client) await client.query(`UNLISTEN "${channel}"`).catch(onError);
      };
    },
    async close() {
      isClosed = true;
      await client?.end().catch(() => {});
    },
  };
}
