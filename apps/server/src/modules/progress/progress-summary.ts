import type { ProgressStatus, ProgressSummary, ProgressTotals, StageProgress } from '@groundwork/contracts';
import type { ModelTopic, RoadmapModel } from '../roadmap/roadmap-snapshot';

/** Where a learner stands on one live topic. */
export type TopicState = { status: ProgressStatus; isVerified: boolean };
export type ProgressByTopic = ReadonlyMap<string, TopicState>;

/** Done by the learner's word, or proven by the grader. */
export function isDone(state: TopicState | undefined): boolean {
  return state !== undefined && (state.status === 'done' || state.isVerified);
}

/** Done or skipped: nothing left to study, and what depends on it may start. */
export function isSettled(state: TopicState | undefined): boolean {
  return isDone(state) || state?.status === 'skipped';
}

/** A required slot of a stage: a core topic, or a choice, which counts once whichever alternative is taken. */
export type RequiredSlot =
  | { kind: 'topic'; topic: ModelTopic }
  | { kind: 'choice'; choiceId: string; alternatives: readonly ModelTopic[] };

export type SlotProgress = { state: 'done' | 'skipped' | 'open'; hours: number; remainingHours: number };

/** Core topics and choices of a stage, in reading order (a choice where its first alternative is). */
export function listRequiredSlots(model: RoadmapModel, stageTopicIds: readonly string[]): RequiredSlot[] {
  const slots: RequiredSlot[] = [];
  const seenChoices = new Set<string>();
  for (const topicId of stageTopicIds) {
    const topic = model.topics.get(topicId);
    if (topic?.kind === 'core') slots.push({ kind: 'topic', topic });
    if (topic?.kind !== 'alternative' || topic.choiceId === null || seenChoices.has(topic.choiceId)) continue;
    seenChoices.add(topic.choiceId);
    const alternatives = (model.choices.get(topic.choiceId)?.topicIds ?? [])
      .map((id) => model.topics.get(id))
      .filter((alternative) => alternative !== undefined);
    slots.push({ kind: 'choice', choiceId: topic.choiceId, alternatives });
  }
  return slots;
}

/**
 * The alternative a learner took: the first one done, else the first one being learned. Skipping an
 * alternative is not taking it.
 */
export function findTakenAlternative(
  alternatives: readonly ModelTopic[],
  progress: ProgressByTopic,
): ModelTopic | undefined {
  return (
    alternatives.find((topic) => isDone(progress.get(topic.id))) ??
    alternatives.find((topic) => progress.get(topic.id)?.status === 'learning')
  );
}

/**
 * A slot's state and hours. A choice is done when any alternative is, skipped when all are; it costs
 * the hours of the alternative taken, or of the longest one while none is.
 */
export function measureSlot(slot: RequiredSlot, progress: ProgressByTopic): SlotProgress {
  if (slot.kind === 'topic') {
    const state = progress.get(slot.topic.id);
    const hours = slot.topic.hours;
    if (isDone(state)) return { state: 'done', hours, remainingHours: 0 };
    if (isSettled(state)) return { state: 'skipped', hours, remainingHours: 0 };
    return { state: 'open', hours, remainingHours: hours };
  }
  const taken = findTakenAlternative(slot.alternatives, progress);
  const longest = (topics: readonly ModelTopic[]) => Math.max(0, ...topics.map((topic) => topic.hours));
  const hours = taken?.hours ?? longest(slot.alternatives);
  if (taken && isDone(progress.get(taken.id))) return { state: 'done', hours, remainingHours: 0 };
  const open = slot.alternatives.filter((topic) => progress.get(topic.id)?.status !== 'skipped');
  if (open.length === 0) return { state: 'skipped', hours, remainingHours: 0 };
  return { state: 'open', hours, remainingHours: taken?.hours ?? longest(open) };
}

/**
 * Per-stage and overall progress over required topics: done, skipped, the percentage settled (rounded
 * down, so 100 means finished) and the study hours left.
 * @example summariseProgress(snapshot.model, new Map([['http', { status: 'done', isVerified: false }]]))
 */
export function summariseProgress(model: RoadmapModel, progress: ProgressByTopic): ProgressSummary {
  const stages: StageProgress[] = model.stages.map((stage) => {
    const slots = listRequiredSlots(model, stage.topicIds).map((slot) => measureSlot(slot, progress));
    return { stageId: stage.id, title: stage.title, ...total(slots) };
  });
  const overall = addTotals(stages);
  const verifiedCount = [...model.topics.keys()].filter((id) => progress.get(id)?.isVerified).length;
  return { stages, overall, verifiedCount };
}

function total(slots: readonly SlotProgress[]): ProgressTotals {
  return withPercent({
    requiredTopics: slots.length,
    done: slots.filter((slot) => slot.state === 'done').length,
    skipped: slots.filter((slot) => slot.state === 'skipped').length,
    hours: {
      total: slots.reduce((sum, slot) => sum + slot.hours, 0),
      remaining: slots.reduce((sum, slot) => sum + slot.remainingHours, 0),
    },
  });
}

function addTotals(stages: readonly ProgressTotals[]): ProgressTotals {
  return withPercent({
    requiredTopics: stages.reduce((sum, stage) => sum + stage.requiredTopics, 0),
    done: stages.reduce((sum, stage) => sum + stage.done, 0),
    skipped: stages.reduce((sum, stage) => sum + stage.skipped, 0),
    hours: {
      total: stages.reduce((sum, stage) => sum + stage.hours.total, 0),
      remaining: stages.reduce((sum, stage) => sum + stage.hours.remaining, 0),
    },
  });
}

function withPercent(totals: Omit<ProgressTotals, 'percent'>): ProgressTotals {
  const settled = totals.done + totals.skipped;
  // a stage with nothing required has nothing left to do
  const percent = totals.requiredTopics === 0 ? 100 : Math.floor((100 * settled) / totals.requiredTopics);
  return { ...totals, percent };
}
