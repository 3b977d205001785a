import { CHOICE_REF_PREFIX, type NextTopic } from '@groundwork/contracts';
import type { ModelTopic, RoadmapModel } from '../roadmap/roadmap-snapshot';
import { findTakenAlternative, isSettled, measureSlot, type ProgressByTopic } from './progress-summary';

/** How many suggestions `next` holds; a choice's alternatives together count as one. */
export const NEXT_SUGGESTIONS = 5;

/**
 * What to learn next: required topics in reading order that are not done or skipped and that can start —
 * being learned already, or every prerequisite settled (a `choice:` prerequisite by any alternative
 * done). Once a learner takes one alternative of a choice, the others are no longer suggested.
 * @example findNextTopics(snapshot.model, progress) // [{ id: 'http', … }, …]
 */
export function findNextTopics(
  model: RoadmapModel,
  progress: ProgressByTopic,
  limit = NEXT_SUGGESTIONS,
): NextTopic[] {
  const choiceState = new Map(
    [...model.choices.values()].map((choice) => {
      const alternatives = choice.topicIds
        .map((id) => model.topics.get(id))
        .filter((topic) => topic !== undefined);
      return [
        choice.id,
        {
          isSettled:
            measureSlot({ kind: 'choice', choiceId: choice.id, alternatives }, progress).state !== 'open',
          taken: findTakenAlternative(alternatives, progress),
        },
      ] as const;
    }),
  );
  const isMet = (ref: string) =>
    ref.startsWith(CHOICE_REF_PREFIX)
      ? choiceState.get(ref.slice(CHOICE_REF_PREFIX.length))?.isSettled === true
      : isSettled(progress.get(ref));
  const canStart = (topic: ModelTopic) => {
    if (topic.kind === 'optional' || isSettled(progress.get(topic.id))) return false;
    if (topic.choiceId !== null) {
      const choice = choiceState.get(topic.choiceId);
      if (choice?.isSettled || (choice?.taken && choice.taken.id !== topic.id)) return false;
    }
    return progress.get(topic.id)?.status === 'learning' || topic.prerequisites.every(isMet);
  };

  const candidates = [...model.topics.values()].filter(canStart);
  const slotOf = (topic: ModelTopic) => topic.choiceId ?? topic.id;
  const chosenSlots = new Set<string>();
  for (const topic of candidates) {
    if (chosenSlots.size >= limit) break;
    chosenSlots.add(slotOf(topic));
  }
  return candidates
    .filter((topic) => chosenSlots.has(slotOf(topic)))
    .map((topic) => ({
      id: topic.id,
      title: topic.title,
      stageId: topic.stageId,
      kind: topic.kind,
      choiceId: topic.choiceId,
      hours: topic.hours,
      status: progress.get(topic.id)?.status ?? 'todo',
    }));
}
