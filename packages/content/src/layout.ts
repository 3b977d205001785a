import { Graph, type RankerFunction, layout as runDagre } from '@dagrejs/dagre';
import type { LayoutEdge, LayoutGroup, LayoutNode, LayoutPoint, RoadmapLayout } from '@groundwork/contracts';
import type { Content } from './content.types';
import { indexContent } from './content-index';
import { packBoxes, splitIntoParts } from './layout-pack';
import { GROUP_LABEL_HEIGHT_PX, type LayoutPlan, type LayoutUnit, planLayout } from './layout-plan';
import { layerUnits } from './layout-ranks';
import { placeTopics } from './layout-topics';

export { NODE_HEIGHT_PX, NODE_WIDTH_PX } from './layout-plan';

/** Widest a row of boxes, or a shelf of parts, may grow. */
const MAX_WIDTH_PX = 2200;
const UNIT_GAP_PX = 28;
const EDGE_GAP_PX = 14;
const ROW_GAP_PX = 44;
const PART_GAP_X_PX = 72;
const PART_GAP_Y_PX = 56;
const MARGIN_PX = 32;
const BAND_LABEL_HEIGHT_PX = 64;
const BAND_PADDING_PX = 32;

type Box = { x: number; y: number; width: number; height: number };

/** One connected part of a stage, laid out by dagre with its own origin. */
interface PartLayout {
  unitIds: string[];
  width: number;
  height: number;
  /** Unit boxes relative to the part's top-left corner. */
  boxes: Map<string, Box>;
  /** Routed bends of each arrow between two units of the part, keyed `source->target` unit ids. */
  routes: Map<string, LayoutPoint[]>;
}

/**
 * Lays the roadmap out: stages as bands stacked top to bottom; inside a band, each group of linked topics
 * laid out top-down by dagre (prerequisites above the topics that need them) and the groups packed in
 * shelves; each choice's alternatives boxed together. Pure and deterministic: same content, same layout.
 * Arrows between stages are straight lines marked `isCrossStage` (the web app may show them on focus).
 * @example const layout = layoutRoadmap((await loadContent('content')).content);
 */
export function layoutRoadmap(content: Content): RoadmapLayout {
  const plan = planLayout(indexContent(content));
  const unitBoxes = new Map<string, Box>();
  const routes = new Map<string, LayoutPoint[]>();
  const bands: Array<{ stageId: string; y: number; height: number }> = [];
  let top = 0;
  let widest = 0;

  for (const stage of plan.stages) {
    const parts = splitIntoParts(plan, stage.unitIds).map((unitIds) => layoutPart(plan, unitIds));
    const packed = packBoxes(parts, { maxWidth: MAX_WIDTH_PX, gapX: PART_GAP_X_PX, gapY: PART_GAP_Y_PX });
    parts.forEach((part, index) => {
      const position = packed.positions[index] ?? { x: 0, y: 0 };
      // each band is centred on x = 0 for now
      const origin = { x: position.x - packed.width / 2, y: position.y + top + BAND_LABEL_HEIGHT_PX };
      const move = (p: LayoutPoint) => ({ x: p.x + origin.x, y: p.y + origin.y });
      for (const [id, box] of part.boxes) unitBoxes.set(id, { ...box, ...move(box) });
      for (const [id, points] of part.routes) routes.set(id, points.map(move));
    });
    const height = BAND_LABEL_HEIGHT_PX + packed.height + BAND_PADDING_PX;
    bands.push({ stageId: stage.id, y: top, height });
    top += height;
    widest = Math.max(widest, packed.width);
  }
  const width = Math.round(widest + 2 * MARGIN_PX);
  // parts were centred on x = 0; move them to the middle of the drawing
  const shiftX = width / 2;
  return {
    version: 1,
    inputHash: plan.inputHash,
    width,
    height: Math.round(top),
    bands: bands.map((band) => ({
      stageId: band.stageId,
      x: 0,
      y: band.y,
      width,
      height: band.height,
      labelHeight: BAND_LABEL_HEIGHT_PX,
    })),
    ...buildShapes(plan, unitBoxes, routes, shiftX),
  };
}

