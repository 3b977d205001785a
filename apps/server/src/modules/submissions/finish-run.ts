import type { GradingReport } from '@groundwork/contracts';
import type { Db } from '../../db/database';
import { saveResults } from './results.repository';
import { finishAttempt, resultFieldsOf, type SubmissionRow } from './submissions.repository';
import { topicsProvedBy, verifyTopics } from './verification';

/**
 * Ends an attempt with its report, in one transaction: the submission's status (an inconclusive run
 * stays `inconclusive`, an unreachable one keeps the stage it stopped in), the result set with each
 * not-run stage's reason, and the topics of passed stages verified. Returns undefined, writing nothing,
 * when the attempt is no longer the current running one (another attempt took over, or a cancel).
 */
export async function recordFinishedRun(
  db: Db,
  row: Pick<SubmissionRow, 'id' | 'attempt' | 'userId'>,
  report: GradingReport,
  topicsByStage: ReadonlyMap<string, readonly string[]>,
): Promise<SubmissionRow | undefined> {
  const fields = resultFieldsOf(report);
  return db.transaction(async (tx) => {
    const finished = await finishAttempt(tx, row.id, row.attempt, fields);
    if (!finished) return undefined;
    await saveResults(tx, row.id, report.stages);
    await verifyTopics(tx, row.userId, topicsProvedBy(report, topicsByStage), fields.finishedAt);
    return finished;
  });
}
