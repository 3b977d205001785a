import type { Roadmap } from '@groundwork/contracts';
import type { Logger } from 'pino';
import type { Database } from '../../db/database';
import type { EventBus } from '../../platform/events/event-bus';
import { syncContent } from './content-sync.service';
import type { ProjectStageLink } from './project-stages';
import {
  createRoadmapStore,
  ROADMAP_SYNCED_CHANNEL,
  type RoadmapStore,
  type RoadmapSyncedMessage,
} from './roadmap-store';

/**
 * What an API process does with the content at start: syncs it into the database (nothing is written when
 * it is unchanged), loads it for serving, and tells the other API processes when it changed.
 * @example const store = await syncAndLoadRoadmap({ database, bus, logger, roadmap });
 */
export async function syncAndLoadRoadmap(options: {
  database: Database;
  bus: EventBus;
  logger: Logger;
  roadmap: Roadmap;
  projectStages?: readonly ProjectStageLink[];
}): Promise<RoadmapStore> {
  const { database, bus, logger } = options;
  const result = await syncContent(database.db, options.roadmap);
  if (result.isChanged) {
    const { isChanged: _isChanged, ...counts } = result;
    logger.info(counts, 'roadmap content synced');
  } else {
    logger.debug({ contentHash: result.contentHash }, 'roadmap content unchanged');
  }
  const store = await createRoadmapStore({
    db: database.db,
    bus,
    ...(options.projectStages ? { projectStages: options.projectStages } : {}),
    onError: (error) => logger.error({ err: error }, 'reloading the roadmap failed'),
  });
  if (result.isChanged) {
    const message: RoadmapSyncedMessage = { contentHash: result.contentHash, layoutHash: result.layoutHash };
    await bus.publish(ROADMAP_SYNCED_CHANNEL, message);
  }
  return store;
}
