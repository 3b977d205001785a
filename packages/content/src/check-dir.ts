import type { ContentIssue } from '@groundwork/contracts';
import { type CheckOptions, checkContent } from './check';
import { makeIssue, sortIssues } from './issues';
import { isLayoutCurrent, LAYOUT_FILE, STALE_LAYOUT_MESSAGE } from './layout-file';
import { loadContent } from './load';

/**
 * The full content check (`groundwork content check`, CI): loads `dir`, reports schema problems, every
 * cross-file rule and, when the content is otherwise clean, whether build/layout.json is current.
 * @example const issues = await checkContentDir('content', { projectTopicRefs }); // [] when all is well
 */
export async function checkContentDir(dir: string, options: CheckOptions = {}): Promise<ContentIssue[]> {
  const loaded = await loadContent(dir);
  const issues = [...loaded.issues, ...checkContent(loaded.content, options)];
  // a broken content folder cannot be built, so "run the build" would be bad advice
  if (issues.length === 0 && !(await isLayoutCurrent(dir, loaded.content))) {
    issues.push(makeIssue(LAYOUT_FILE, undefined, STALE_LAYOUT_MESSAGE));
  }
  return sortIssues(issues);
}

/**
 * One line per issue, the way the CLI prints them.
 * @example formatIssue({ file: 'topics/http.md', field: 'hours', message: 'must be at least 1' })
 * // 'topics/http.md: hours: must be at least 1'
 */
export function formatIssue(issue: ContentIssue): string {
  return issue.field === undefined
    ? `${issue.file}: ${issue.message}`
    : `${issue.file}: ${issue.field}: ${issue.message}`;
}
