import type { LayoutPlan } from './layout-plan';

export interface RankOptions {
  /** Units in one row may not be wider than this, gaps included. */
  maxRowWidthPx: number;
  /** Horizontal gap between units in a row. */
  unitGapPx: number;
}

/**
 * Assigns each unit a row within its part of a stage: below all of its prerequisites there, rows filled
 * longest-chain-first up to a width limit so the drawing grows downwards, not sideways (a width-limited
 * list schedule, after Coffman and Graham). Returns row indexes from 0.
 */
export function layerUnits(plan: LayoutPlan, unitIds: string[], options: RankOptions): Map<string, number> {
  const inPart = new Set(unitIds);
  const order = new Map(unitIds.map((id, index) => [id, index]));
  const predecessors = new Map(unitIds.map((id) => [id, new Set<string>()]));
  const successors = new Map(unitIds.map((id) => [id, new Set<string>()]));
  for (const edge of plan.edges) {
    if (!inPart.has(edge.sourceUnit) || !inPart.has(edge.targetUnit)) continue;
    predecessors.get(edge.targetUnit)?.add(edge.sourceUnit);
    successors.get(edge.sourceUnit)?.add(edge.targetUnit);
  }
  const chainLength = measureChains(unitIds, successors);

  const layerOf = new Map<string, number>();
  const rowWidths: number[] = [];
  const waiting = new Map(unitIds.map((id) => [id, predecessors.get(id)?.size ?? 0]));
  const ready = unitIds.filter((id) => waiting.get(id) === 0);
  while (ready.length > 0) {
    // longest remaining chain first, then reading order
    ready.sort(
      (a, b) =>
        (chainLength.get(b) ?? 0) - (chainLength.get(a) ?? 0) || (order.get(a) ?? 0) - (order.get(b) ?? 0),
    );
    const unitId = ready.shift() as string;
    const width = plan.units.get(unitId)?.width ?? 0;
    let layer = Math.max(0, ...[...(predecessors.get(unitId) ?? [])].map((id) => (layerOf.get(id) ?? 0) + 1));
    while (
      (rowWidths[layer] ?? 0) > 0 &&
      (rowWidths[layer] ?? 0) + options.unitGapPx + width > options.maxRowWidthPx
    ) {
      layer += 1;
    }
    layerOf.set(unitId, layer);
    rowWidths[layer] =
      (rowWidths[layer] ?? 0) > 0 ? (rowWidths[layer] ?? 0) + options.unitGapPx + width : width;
    for (const next of successors.get(unitId) ?? []) {
      const remaining = (waiting.get(next) ?? 1) - 1;
      waiting.set(next, remaining);
      if (remaining === 0) ready.push(next);
    }
  }
  // units on a cycle never become ready; the checker reports the cycle, the drawing puts them last
  const lastLayer = rowWidths.length;
  for (const unitId of unitIds) if (!layerOf.has(unitId)) layerOf.set(unitId, lastLayer);
  return layerOf;
}

/** Units on the longest path from each unit to the end of the stage (itself included). */
function measureChains(unitIds: string[], successors: Map<string, Set<string>>): Map<string, number> {
  const lengths = new Map<string, number>();
  const visiting = new Set<string>();
  const measure = (unitId: string): number => {
    const known = lengths.get(unitId);
    if (known !== undefined) return known;
    if (visiting.has(unitId)) return 0;
    visiting.add(unitId);
    const length = 1 + Math.max(0, ...[...(successors.get(unitId) ?? [])].map(measure));
    visiting.delete(unitId);
    lengths.set(unitId, length);
    return length;
  };
  for (const unitId of unitIds) measure(unitId);
  return lengths;
}
