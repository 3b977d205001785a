import {
  type MyProgress,
  PROGRESS_DOCUMENT_VERSION,
  type ProgressDocument,
  type ProgressEntry,
  type SetProgressInput,
} from '@groundwork/contracts';
import type { Db } from '../../db/database';
import { AppError } from '../../platform/errors/app-error';
import type { RoadmapModel } from '../roadmap/roadmap-snapshot';
import { type RoadmapStore, requireRoadmap } from '../roadmap/roadmap-store';
import { listSubmissionDays } from '../submissions/submissions.repository';
import { type ProgressRow, progressOf } from './progress.repository';
import { type ProgressActivity, summariseActivity } from './progress-activity';
import { planImport } from './progress-import';
import { findNextTopics } from './progress-next';
import { type ProgressByTopic, summariseProgress } from './progress-summary';
import { buildTimeline } from './progress-timeline';

export type ProgressService = ReturnType<typeof createProgressService>;

export function createProgressService(deps: { db: Db; roadmap: RoadmapStore; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  return {
    /** Your entries (archived ones flagged), the summaries computed from them, and what to learn next. */
    async get(userId: string): Promise<MyProgress> {
      const { model } = requireRoadmap(deps.roadmap);
      const rows = await progressOf(db, userId).list();
      const progress = toProgressByTopic(rows, model);
      return {
        contentHash: model.contentHash,
        entries: sortByReadingOrder(rows, model).map((row) => toEntry(row, model)),
        summary: summariseProgress(model, progress),
        verifiedTopicIds: [...model.topics.keys()].filter((id) => progress.get(id)?.isVerified),
        next: findNextTopics(model, progress),
      };
    },

    /** Sets your status (and note) on a live topic; a change of status is recorded as an event. */
    async setStatus(userId: string, topicId: string, input: SetProgressInput): Promise<ProgressEntry> {
      const { model } = requireRoadmap(deps.roadmap);
      assertWritable(model, topicId);
      const row = await db.transaction(async (tx) => {
        const mine = progressOf(tx, userId);
        const before = await mine.findForUpdate(topicId);
        const [saved] = await mine.save([
          {
            topicId,
            status: input.status,
            note: input.note === undefined ? (before?.note ?? null) : input.note,
            updatedAt: now(),
            archivedAt: null,
          },
        ]);
        const fromStatus = before?.status ?? 'todo';
        if (fromStatus !== input.status) {
          await mine.recordChanges([{ topicId, fromStatus, toStatus: input.status, source: 'user' }]);
        }
        return saved;
      });
      if (!row) throw new Error('saving progress returned no row');
      return toEntry(row, model);
    },

    async timeline(userId: string, days: number) {
      return buildTimeline(await progressOf(db, userId).countDailyChanges(), days, now());
    },

    /** Your streak of active UTC days: topics whose status you changed, projects you submitted. */
    async activity(userId: string): Promise<ProgressActivity> {
      const [statusDays, submissionDays] = await Promise.all([
        progressOf(db, userId).listActiveDays(),
        listSubmissionDays(db, userId),
      ]);
      return summariseActivity([...statusDays, ...submissionDays], now());
    },

    /** Everything you stated, as a versioned document that {@link importDocument} takes back. */
    async exportDocument(userId: string): Promise<ProgressDocument> {
      const { model } = requireRoadmap(deps.roadmap);
      const rows = await progressOf(db, userId).list();
      return {
        schemaVersion: PROGRESS_DOCUMENT_VERSION,
        exportedAt: now().toISOString(),
        roadmapId: model.roadmapId,
        contentHash: model.contentHash,
        entries: sortByReadingOrder(rows, model).flatMap((row) =>
          row.updatedAt === null
            ? []
            : [
                {
                  topicId: row.topicId,
                  status: row.status,
                  note: row.note,
                  updatedAt: row.updatedAt.toISOString(),
                  verifiedAt: row.verifiedAt?.toISOString() ?? null,
                  isArchived: row.archivedAt !== null,
                },
              ],
        ),
      };
    },

    /** Merges a document into your progress (see planImport); changes of status are recorded as events. */
    async importDocument(userId: string, document: ProgressDocument) {
      const { model } = requireRoadmap(deps.roadmap);
      return db.transaction(async (tx) => {
        const mine = progressOf(tx, userId);
        const plan = planImport(document.entries, await mine.list(), model, now());
        await mine.save(plan.statements);
        await mine.recordChanges(plan.changes);
        return plan.result;
      });
    },

    /** Clears everything you stated (the grader's verifications stay); each status cleared is an event. */
    async reset(userId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const mine = progressOf(tx, userId);
        const rows = await mine.list();
        await mine.recordChanges(
          rows
            .filter((row) => row.status !== 'todo')
            .map((row) => ({
              topicId: row.topicId,
              fromStatus: row.status,
              toStatus: 'todo',
              source: 'reset',
            })),
        );
        await mine.clearStatements();
      });
    },
  };
}

function assertWritable(model: RoadmapModel, topicId: string): void {
  if (model.topics.has(topicId)) return;
  const renamed = model.movedTo.get(topicId);
  if (renamed !== undefined) {
    throw new AppError(
      'not_found',
      `Topic "${topicId}" was renamed to "${renamed}"; set progress on that id.`,
    );
  }
  if (model.archivedIds.has(topicId)) {
    throw new AppError(
      'topic_archived',
      `Topic "${topicId}" was removed from the roadmap; its progress is kept but can no longer change.`,
    );
  }
  throw new AppError('not_found', `There is no topic "${topicId}" on the roadmap.`);
}

/** Live topics only: archived entries count in no summary. */
function toProgressByTopic(rows: readonly ProgressRow[], model: RoadmapModel): ProgressByTopic {
  return new Map(
    rows
      .filter((row) => row.archivedAt === null && model.topics.has(row.topicId))
      .map((row) => [row.topicId, { status: row.status, isVerified: row.verifiedAt !== null }]),
  );
}

/** Live topics in reading order, then archived ones by id. */
function sortByReadingOrder(rows: readonly ProgressRow[], model: RoadmapModel): ProgressRow[] {
  const order = new Map([...model.topics.keys()].map((id, index) => [id, index]));
  const rank = (row: ProgressRow) => order.get(row.topicId) ?? Number.MAX_SAFE_INTEGER;
  return [...rows].sort((a, b) => rank(a) - rank(b) || (a.topicId < b.topicId ? -1 : 1));
}

function toEntry(row: ProgressRow, model: RoadmapModel): ProgressEntry {
  return {
    topicId: row.topicId,
    title: model.titles.get(row.topicId) ?? row.topicId,
    status: row.status,
    note: row.note,
    updatedAt: row.updatedAt?.toISOString() ?? null,
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    isArchived: row.archivedAt !== null || !model.topics.has(row.topicId),
  };
}
