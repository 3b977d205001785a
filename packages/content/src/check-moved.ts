import type { ContentIssue } from '@groundwork/contracts';
import type { Content } from './content.types';
import type { ContentIndex } from './content-index';
import { makeIssue } from './issues';
import { ROADMAP_FILE } from './load';

/**
 * The moved map (old id -> new id) only renames ids that are gone, to topics that exist, in one step:
 * progress follows one hop, so a chain or a cycle would strand it.
 */
export function checkMovedMap(content: Content, index: ContentIndex): ContentIssue[] {
  const moved = content.roadmap?.moved ?? {};
  const issues: ContentIssue[] = [];
  for (const [from, to] of Object.entries(moved)) {
    const field = `moved.${from}`;
    if (index.topicById.has(from)) {
      issues.push(
        makeIssue(ROADMAP_FILE, field, `"${from}" is still a topic: only ids that no longer exist can move`),
      );
    }
    if (from === to) {
      issues.push(makeIssue(ROADMAP_FILE, field, `"${from}" moves to itself`));
    } else if (Object.hasOwn(moved, to)) {
      const next = moved[to];
      const advice = next === from ? 'the two entries form a cycle' : `point "${from}" straight at "${next}"`;
      issues.push(makeIssue(ROADMAP_FILE, field, `"${to}" has itself moved to "${next}": ${advice}`));
    } else if (!index.topicById.has(to) && !index.unloadedTopicIds.has(to)) {
      issues.push(makeIssue(ROADMAP_FILE, field, `"${from}" moves to "${to}", which is not a topic`));
    }
  }
  return issues;
}
