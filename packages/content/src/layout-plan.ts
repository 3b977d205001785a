import { CHOICE_REF_PREFIX } from '@groundwork/contracts';
import { type ContentIndex, choiceIdOf } from './content-index';
import { canonicalJson, sha256Hex } from './hash';

export const NODE_WIDTH_PX = 200;
export const NODE_HEIGHT_PX = 56;
export const GROUP_PADDING_PX = 12;
export const GROUP_LABEL_HEIGHT_PX = 28;
export const GROUP_CELL_GAP_PX = 12;
const GROUP_MAX_COLUMNS = 4;

/** One box dagre places: a topic, or a choice group holding its alternatives in a grid. */
export interface LayoutUnit {
  id: string;
  stageId: string;
  width: number;
  height: number;
  /** Topic ids inside: the topic itself, or the alternatives in reading order. */
  topicIds: string[];
  choiceId?: string;
  columns: number;
}

/** An arrow as drawn: between topics and/or choice groups, plus the units dagre routes it between. */
export interface PlannedEdge {
  source: string;
  target: string;
  sourceUnit: string;
  targetUnit: string;
  isCrossStage: boolean;
}

/** What the layout is computed from, reduced to the facts that change the picture. */
export interface LayoutPlan {
  stages: Array<{ id: string; unitIds: string[] }>;
  units: Map<string, LayoutUnit>;
  edges: PlannedEdge[];
  inputHash: string;
}

/**
 * Turns content into layout units (topics, and one unit per choice group) and the arrows between them.
 * Arrows into a choice's alternatives that every alternative shares become one arrow into the group.
 */
export function planLayout(index: ContentIndex): LayoutPlan {
  const units = new Map<string, LayoutUnit>();
  const unitOfTopic = new Map<string, string>();
  const stages = index.stages.map((stage) => ({ id: stage.id, unitIds: [] as string[] }));
  const stageById = new Map(stages.map((stage) => [stage.id, stage]));

  for (const topicId of index.placedTopicIds) {
    const topic = index.topicById.get(topicId)?.frontMatter;
    const stageId = index.stageIdByTopic.get(topicId);
    const stage = stageById.get(stageId ?? '');
    if (topic === undefined || stageId === undefined || stage === undefined) continue;
    const choiceId = topic.kind === 'alternative' ? topic.choice : undefined;
    if (choiceId !== undefined && index.choiceById.has(choiceId)) {
      const unitId = `${CHOICE_REF_PREFIX}${choiceId}`;
      const group = units.get(unitId) ?? createGroupUnit(unitId, choiceId, stageId, stage.unitIds);
      units.set(unitId, group);
      // a group stays in the stage of its first alternative (the checker rejects split choices)
      group.topicIds.push(topicId);
      unitOfTopic.set(topicId, unitId);
      continue;
    }
    units.set(topicId, {
      id: topicId,
      stageId,
      width: NODE_WIDTH_PX,
      height: NODE_HEIGHT_PX,
      topicIds: [topicId],
      columns: 1,
    });
    unitOfTopic.set(topicId, topicId);
    stage.unitIds.push(topicId);
  }
  for (const unit of units.values()) if (unit.choiceId !== undefined) sizeGroup(unit);

  const edges = planEdges(index, units, unitOfTopic);
  const inputHash = sha256Hex(
    canonicalJson({
      stages: stages.map((stage) => ({
        id: stage.id,
        units: stage.unitIds.map((id) => units.get(id)?.topicIds),
      })),
      edges: edges.map((edge) => [edge.source, edge.target]),
    }),
  );
  return { stages, units, edges, inputHash };
}

function createGroupUnit(
  unitId: string,
  choiceId: string,
  stageId: string,
  stageUnits: string[],
): LayoutUnit {
  stageUnits.push(unitId);
  return { id: unitId, stageId, width: 0, height: 0, topicIds: [], choiceId, columns: 1 };
}

function sizeGroup(unit: LayoutUnit): void {
  const count = unit.topicIds.length;
  // two rows from four alternatives on: a squarer box packs better than a long strip
  const rows = Math.max(Math.ceil(count / GROUP_MAX_COLUMNS), count >= 4 ? 2 : 1);
  unit.columns = Math.ceil(count / rows);
  unit.width = 2 * GROUP_PADDING_PX + unit.columns * NODE_WIDTH_PX + (unit.columns - 1) * GROUP_CELL_GAP_PX;
  unit.height =
    GROUP_LABEL_HEIGHT_PX +
    GROUP_PADDING_PX +
    rows * NODE_HEIGHT_PX +
    (rows - 1) * GROUP_CELL_GAP_PX +
    GROUP_PADDING_PX;
}

function planEdges(
  index: ContentIndex,
  units: Map<string, LayoutUnit>,
  unitOfTopic: Map<string, string>,
): PlannedEdge[] {
  const edges = new Map<string, PlannedEdge>();
  const add = (source: string, target: string) => {
    const sourceUnit = choiceIdOf(source) === null ? unitOfTopic.get(source) : source;
    const targetUnit = choiceIdOf(target) === null ? unitOfTopic.get(target) : target;
    if (sourceUnit === undefined || targetUnit === undefined || sourceUnit === targetUnit) return;
    if (!units.has(sourceUnit) || !units.has(targetUnit)) return;
    const isCrossStage = units.get(sourceUnit)?.stageId !== units.get(targetUnit)?.stageId;
    edges.set(`${source}->${target}`, { source, target, sourceUnit, targetUnit, isCrossStage });
  };
  // where an arrow starts when it ends on a whole group: another group's alternative stands for its group
  const groupSource = (ref: string): string => {
    const unit = unitOfTopic.get(ref);
    return unit !== undefined && unit !== ref ? unit : ref;
  };

  for (const unit of units.values()) {
    if (unit.choiceId === undefined) {
      for (const ref of index.topicById.get(unit.id)?.frontMatter.prerequisites ?? []) add(ref, unit.id);
      continue;
    }
    const sourcesPerAlternative = unit.topicIds.map(
      (topicId) => new Set((index.topicById.get(topicId)?.frontMatter.prerequisites ?? []).map(groupSource)),
    );
    const shared = [...(sourcesPerAlternative[0] ?? [])].filter((source) =>
      sourcesPerAlternative.every((set) => set.has(source)),
    );
    for (const source of shared) add(source, unit.id);
    unit.topicIds.forEach((topicId) => {
      for (const ref of index.topicById.get(topicId)?.frontMatter.prerequisites ?? []) {
        if (!shared.includes(groupSource(ref))) add(ref, topicId);
      }
    });
  }
  return [...edges.values()];
}
