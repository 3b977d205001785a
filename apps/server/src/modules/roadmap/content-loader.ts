import { formatIssue, loadRoadmap, type ProjectTopicRef } from '@groundwork/content';
import type { ContentIssue, Roadmap } from '@groundwork/contracts';

/** The content folder failed the checker: the server refuses to start and says what to fix, file by file. */
export class ContentError extends Error {
  constructor(
    readonly dir: string,
    readonly issues: readonly ContentIssue[],
  ) {
    super(
      `The roadmap content in ${dir} has ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n` +
        issues.map((issue) => `  - ${formatIssue(issue)}`).join('\n'),
    );
    this.name = 'ContentError';
  }
}

/**
 * Loads and checks the roadmap content, with the same rules as `groundwork content check`.
 * @example const roadmap = await loadCheckedRoadmap(config.contentDir); // throws ContentError when invalid
 */
export async function loadCheckedRoadmap(
  dir: string,
  options: { projectTopicRefs?: readonly ProjectTopicRef[] } = {},
): Promise<Roadmap> {
  const loaded = await loadRoadmap(dir, options);
  if (loaded.roadmap === null) throw new ContentError(dir, loaded.issues);
  return loaded.roadmap;
}
