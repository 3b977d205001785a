import type { GradingEvent } from '@groundwork/contracts';
import type { Logger } from 'pino';
import type { Db } from '../../db/database';
import type { EventBus } from '../../platform/events/event-bus';
import { announceLive, MAX_INLINE_EVENT_BYTES } from './live-messages';
import { appendEvents } from './submission-events.repository';

const MAX_WRITE_ATTEMPTS = 3;

export type EventRecorder = {
  /** Takes an event as the grader emits it (synchronously); it is stored, then announced, in order. */
  record(event: GradingEvent): void;
  /** Resolves once every recorded event is stored and announced; rejects if storing kept failing. */
  drain(): Promise<void>;
};

/**
 * Stores a run's events in order and announces each one after it is stored, so a subscriber that
 * hears of event n can always read events 0..n from the database. Events that arrive while a write
 * is in flight go out together in the next one.
 */
export function createEventRecorder(options: {
  db: Db;
  bus: EventBus;
  submissionId: string;
  attempt: number;
  logger: Logger;
}): EventRecorder {
  const { db, bus, submissionId, attempt } = options;
  let pending: GradingEvent[] = [];
  let chain: Promise<void> = Promise.resolve();
  let isScheduled = false;
  let failure: unknown;

  async function writeBatch(batch: GradingEvent[]) {
    for (let tries = 1; ; tries += 1) {
      try {
        await appendEvents(db, submissionId, attempt, batch);
        break;
      } catch (error) {
        if (tries >= MAX_WRITE_ATTEMPTS) throw error;
      }
    }
    for (const event of batch) {
      const fits = Buffer.byteLength(JSON.stringify(event)) <= MAX_INLINE_EVENT_BYTES;
      await announceLive(bus, options.logger, {
        kind: 'event',
        submissionId,
        attempt,
        seq: event.seq,
        ...(fits ? { event } : {}),
      });
    }
  }

  async function flushPending() {
    isScheduled = false;
    const batch = pending;
    pending = [];
    if (failure !== undefined || batch.length === 0) return;
    try {
      await writeBatch(batch);
    } catch (error) {
      failure = error;
    }
  }

  return {
    record(event) {
      pending.push(event);
      if (isScheduled) return;
      isScheduled = true;
      chain = chain.then(flushPending);
    },
    async drain() {
      do await chain;
      while (isScheduled);
      if (failure !== undefined) throw failure;
    },
  };
}
