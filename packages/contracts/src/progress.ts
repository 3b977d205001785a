import { z } from 'zod';
import { ContentHash, ContentSlug, TopicKind } from './content';

// A learner's progress through the roadmap: one status per topic, the summaries computed from it, its
// history as a time series, and the document it is exported to and imported from.

export const ProgressStatus = z.enum(['todo', 'learning', 'done', 'skipped']).meta({ id: 'ProgressStatus' });
export type ProgressStatus = z.infer<typeof ProgressStatus>;

export const MAX_NOTE_CHARS = 2000;
export const ProgressNote = z
  .string()
  .max(MAX_NOTE_CHARS, { message: `Keep the note to ${MAX_NOTE_CHARS} characters` });

/** `PUT /api/progress/topics/{topicId}`. Leaving `note` out keeps the current note; `null` clears it. */
export const SetProgressInput = z.strictObject({
  status: ProgressStatus,
  note: ProgressNote.nullable().optional(),
});
export type SetProgressInput = z.infer<typeof SetProgressInput>;

export const ProgressEntry = z
  .object({
    topicId: ContentSlug,
    title: z.string(),
    status: ProgressStatus,
    note: z.string().nullable(),
    updatedAt: z.iso
      .datetime()
      .nullable()
      .describe('When the learner last set the status or note; null when only the grader has touched it.'),
    verifiedAt: z.iso
      .datetime()
      .nullable()
      .describe('When a graded project stage proved this topic; only the grader sets it.'),
    isArchived: z
      .boolean()
      .describe('The topic was removed from the roadmap; the entry is kept, but counts in no summary.'),
  })
  .meta({ id: 'ProgressEntry' });
export type ProgressEntry = z.infer<typeof ProgressEntry>;

/** Counts over required topics (core topics, and each choice once); optional topics are not counted. */
export const ProgressTotals = z
  .object({
    requiredTopics: z.number().int(),
    done: z.number().int().describe('Done, or verified by the grader.'),
    skipped: z.number().int(),
    percent: z
      .number()
      .int()
      .min(0)
      .max(100)
      .describe('Done and skipped, of the required topics, rounded down.'),
    hours: z.object({
      total: z.number().int(),
      remaining: z.number().int().describe('Study hours of the required topics not yet done or skipped.'),
    }),
  })
  .meta({ id: 'ProgressTotals' });
export type ProgressTotals = z.infer<typeof ProgressTotals>;

export const StageProgress = ProgressTotals.extend({ stageId: ContentSlug, title: z.string() }).meta({
  id: 'StageProgress',
});
export type StageProgress = z.infer<typeof StageProgress>;

export const ProgressSummary = z
  .object({
    stages: z.array(StageProgress),
    overall: ProgressTotals,
    verifiedCount: z.number().int(),
  })
  .meta({ id: 'ProgressSummary' });
export type ProgressSummary = z.infer<typeof ProgressSummary>;

/** A topic to learn next; alternatives of one choice come together and share `choiceId`. */
export const NextTopic = z
  .object({
    id: ContentSlug,
    title: z.string(),
    stageId: ContentSlug,
    kind: TopicKind,
    choiceId: ContentSlug.nullable(),
    hours: z.number().int(),
    status: ProgressStatus,
  })
  .meta({ id: 'NextTopic' });
export type NextTopic = z.infer<typeof NextTopic>;

/** `GET /api/progress`. */
export const MyProgress = z
  .object({
    contentHash: ContentHash,
    /** Every topic you set or that was verified, archived ones included (flagged). */
    entries: z.array(ProgressEntry),
    summary: ProgressSummary,
    verifiedTopicIds: z.array(ContentSlug),
    next: z.array(NextTopic),
  })
  .meta({ id: 'MyProgress' });
export type MyProgress = z.infer<typeof MyProgress>;

export const TimelineQuery = z.strictObject({
  days: z.coerce.number().int().min(1).max(366).default(30),
});
export type TimelineQuery = z.infer<typeof TimelineQuery>;

export const TimelinePoint = z
  .object({
    date: z.iso.date(),
    done: z.number().int().describe('Topics marked done that day (UTC).'),
    doneTotal: z.number().int().describe('Topics done at the end of that day.'),
    learning: z.number().int().describe('Topics being learned at the end of that day.'),
  })
  .meta({ id: 'TimelinePoint' });
export type TimelinePoint = z.infer<typeof TimelinePoint>;

/** `GET /api/progress/timeline`: one point per UTC day, oldest first, ending today. */
export const ProgressTimeline = z
  .object({ days: z.number().int(), points: z.array(TimelinePoint) })
  .meta({ id: 'ProgressTimeline' });
export type ProgressTimeline = z.infer<typeof ProgressTimeline>;

export const PROGRESS_DOCUMENT_VERSION = 1;
export const MAX_IMPORT_ENTRIES = 2000;

export const ProgressDocumentEntry = z.strictObject({
  topicId: ContentSlug,
  status: ProgressStatus,
  note: ProgressNote.nullable(),
  updatedAt: z.iso.datetime({ message: 'Use an ISO 8601 UTC time such as 2025-01-31T12:00:00.000Z' }),
  verifiedAt: z.iso
    .datetime()
    .nullable()
    .optional()
    .describe('Informational: importing never marks a topic verified; only the grader does.'),
  isArchived: z.boolean().optional().describe('Informational: the topic was removed from the roadmap.'),
});
export type ProgressDocumentEntry = z.infer<typeof ProgressDocumentEntry>;

/**
 * The export document, and what import accepts. Only `schemaVersion` and `entries` are required, so a
 * hand-written document imports too.
 */
export const ProgressDocument = z
  .strictObject({
    schemaVersion: z.literal(PROGRESS_DOCUMENT_VERSION, {
      message: `This document format is not supported; expected schemaVersion ${PROGRESS_DOCUMENT_VERSION}`,
    }),
    exportedAt: z.iso.datetime().optional(),
    roadmapId: ContentSlug.optional(),
    contentHash: ContentHash.optional(),
    entries: z
      .array(ProgressDocumentEntry)
      .max(MAX_IMPORT_ENTRIES, { message: `Import at most ${MAX_IMPORT_ENTRIES} entries at once` })
      .superRefine((entries, ctx) => {
        const seen = new Set<string>();
        entries.forEach((entry, index) => {
          if (seen.has(entry.topicId)) {
            ctx.addIssue({
              code: 'custom',
              path: [index, 'topicId'],
              message: `"${entry.topicId}" appears more than once`,
            });
          }
          seen.add(entry.topicId);
        });
      }),
  })
  .meta({ id: 'ProgressDocument' });
export type ProgressDocument = z.infer<typeof ProgressDocument>;

/** What an import did. Unknown topic ids are reported, not refused: content changes between instances. */
export const ImportResult = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int().describe('Entries no newer than what is already stored.'),
    unknownTopicIds: z.array(z.string()),
    movedTopicIds: z
      .array(z.object({ from: ContentSlug, to: ContentSlug }))
      .describe('Old ids that were renamed; their entries went to the new id.'),
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof ImportResult>;
