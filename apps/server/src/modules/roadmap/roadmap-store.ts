import type { Db } from '../../db/database';
import { AppError } from '../../platform/errors/app-error';
import type { EventBus } from '../../platform/events/event-bus';
import { readSyncedRoadmap } from './content.repository';
import { groupProjectStagesByTopic, type ProjectStageLink } from './project-stages';
import { buildRoadmapSnapshot, type RoadmapSnapshot } from './roadmap-snapshot';

/** Every API process hears on this channel that a sync changed the roadmap, and reloads it. */
export const ROADMAP_SYNCED_CHANNEL = 'roadmap.synced';
export type RoadmapSyncedMessage = { contentHash: string; layoutHash: string };

/** Serves the synced roadmap from memory; the database stays the source of truth. */
export type RoadmapStore = {
  /** The roadmap being served; undefined until content has been synced and loaded. */
  current(): RoadmapSnapshot | undefined;
  /** Re-reads the synced roadmap from the database (after a sync, here or in another process). */
  refresh(): Promise<void>;
  close(): Promise<void>;
};

/** For an app built without content (the OpenAPI generator, a worker): the roadmap routes answer 503. */
export const UNLOADED_ROADMAP_STORE: RoadmapStore = {
  current: () => undefined,
  refresh: async () => {},
  close: async () => {},
};

/**
 * Loads the synced roadmap and keeps it current: a message on {@link ROADMAP_SYNCED_CHANNEL} with other
 * hashes than the ones served makes it reload.
 * @example const store = await createRoadmapStore({ db: database.db, bus });
 */
export async function createRoadmapStore(options: {
  db: Db;
  bus?: EventBus | undefined;
  projectStages?: readonly ProjectStageLink[];
  onError?: (error: unknown) => void;
}): Promise<RoadmapStore> {
  const projectStagesByTopic = groupProjectStagesByTopic(options.projectStages ?? []);
  let snapshot: RoadmapSnapshot | undefined;
  // reloads run one after another, so an older read can never overwrite a newer one
  let queue: Promise<void> = Promise.resolve();

  const refresh = () => {
    const next = queue.then(async () => {
      const rows = await readSyncedRoadmap(options.db);
      snapshot = rows ? buildRoadmapSnapshot(rows, projectStagesByTopic) : undefined;
    });
    queue = next.catch(() => {});
    return next;
  };

  await refresh();
  const unsubscribe = options.bus
    ? await options.bus.subscribe(ROADMAP_SYNCED_CHANNEL, (message) => {
        const synced = message as RoadmapSyncedMessage;
        if (synced.contentHash === snapshot?.contentHash && synced.layoutHash === snapshot.layoutHash) return;
        refresh().catch((error: unknown) => options.onError?.(error));
      })
    : async () => {};

  return {
    current: () => snapshot,
    refresh,
    close: () => unsubscribe(),
  };
}

/** The roadmap being served, or a 503 while there is none. */
export function requireRoadmap(store: RoadmapStore): RoadmapSnapshot {
  const snapshot = store.current();
  if (!snapshot) throw new AppError('not_ready', 'The roadmap content has not been loaded on this server.');
  return snapshot;
}
