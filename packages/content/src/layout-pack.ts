import type { LayoutPlan } from './layout-plan';

/**
 * Splits a stage's units into connected parts (linked by prerequisites inside the stage), ordered by
 * where each part first appears in the stage's reading order; units keep reading order inside a part.
 */
export function splitIntoParts(plan: LayoutPlan, unitIds: string[]): string[][] {
  const parent = new Map(unitIds.map((id) => [id, id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(id, root);
    return root;
  };
  for (const edge of plan.edges) {
    if (!parent.has(edge.sourceUnit) || !parent.has(edge.targetUnit)) continue;
    const [a, b] = [find(edge.sourceUnit), find(edge.targetUnit)];
    // the root is always the part's earliest unit, so parts come out in reading order
    if (a !== b) unitIds.indexOf(a) < unitIds.indexOf(b) ? parent.set(b, a) : parent.set(a, b);
  }
  const parts = new Map<string, string[]>();
  for (const id of unitIds) {
    const root = find(id);
    parts.set(root, [...(parts.get(root) ?? []), id]);
  }
  return [...parts.values()];
}

export interface PackOptions {
  maxWidth: number;
  gapX: number;
  gapY: number;
}

export interface Packing {
  /** Top-left corner of each box, in the order given, from (0, 0). */
  positions: Array<{ x: number; y: number }>;
  width: number;
  height: number;
}

interface Segment {
  x: number;
  width: number;
  /** The lowest free y above this stretch of the skyline. */
  y: number;
}

/**
 * Packs boxes into a strip no wider than `maxWidth`, each in turn at the highest free spot, leftmost on
 * ties (skyline bottom-left packing), so earlier boxes sit higher and short ones fill gaps beside tall ones.
 * @example packBoxes([{ width: 200, height: 56 }], { maxWidth: 1000, gapX: 20, gapY: 20 })
 */
export function packBoxes(
  sizes: ReadonlyArray<{ width: number; height: number }>,
  options: PackOptions,
): Packing {
  // every box carries its gap on the right and below, so the strip is one gap wider
  const stripWidth = options.maxWidth + options.gapX;
  let skyline: Segment[] = [{ x: 0, width: stripWidth, y: 0 }];
  const positions = sizes.map((size) => {
    const width = Math.min(size.width + options.gapX, stripWidth);
    const spot = findSpot(skyline, width, stripWidth);
    skyline = raise(skyline, spot.x, width, spot.y + size.height + options.gapY);
    return spot;
  });
  const width = Math.max(0, ...sizes.map((size, index) => (positions[index]?.x ?? 0) + size.width));
  const height = Math.max(0, ...sizes.map((size, index) => (positions[index]?.y ?? 0) + size.height));
  return { positions, width, height };
}

function findSpot(skyline: Segment[], width: number, stripWidth: number): { x: number; y: number } {
  let best: { x: number; y: number } | null = null;
  for (const start of skyline) {
    if (start.x + width > stripWidth) break;
    const y = Math.max(
      ...skyline.filter((s) => s.x < start.x + width && s.x + s.width > start.x).map((s) => s.y),
    );
    if (best === null || y < best.y) best = { x: start.x, y };
  }
  return best ?? { x: 0, y: Math.max(...skyline.map((s) => s.y)) };
}

function raise(skyline: Segment[], x: number, width: number, y: number): Segment[] {
  const end = x + width;
  const next: Segment[] = [];
  for (const segment of skyline) {
    const segmentEnd = segment.x + segment.width;
    if (segmentEnd <= x || segment.x >= end) {
      next.push(segment);
      continue;
    }
    if (segment.x < x) next.push({ x: segment.x, width: x - segment.x, y: segment.y });
    if (segmentEnd > end) next.push({ x: end, width: segmentEnd - end, y: segment.y });
  }
  next.push({ x, width, y });
  next.sort((a, b) => a.x - b.x);
  // merge neighbours at the same height so wide boxes see one flat stretch
  return next.reduce<Segment[]>((merged, segment) => {
    const last = merged.at(-1);
    if (last !== undefined && last.y === segment.y && last.x + last.width === segment.x)
      last.width += segment.width;
    else merged.push({ ...segment });
    return merged;
  }, []);
}
