import type { ContentIssue } from '@groundwork/contracts';
import type { Content } from './content.types';
import { type ContentIndex, indexContent, stageIdOfChoice } from './content-index';
import { makeIssue } from './issues';
import { ROADMAP_FILE } from './load';

/** Study hours of one stage. */
export interface StageTotal {
  stageId: string;
  /** Core topics of the stage. */
  coreHours: number;
  /** One alternative per choice whose alternatives sit in this stage, counting the longest. */
  choiceHours: number;
  /** coreHours + choiceHours: what a learner must study. */
  requiredHours: number;
  /** Optional topics, counted apart. */
  optionalHours: number;
}

/** The seeds' timelines at ten hours a week: required hours of the named stages together must fit. */
export const STAGE_TIMELINES = [
  { stageIds: ['beginner'], minHours: 80, maxHours: 135, span: '2–3 months at 10 h/week' },
  {
    stageIds: ['beginner', 'intermediate', 'advanced'],
    minHours: 260,
    maxHours: 520,
    span: '6–12 months at 10 h/week',
  },
] as const;

/**
 * Study hours per stage, in stage order: core topics plus the longest alternative of each choice, and
 * optional topics apart.
 * @example computeStageTotals(content)[0] // { stageId: 'beginner', coreHours: 88, choiceHours: 36, … }
 */
export function computeStageTotals(
  content: Content,
  index: ContentIndex = indexContent(content),
): StageTotal[] {
  const totals = index.stages.map((stage) => ({
    stageId: stage.id,
    coreHours: 0,
    choiceHours: 0,
    requiredHours: 0,
    optionalHours: 0,
  }));
  const byStage = new Map(totals.map((total) => [total.stageId, total]));
  for (const topicId of index.placedTopicIds) {
    const topic = index.topicById.get(topicId)?.frontMatter;
    const total = byStage.get(index.stageIdByTopic.get(topicId) ?? '');
    if (topic === undefined || total === undefined) continue;
    if (topic.kind === 'core') total.coreHours += topic.hours;
    if (topic.kind === 'optional') total.optionalHours += topic.hours;
  }
  for (const choice of index.choices) {
    const total = byStage.get(stageIdOfChoice(index, choice.id) ?? '');
    const hours = (index.alternativesByChoice.get(choice.id) ?? [])
      .filter((topicId) => index.stageIdByTopic.has(topicId))
      .map((topicId) => index.topicById.get(topicId)?.frontMatter.hours ?? 0);
    if (total !== undefined && hours.length > 0) total.choiceHours += Math.max(...hours);
  }
  for (const total of totals) total.requiredHours = total.coreHours + total.choiceHours;
  return totals;
}

/** The required hours stay within the seeds' timelines (see {@link STAGE_TIMELINES}). */
export function checkTimelines(content: Content, index: ContentIndex): ContentIssue[] {
  // hours of unloaded topics are unknown, so the sums would be wrong
  if (content.roadmap === null || index.unloadedTopicIds.size > 0) return [];
  const totals = computeStageTotals(content, index);
  const issues: ContentIssue[] = [];
  for (const timeline of STAGE_TIMELINES) {
    const names = timeline.stageIds.join(' + ');
    const missing = timeline.stageIds.filter((id) => !index.stageIndexById.has(id));
    if (missing.length > 0) {
      issues.push(
        makeIssue(
          ROADMAP_FILE,
          'stages',
          `the timeline for ${names} names stages that do not exist: ${missing.join(', ')}`,
        ),
      );
      continue;
    }
    const hours = totals
      .filter((total) => (timeline.stageIds as readonly string[]).includes(total.stageId))
      .reduce((sum, total) => sum + total.requiredHours, 0);
    if (hours < timeline.minHours || hours > timeline.maxHours) {
      const lastStage = Math.max(...timeline.stageIds.map((id) => index.stageIndexById.get(id) ?? 0));
      issues.push(
        makeIssue(
          ROADMAP_FILE,
          `stages[${lastStage}]`,
          `${names} need ${hours} h of required study; the seeds' timeline of ${timeline.span} allows ${timeline.minHours}–${timeline.maxHours} h`,
        ),
      );
    }
  }
  return issues;
}