/** Rows from our width-limited ranking, then dagre orders and positions boxes and routes arrows. */
function layoutPart(plan: LayoutPlan, unitIds: string[]): PartLayout {
  const rows = layerUnits(plan, unitIds, { maxRowWidthPx: MAX_WIDTH_PX, unitGapPx: UNIT_GAP_PX });
  const graph = new Graph({ multigraph: false });
  // dagre 3 accepts a ranker function (its types list only the names): ours keeps our rows, on dagre's
  // doubled scale (it halves ranksep and routes every edge through the odd ranks between rows)
  const keepRows: RankerFunction = (layoutGraph) => {
    for (const id of layoutGraph.nodes())
      layoutGraph.node(id).rank = rows.has(id) ? 2 * (rows.get(id) ?? 0) : -2;
  };
  graph.setGraph({
    nodesep: UNIT_GAP_PX,
    edgesep: EDGE_GAP_PX,
    ranksep: ROW_GAP_PX,
    ranker: keepRows as unknown as 'network-simplex',
  });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const id of unitIds) {
    const unit = plan.units.get(id) as LayoutUnit;
    graph.setNode(id, { width: unit.width, height: unit.height });
  }
  for (const edge of plan.edges) {
    const [from, to] = [rows.get(edge.sourceUnit), rows.get(edge.targetUnit)];
    if (from === undefined || to === undefined || from >= to) continue;
    graph.setEdge(edge.sourceUnit, edge.targetUnit, { weight: 1, minlen: 1 });
  }
  runDagre(graph);

  const boxes = new Map<string, Box>();
  for (const id of unitIds) {
    const node = graph.node(id) as Box;
    boxes.set(id, {
      x: node.x - node.width / 2,
      y: node.y - node.height / 2,
      width: node.width,
      height: node.height,
    });
  }
  const routes = new Map<string, LayoutPoint[]>();
  for (const edge of graph.edges())
    routes.set(`${edge.v}->${edge.w}`, (graph.edge(edge) as { points: LayoutPoint[] }).points);

  // routed bends may stray outside the boxes; the part's frame includes them
  const xs = [
    ...[...boxes.values()].flatMap((b) => [b.x, b.x + b.width]),
    ...[...routes.values()].flatMap((ps) => ps.map((p) => p.x)),
  ];
  const ys = [...boxes.values()].flatMap((b) => [b.y, b.y + b.height]);
  const [minX, minY] = [Math.min(...xs), Math.min(...ys)];
  boxes.forEach((box) => {
    box.x -= minX;
    box.y -= minY;
  });
  for (const [id, points] of routes)
    routes.set(
      id,
      points.map((p) => ({ x: p.x - minX, y: p.y - minY })),
    );
  return { unitIds, width: Math.max(...xs) - minX, height: Math.max(...ys) - minY, boxes, routes };
}

function buildShapes(
  plan: LayoutPlan,
  unitBoxes: Map<string, Box>,
  routes: Map<string, LayoutPoint[]>,
  shiftX: number,
) {
  const place = <T extends { x: number; y: number }>(item: T): T => ({
    ...item,
    x: Math.round(item.x + shiftX),
    y: Math.round(item.y),
  });
  const placedUnits = new Map([...unitBoxes].map(([id, box]) => [id, place(box)]));
  const nodes: LayoutNode[] = [];
  const groups: LayoutGroup[] = [];
  const topicBoxes = new Map<string, Box>();
  for (const stage of plan.stages) {
    for (const unitId of stage.unitIds) {
      const unit = plan.units.get(unitId) as LayoutUnit;
      const box = placedUnits.get(unitId) as Box;
      if (unit.choiceId !== undefined) {
        groups.push({
          choiceId: unit.choiceId,
          stageId: stage.id,
          topicIds: unit.topicIds,
          ...box,
          labelHeight: GROUP_LABEL_HEIGHT_PX,
        });
      }
      placeTopics(unit, box).forEach((topicBox, topicId) => {
        topicBoxes.set(topicId, topicBox);
        const choice = unit.choiceId === undefined ? {} : { choiceId: unit.choiceId };
        nodes.push({ topicId, stageId: stage.id, ...choice, ...topicBox });
      });
    }
  }
  const edges: LayoutEdge[] = plan.edges.flatMap((edge) => {
    const from = topicBoxes.get(edge.source) ?? placedUnits.get(edge.source);
    const to = topicBoxes.get(edge.target) ?? placedUnits.get(edge.target);
    if (from === undefined || to === undefined) return [];
    const bends = (routes.get(`${edge.sourceUnit}->${edge.targetUnit}`) ?? []).slice(1, -1).map(place);
    const start = { x: clampInto(bends[0]?.x ?? from.x + from.width / 2, from), y: from.y + from.height };
    const end = { x: clampInto(bends.at(-1)?.x ?? to.x + to.width / 2, to), y: to.y };
    const points = dropStraightBends(
      [start, ...bends, end].map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) })),
    );
    return [
      {
        id: `${edge.source}->${edge.target}`,
        source: edge.source,
        target: edge.target,
        isCrossStage: edge.isCrossStage,
        points,
      },
    ];
  });
  return { groups, nodes, edges };
}

/** Keeps an arrow's end on the box's edge, away from its rounded corners. */
function clampInto(x: number, box: Box): number {
  const inset = Math.min(16, box.width / 2);
  return Math.min(Math.max(x, box.x + inset), box.x + box.width - inset);
}

function dropStraightBends(points: LayoutPoint[]): LayoutPoint[] {
  return points.filter((point, index) => {
    const before = points[index - 1];
    const after = points[index + 1];
    if (before === undefined || after === undefined) return true;
    return (after.x - before.x) * (point.y - before.y) !== (point.x - before.x) * (after.y - before.y);
  });
}
