import { randomInt } from 'node:crypto';
import type {
  CreateSubmissionInput,
  GradingReport,
  Submission,
  SubmissionListQuery,
  SubmissionSummary,
} from '@groundwork/contracts';
import { isPolicyRefusal, type TargetPolicy } from '@groundwork/grader';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Db } from '../../db/database';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import { AppError } from '../../platform/errors/app-error';
import type { EventBus } from '../../platform/events/event-bus';
import { canAccess, type Principal } from '../accounts/principal';
import { isUniqueViolation } from '../accounts/users.repository';
import type { CatalogueProject, ProjectCatalogue } from '../projects/project-catalogue';
import type { GradingQueue } from './grading-queue';
import { announceLive, CHANNELS } from './live-messages';
import { loadResults, saveResults } from './results.repository';
import { toSubmission, toSubmissionSummary } from './submission-dto';
import {
  countRecentSubmissions,
  findActiveSubmission,
  findVisibleSubmission,
  finishActive,
  insertSubmission,
  isFinalStatus,
  listUserSubmissions,
  resultFieldsOf,
  type SubmissionRow,
  type Viewer,
} from './submissions.repository';

export type SubmissionsServiceDependencies = {
  db: Db;
  /** New submissions (server-side and uploaded) a learner may make per hour. */
  perHour: number;
  catalogue: ProjectCatalogue;
  queue: Pick<GradingQueue, 'enqueue' | 'cancel'>;
  bus: EventBus;
  policy: TargetPolicy;
  logger: Logger;
};

const HOUR_MS = 60 * 60 * 1000;

export function viewerOf(principal: Principal): Viewer {
  return { userId: principal.user.id, canSeeAll: canAccess(principal.user.role, 'mentor') };
}

function requireProject(catalogue: ProjectCatalogue, slug: string, field: string): CatalogueProject {
  const project = catalogue.find(slug);
  if (project) return project;
  const known = catalogue
    .list()
    .map((entry) => entry.slug)
    .join(', ');
  throw AppError.invalidField(field, `There is no project "${slug}". Projects: ${known}.`);
}

function requireStages(project: CatalogueProject, stageIds: readonly string[], field: string): void {
  const known = new Set(project.stages.map((stage) => stage.id));
  for (const [index, id] of stageIds.entries()) {
    if (!known.has(id)) {
      throw AppError.invalidField(
        `${field}.${index}`,
        `${project.title} has no stage "${id}". Its stages: ${[...known].join(', ')}.`,
      );
    }
  }
}

/** Asks the address policy about the URL now, so a refused address is a 400 and never a queued job. */
async function requireGradableUrl(policy: TargetPolicy, url: string): Promise<void> {
  try {
    await policy.resolveTarget(url);
  } catch (error) {
    if (!isPolicyRefusal(error)) throw error;
    const message = error.isUnresolvable
      ? `${error.message}. Check the address, and that your server is deployed where the internet can reach it.`
      : `This address cannot be graded: ${error.message}. Deploy your server to a public address and submit that.`;
    throw AppError.invalidField('url', message);
  }
}

/**
 * Reports uploaded by the CLI are checked against the project: every stage and check must be one the
 * suite has, so a stored self-reported result still reads like a real one.
 */
function requireMatchingReport(project: CatalogueProject, report: GradingReport): void {
  if (report.project.slug !== project.slug) {
    throw AppError.invalidField('report.project.slug', `expected "${project.slug}"`);
  }
  const stages = new Map(project.stages.map((stage) => [stage.id, stage]));
  for (const [index, stage] of report.stages.entries()) {
    const known = stages.get(stage.id);
    if (!known) {
      throw AppError.invalidField(`report.stages.${index}.id`, `${project.title} has no stage "${stage.id}"`);
    }
    const checks = new Set(known.checks.map((check) => check.id));
    for (const [checkIndex, check] of stage.checks.entries()) {
      if (!checks.has(check.id)) {
        throw AppError.invalidField(
          `report.stages.${index}.checks.${checkIndex}.id`,
          `stage "${stage.id}" has no check "${check.id}"`,
        );
      }
    }
  }
}

