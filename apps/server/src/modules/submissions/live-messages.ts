import { GradingEvent, SubmissionStatus } from '@groundwork/contracts';
import { z } from 'zod';

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
