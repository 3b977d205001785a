import type { ImportResult, ProgressDocumentEntry } from '@groundwork/contracts';
import { AppError } from '../../platform/errors/app-error';
import type { RoadmapModel } from '../roadmap/roadmap-snapshot';
import type { ProgressChange, ProgressRow, ProgressStatement } from './progress.repository';

// clocks disagree a little; a statement further ahead than this would win every later merge
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export type ImportPlan = { statements: ProgressStatement[]; changes: ProgressChange[]; result: ImportResult };

type Target = { topicId: string; isArchived: boolean };

/** Where an imported entry goes: a live or archived topic, the topic an old id was renamed to, or nowhere. */
function resolveTarget(model: RoadmapModel, topicId: string): Target | undefined {
  if (model.topics.has(topicId)) return { topicId, isArchived: false };
  const renamed = model.movedTo.get(topicId);
  if (renamed !== undefined) return { topicId: renamed, isArchived: false };
  if (model.archivedIds.has(topicId)) return { topicId, isArchived: true };
  return undefined;
}

/**
 * Decides what an import changes. An entry wins only when it is newer than what is stored (a row the
 * learner never stated anything on loses to any entry), so importing the same document twice changes
 * nothing the second time. Entries keep their own `updatedAt`, so export → reset → import restores
 * exactly what was exported. Verification is never imported.
 * @example planImport(document.entries, await progressOf(tx, userId).list(), snapshot.model, new Date())
 */
export function planImport(
  entries: readonly ProgressDocumentEntry[],
  existing: readonly ProgressRow[],
  model: RoadmapModel,
  now: Date,
): ImportPlan {
  const current = new Map<string, Pick<ProgressRow, 'status' | 'updatedAt' | 'archivedAt'>>(
    existing.map((row) => [row.topicId, row]),
  );
  const written = new Map<string, ProgressStatement>();
  const changes: ProgressChange[] = [];
  const result: ImportResult = {
    created: 0,
    updated: 0,
    unchanged: 0,
    unknownTopicIds: [],
    movedTopicIds: [],
  };

  entries.forEach((entry, index) => {
    const updatedAt = new Date(entry.updatedAt);
    if (updatedAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
      throw AppError.invalidField(`entries.${index}.updatedAt`, 'This time is in the future');
    }
    const target = resolveTarget(model, entry.topicId);
    if (target === undefined) {
      result.unknownTopicIds.push(entry.topicId);
      return;
    }
    if (target.topicId !== entry.topicId)
      result.movedTopicIds.push({ from: entry.topicId, to: target.topicId });
    const local = current.get(target.topicId);
    if (local?.updatedAt && local.updatedAt.getTime() >= updatedAt.getTime()) {
      result.unchanged += 1;
      return;
    }
    const statement: ProgressStatement = {
      topicId: target.topicId,
      status: entry.status,
      note: entry.note,
      updatedAt,
      archivedAt: target.isArchived ? (local?.archivedAt ?? now) : null,
    };
    const fromStatus = local?.status ?? 'todo';
    if (fromStatus !== entry.status) {
      changes.push({ topicId: target.topicId, fromStatus, toStatus: entry.status, source: 'import' });
    }
    if (local) result.updated += 1;
    else result.created += 1;
    current.set(target.topicId, statement);
    written.set(target.topicId, statement);
  });
  return { statements: [...written.values()], changes, result };
}
