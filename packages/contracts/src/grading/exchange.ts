import { z } from 'zod';

/** Header names lower-cased; repeated headers joined with `, ` (set-cookie with a newline). */
export const RecordedHeaders = z.record(z.string(), z.string());
export type RecordedHeaders = z.infer<typeof RecordedHeaders>;

/** Why an exchange produced no (complete) response, in the grader's words. */
export const ExchangeErrorKind = z.enum([
  'timeout',
  'connection-refused',
  'connection-reset',
  'body-too-large',
  'invalid-response',
  'refused-by-policy',
  'aborted',
  'network',
]);
export type ExchangeErrorKind = z.infer<typeof ExchangeErrorKind>;

/** One line of a WebSocket conversation: a frame sent or received, or an event such as the close. */
export const RecordedFrame = z.object({
  direction: z.enum(['sent', 'received', 'event']),
  /** Milliseconds since the connection opened. */
  atMs: z.number().nonnegative(),
  /** The frame as text, cut to a few hundred characters. */
  text: z.string(),
});
export type RecordedFrame = z.infer<typeof RecordedFrame>;

/**
 * One HTTP request the grader sent and what came back, kept for failure output.
 * Bodies are excerpts (the first few KiB, UTF-8); `curl` reproduces the request in a shell.
 * For a WebSocket, the request is the upgrade; `frames` holds the conversation (bounded: the first and
 * the last frames of a long one) and `websocat` a command that opens the same connection.
 */
export const RecordedExchange = z.object({
  method: z.string(),
  url: z.string(),
  request: z.object({
    headers: RecordedHeaders,
    bodyExcerpt: z.string().optional(),
    bodyBytes: z.number().int().nonnegative(),
  }),
  response: z
    .object({
      status: z.number().int(),
      headers: RecordedHeaders,
      bodyExcerpt: z.string(),
      bodyBytes: z.number().int().nonnegative(),
      isBodyTruncated: z.boolean(),
    })
    .optional(),
  error: z.object({ kind: ExchangeErrorKind, message: z.string() }).optional(),
  timingMs: z.number().nonnegative(),
  curl: z.string(),
  frames: z.array(RecordedFrame).optional(),
  websocat: z.string().optional(),
});
export type RecordedExchange = z.infer<typeof RecordedExchange>;
