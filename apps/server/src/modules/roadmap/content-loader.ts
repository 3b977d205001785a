import { formatIssue, loadRoadmap, type ProjectTopicRef } from '@groundwork/content';
import type { ContentIssue, Roadmap } from '@groundwork/contracts';

/** The content folder failed the checker: the server refuses to start and says what to fix, file by file. */
export class ContentError extends Error {
  constructor(
    readonly dir: string,
    readonly issues: readonly ContentIssue[],
  ) {
    super(describeContentIssues(dir, issues));
    this.name = 'ContentError';
  }

  /** The message with the first `maxListed` problems only, for a terminal. */
  summary(maxListed: number): string {
    return describeContentIssues(this.dir, this.issues, maxListed);
  }
}

function describeContentIssues(dir: string, issues: readonly ContentIssue[], maxListed = issues.length) {
  const listed = issues.slice(0, maxListed).map((issue) => `  - ${formatIssue(issue)}`);
  if (issues.length > maxListed) listed.push(`  … and ${issues.length - maxListed} more`);
  const count = `${issues.length} problem${issues.length === 1 ? '' : 's'}`;
  return [`The roadmap content in ${dir} has ${count}:`, ...listed].join('\n');
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