export function createSubmissionsService(deps: SubmissionsServiceDependencies) {
  const { db, catalogue, queue, bus, policy, logger } = deps;

  /**
   * Counted in the database, so the allowance holds across every API process and restart; an hour is
   * long enough that the one extra query per submission does not matter.
   */
  async function requireAllowance(userId: string): Promise<void> {
    const since = new Date(Date.now() - HOUR_MS);
    const recent = await countRecentSubmissions(db, userId, since);
    if (recent.count < deps.perHour) return;
    const freesAt = (recent.oldest?.getTime() ?? Date.now()) + HOUR_MS;
    const seconds = Math.max(1, Math.ceil((freesAt - Date.now()) / 1000));
    throw new AppError(
      'rate_limited',
      `You made ${recent.count} submissions in the last hour, the most this server allows. Try again in ${Math.ceil(seconds / 60)} minutes.`,
      { headers: { 'retry-after': String(seconds) } },
    );
  }

  async function requireVisible(viewer: Viewer, id: string): Promise<SubmissionRow> {
    const row = await findVisibleSubmission(db, id, viewer);
    if (!row) throw new AppError('not_found', 'There is no submission with this id that you can see.');
    return row;
  }

  async function rejectIfBusy(userId: string): Promise<never> {
    const active = await findActiveSubmission(db, userId);
    throw new AppError(
      'submission_in_progress',
      active
        ? `Submission ${active.id} (${active.project}) is still ${active.status}. Wait for it or cancel it, then submit again.`
        : 'Another submission of yours is being graded. Wait for it, then submit again.',
      { headers: { 'retry-after': '10' } },
    );
  }

  return {
    /** Queues a verified grading run of the learner's deployed server. */
    async create(principal: Principal, input: CreateSubmissionInput): Promise<SubmissionSummary> {
      const project = requireProject(catalogue, input.project, 'project');
      if (input.stages) requireStages(project, input.stages, 'stages');
      await requireGradableUrl(policy, input.url);
      const userId = principal.user.id;
      await requireAllowance(userId);
      let row: SubmissionRow;
      try {
        row = await insertSubmission(db, {
          userId,
          project: project.slug,
          targetUrl: input.url,
          mode: 'verified',
          stageIds: input.stages ?? null,
          runAll: input.all ?? false,
          // fixed now: the first attempt runs with it, and each retry with its own step from it
          seed: randomInt(0, 2 ** 31 - 1),
          stagesTotal: input.stages?.length ?? project.stages.length,
        });
      } catch (error) {
        if (isUniqueViolation(error)) return rejectIfBusy(userId);
        throw error;
      }
      try {
        await queue.enqueue(row.id);
        await bus.publish(CHANNELS.jobs, {});
      } catch (error) {
        // the row is safe: workers requeue submissions whose job went missing
        logger.error(
          { err: error, submissionId: row.id },
          'could not enqueue a submission; it will be requeued',
        );
      }
      return toSubmissionSummary(row);
    },

    /** Stores a run the CLI made on the learner's machine; it is labelled self-reported and verifies nothing. */
    async upload(principal: Principal, report: GradingReport): Promise<Submission> {
      const project = requireProject(catalogue, report.project.slug, 'report.project.slug');
      requireMatchingReport(project, report);
      await requireAllowance(principal.user.id);
      const row = await db.transaction(async (tx) => {
        const inserted = await insertSubmission(tx, {
          userId: principal.user.id,
          project: project.slug,
          targetUrl: report.target.url,
          mode: 'self-reported',
          stageIds: report.selection.stageIds,
          runAll: report.selection.all,
          attempt: 1,
          ...resultFieldsOf(report),
          startedAt: new Date(report.startedAt),
        });
        await saveResults(tx, inserted.id, report.stages);
        return inserted;
      });
      return toSubmission(row, report.stages);
    },

    async get(viewer: Viewer, id: string): Promise<Submission> {
      const row = await requireVisible(viewer, id);
      return toSubmission(row, await loadResults(db, row.id));
    },

    /** Checks that the viewer may watch a submission (the stream itself reads from the database). */
    async requireWatchable(viewer: Viewer, id: string): Promise<void> {
      await requireVisible(viewer, id);
    },

    async list(viewer: Viewer, query: SubmissionListQuery) {
      let userId = viewer.userId;
      if (query.userId && query.userId !== viewer.userId) {
        if (!viewer.canSeeAll) {
          throw new AppError('forbidden', 'Only mentors and admins can list another learner’s submissions.');
        }
        userId = query.userId;
      }
      const after = query.cursor
        ? decodeCursor(query.cursor, 'cursor', { id: z.uuid(), withTime: true })
        : undefined;
      const rows = await listUserSubmissions(db, userId, {
        project: query.project,
        limit: query.limit + 1,
        after: after?.t ? { id: after.id, t: after.t } : undefined,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(toSubmissionSummary),
        nextCursor:
          rows.length > query.limit && last
            ? encodeCursor({ id: last.id, t: last.createdAt.toISOString() })
            : null,
      };
    },

    /** Cancels a queued or running submission: the owner's call, or an admin's. */
    async cancel(principal: Principal, id: string): Promise<SubmissionSummary> {
      const viewer = viewerOf(principal);
      const row = await requireVisible(viewer, id);
      if (row.userId !== principal.user.id && !canAccess(principal.user.role, 'admin')) {
        throw new AppError('forbidden', 'Only the learner who submitted it (or an admin) can cancel it.');
      }
      if (isFinalStatus(row.status)) {
        throw new AppError('submission_finished', `This submission already ended: ${row.status}.`);
      }
      const ended = await finishActive(db, id, {
        status: 'cancelled',
        errorKind: 'cancelled',
        errorMessage: 'The run was cancelled before it finished.',
        finishedAt: new Date(),
      });
      // it finished between our read and our write: the result stands
      if (!ended) throw new AppError('submission_finished', 'This submission ended just now.');
      await queue.cancel(id).catch(() => {});
      await bus.publish(CHANNELS.cancel, { submissionId: id }).catch(() => {});
      await announceLive(bus, logger, {
        kind: 'status',
        submissionId: id,
        attempt: ended.attempt,
        status: 'cancelled',
      });
      return toSubmissionSummary(ended);
    },
  };
}

export type SubmissionsService = ReturnType<typeof createSubmissionsService>;
