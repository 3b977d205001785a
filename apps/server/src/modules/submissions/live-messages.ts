import { GradingEvent, SubmissionStatus } from '@groundwork/contracts';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { EventBus } from '../../platform/events/event-bus';

/** Channels of the event bus that grading uses (memory, PostgreSQL NOTIFY or Redis, alike). */
export const CHANNELS = {
  /** Events and status changes of every submission, for the API processes that stream them. */
  live: 'grading.live',
  /** "Stop this run": to whichever worker holds it. */
  cancel: 'grading.cancel',
  /** "A job was enqueued": wakes idle workers before their next poll. */
  jobs: 'grading.jobs',
} as const;

/**
 * A live message. An event travels whole when it fits in a NOTIFY payload; otherwise without its body
 * and subscribers read it from the database, where it was stored before it was announced.
 */
export const LiveMessage = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('event'),
    submissionId: z.uuid(),
    attempt: z.number().int(),
    seq: z.number().int(),
    event: GradingEvent.optional(),
  }),
  z.object({
    kind: z.literal('status'),
    submissionId: z.uuid(),
    attempt: z.number().int(),
    status: SubmissionStatus,
  }),
]);
export type LiveMessage = z.infer<typeof LiveMessage>;

export const CancelMessage = z.object({ submissionId: z.uuid() });
export type CancelMessage = z.infer<typeof CancelMessage>;

// leaves room under PostgreSQL's 8000-byte NOTIFY limit for the envelope
export const MAX_INLINE_EVENT_BYTES = 7000;

/** Announces a live message; a lost one costs watchers latency (they catch up from the database), never data. */
export async function announceLive(bus: EventBus, logger: Logger, message: LiveMessage): Promise<void> {
  await bus.publish(CHANNELS.live, message).catch((error: unknown) => {
    logger.warn({ err: error, submissionId: message.submissionId }, 'could not announce a grading update');
  });
}
