import type { GradingReport } from '@groundwork/contracts';
import { and, inArray, isNull } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { topics } from '../../db/schema';
import { progressOf } from '../progress/progress.repository';

/** The roadmap topics that the passed stages of a report prove, without repeats. */
export function topicsProvedBy(
  report: Pick<GradingReport, 'stages'>,
  topicsByStage: ReadonlyMap<string, readonly string[]>,
): string[] {
  const proved = new Set<string>();
  for (const stage of report.stages) {
    if (stage.status !== 'passed') continue;
    for (const topicId of topicsByStage.get(stage.id) ?? stage.topics) proved.add(topicId);
  }
  return [...proved];
}

/**
 * Marks topics verified for a learner: only the grader's own runs of their deployed server may call
 * this. Topics no longer on the roadmap are left out rather than revived.
 */
export async function verifyTopics(db: Queryable, userId: string, topicIds: readonly string[], at: Date) {
  if (topicIds.length === 0) return;
  const live = await db
    .select({ id: topics.id })
    .from(topics)
    .where(and(inArray(topics.id, [...topicIds]), isNull(topics.archivedAt)));
  await progressOf(db, userId).markVerified(
    live.map((topic) => topic.id),
    at,
  );
}
