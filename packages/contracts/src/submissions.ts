import { z } from 'zod';
import { GradingEvent } from './grading/events';
import { GradingReport, StageReport } from './grading/report';
import { RunErrorKind } from './grading/stage';

/**
 * verified: the server graded the learner's deployed URL itself. self-reported: the CLI ran the grader
 * on the learner's machine and uploaded the report, so the server cannot vouch for it.
 */
export const SubmissionMode = z.enum(['verified', 'self-reported']).meta({ id: 'SubmissionMode' });
export type SubmissionMode = z.infer<typeof SubmissionMode>;

/** `inconclusive`: nothing failed but a stage could not be measured (a busy grader); it verifies nothing. */
export const SubmissionStatus = z
  .enum(['queued', 'running', 'passed', 'failed', 'inconclusive', 'error', 'cancelled'])
  .meta({ id: 'SubmissionStatus' });
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;

export const ACTIVE_SUBMISSION_STATUSES = [
  'queued',
  'running',
] as const satisfies readonly SubmissionStatus[];

const StageId = z.string().regex(/^[a-z0-9-]{1,64}$/, { message: 'Use a stage id such as create-link' });

/** What a learner asks the server to grade. Without `stages`, every stage runs. */
export const CreateSubmissionInput = z.strictObject({
  project: z.string().regex(/^[a-z0-9-]{1,64}$/, { message: 'Use a project slug such as url-shortener' }),
  url: z
    .string()
    .trim()
    .max(2048)
    .pipe(z.url({ protocol: /^https?$/, message: 'Enter the http:// or https:// address of your server' })),
  stages: z.array(StageId).min(1).max(50).optional(),
  all: z.boolean().optional().describe('Keep going after a failing stage.'),
});
export type CreateSubmissionInput = z.infer<typeof CreateSubmissionInput>;

/** A report the CLI ran locally (`groundwork test --upload`). */
export const UploadReportInput = z.strictObject({ report: GradingReport });
export type UploadReportInput = z.infer<typeof UploadReportInput>;

export const SubmissionSummary = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    project: z.string(),
    targetUrl: z.string(),
    mode: SubmissionMode,
    status: SubmissionStatus,
    stageIds: z.array(z.string()).nullable().describe('The stages asked for; null means all of them.'),
    all: z.boolean(),
    attempt: z.number().int().nonnegative(),
    error: z
      .object({
        kind: RunErrorKind.or(z.literal('worker')),
        message: z.string(),
        stageId: z
          .string()
          .optional()
          .describe('For `unreachable`: the stage the server stopped answering in.'),
      })
      .nullable(),
    createdAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
    durationMs: z.number().nonnegative().nullable(),
    stagesPassed: z.number().int().nonnegative(),
    stagesTotal: z.number().int().nonnegative(),
  })
  .meta({ id: 'SubmissionSummary' });
export type SubmissionSummary = z.infer<typeof SubmissionSummary>;

export const Submission = SubmissionSummary.extend({
  stages: z
    .array(StageReport)
    .describe('Results per stage, with every check: expected, actual, curl, timings.'),
  seed: z.number().int().nullable(),
}).meta({ id: 'Submission' });
export type Submission = z.infer<typeof Submission>;

/**
 * One message of a submission's live stream: every grading event carries the submission's event id
 * (increasing, no gaps within an attempt) and the attempt it belongs to. A new attempt (a worker died
 * and the job was retried) starts a fresh run: clients reset their view when `attempt` changes.
 */
export const SubmissionStreamMessage = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('event'),
    id: z.number().int(),
    attempt: z.number().int(),
    event: GradingEvent,
  }),
  z.object({ kind: z.literal('status'), status: SubmissionStatus, attempt: z.number().int() }),
]);
export type SubmissionStreamMessage = z.infer<typeof SubmissionStreamMessage>;

/** `GET /api/submissions`: the caller's submissions, newest first; mentors and admins may name a user. */
export const SubmissionListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
  project: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .optional(),
  userId: z.uuid().optional().describe('Mentors and admins only: another learner’s submissions.'),
});
export type SubmissionListQuery = z.infer<typeof SubmissionListQuery>;

/** The WebSocket path that streams one submission's run: history first, then live events. */
export const submissionStreamPath = (id: string) => `/api/submissions/${id}/stream`;
