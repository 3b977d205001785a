import type { Logger } from 'pino';
import type { Database } from '../../db/database';
import { createMemoryBus, type EventBus } from './event-bus';
import { createPostgresBus } from './postgres-bus';
import { createRedisBus } from './redis-bus';

/** Redis when configured; otherwise PostgreSQL LISTEN/NOTIFY; in memory for the embedded database. */
export function createEventBus(options: {
  redisUrl: string | undefined;
  databaseUrl: string | undefined;
  database: Database;
  logger: Logger;
}): EventBus {
  const onError = (error: unknown) => options.logger.warn({ err: error }, 'event bus problem');
  if (options.redisUrl) return createRedisBus({ url: options.redisUrl, onError });
  if (options.databaseUrl && options.database.pool) {
    return createPostgresBus({ connectionString: options.databaseUrl, pool: options.database.pool, onError });
  }
  return createMemoryBus(onError);
}
