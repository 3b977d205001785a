import { CHOICE_REF_PREFIX, type ContentIssue } from '@groundwork/contracts';
import { renameHint } from './check-structure';
import type { Content } from './content.types';
import { type ContentIndex, choiceIdOf, stageIdOfChoice } from './content-index';
import { makeIssue } from './issues';

/** Every prerequisite names an existing topic or `choice:<id>`, and none sits in a later stage. */
export function checkPrerequisiteRefs(content: Content, index: ContentIndex): ContentIssue[] {
  const issues: ContentIssue[] = [];
  for (const topic of index.topicById.values()) {
    const topicStage = index.stageIdByTopic.get(topic.frontMatter.id);
    topic.frontMatter.prerequisites.forEach((ref, refIndex) => {
      const field = `prerequisites[${refIndex}]`;
      const choiceId = choiceIdOf(ref);
      const exists = choiceId === null ? index.topicById.has(ref) : index.choiceById.has(choiceId);
      if (!exists && index.unloadedTopicIds.has(ref)) return;
      if (!exists) {
        const what = choiceId === null ? 'topic' : 'choice';
        issues.push(
          makeIssue(
            topic.file,
            field,
            `"${ref}" is not a ${what}${choiceId === null ? renameHint(content, ref) : ''}`,
          ),
        );
        return;
      }
      const refStage = choiceId === null ? index.stageIdByTopic.get(ref) : stageIdOfChoice(index, choiceId);
      if (topicStage === undefined || refStage === undefined) return;
      if ((index.stageIndexById.get(refStage) ?? 0) > (index.stageIndexById.get(topicStage) ?? 0)) {
        issues.push(
          makeIssue(
            topic.file,
            field,
            `"${ref}" sits in stage "${refStage}", after this topic's stage "${topicStage}": a prerequisite comes first`,
          ),
        );
      }
    });
  }
  return issues;
}

/**
 * No placed topic is an island: each one either needs another topic or is needed by one (a topic a
 * `choice:` prerequisite names counts as needed). An island would float unconnected in the drawing, and
 * "what to learn next" could never lead a learner to it.
 */
export function checkIslands(index: ContentIndex): ContentIssue[] {
  // a file that failed to load may be the topic that needs it
  if (index.placedTopicIds.length < 2 || index.unloadedTopicIds.size > 0) return [];
  const needed = new Set<string>();
  for (const topic of index.topicById.values()) {
    for (const ref of topic.frontMatter.prerequisites) {
      const choiceId = choiceIdOf(ref);
      if (choiceId === null) needed.add(ref);
      else for (const alternative of index.alternativesByChoice.get(choiceId) ?? []) needed.add(alternative);
    }
  }
  return index.placedTopicIds.flatMap((topicId) => {
    const topic = index.topicById.get(topicId);
    if (topic === undefined || topic.frontMatter.prerequisites.length > 0 || needed.has(topicId)) return [];
    return [
      makeIssue(
        topic.file,
        'prerequisites',
        `topic "${topicId}" is an island: it needs no topic and no topic needs it; give it a prerequisite or make it one`,
      ),
    ];
  });
}

/** The prerequisite graph has no cycles; each cycle is reported once, as the path that closes it. */
export function checkPrerequisiteCycles(index: ContentIndex): ContentIssue[] {
  const needs = buildNeedsGraph(index);
  const issues: ContentIssue[] = [];
  const reported = new Set<string>();
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];

  const visit = (node: string): void => {
    state.set(node, 'active');
    stack.push(node);
    for (const next of needs.get(node) ?? []) {
      if (state.get(next) === 'active') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const key = [...new Set(cycle)].sort().join(' ');
        if (!reported.has(key)) {
          reported.add(key);
          issues.push(describeCycle(index, cycle));
        }
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...needs.keys()].sort()) if (!state.has(node)) visit(node);
  return issues;
}

/** topic -> what it needs; `choice:x` needs its alternatives (a cycle may run through a choice). */
function buildNeedsGraph(index: ContentIndex): Map<string, string[]> {
  const needs = new Map<string, string[]>();
  for (const topic of index.topicById.values()) {
    const refs = topic.frontMatter.prerequisites.filter((ref) => {
      const choiceId = choiceIdOf(ref);
      return choiceId === null ? index.topicById.has(ref) : index.choiceById.has(choiceId);
    });
    needs.set(topic.frontMatter.id, [...refs].sort());
  }
  for (const [choiceId, alternatives] of index.alternativesByChoice) {
    if (index.choiceById.has(choiceId))
      needs.set(`${CHOICE_REF_PREFIX}${choiceId}`, [...alternatives].sort());
  }
  return needs;
}

function describeCycle(index: ContentIndex, cycle: string[]): ContentIssue {
  // report it on the first topic of the cycle in id order, so the same cycle always lands on the same file
  const topicIds = cycle.filter((id) => choiceIdOf(id) === null);
  const first = [...topicIds].sort()[0] ?? cycle[0] ?? '';
  const start = cycle.indexOf(first);
  const rotated = [...cycle.slice(start, -1), ...cycle.slice(0, start), first];
  const topic = index.topicById.get(first);
  const next = rotated[1] ?? first;
  const refIndex = topic?.frontMatter.prerequisites.indexOf(next) ?? -1;
  const field = refIndex === -1 ? 'prerequisites' : `prerequisites[${refIndex}]`;
  return makeIssue(
    topic?.file ?? `topics/${first}.md`,
    field,
    `prerequisites form a cycle: ${rotated.join(' → ')} (each needs the next)`,
  );
}
