import type { LayoutPoint } from '@groundwork/contracts';
import type { EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { RouteFlowEdge } from './graph-model';

const ARROW_LENGTH_PX = 9;
const ARROW_HALF_WIDTH_PX = 4.5;

/** A smooth path through the layout's points: straight to the first bend, then curves through midpoints. */
export function pathThrough(points: readonly LayoutPoint[]): string {
  const [first, ...rest] = points;
  if (!first) return '';
  let path = `M${first.x},${first.y}`;
  for (let i = 0; i < rest.length - 1; i++) {
    const bend = rest[i];
    const after = rest[i + 1];
    if (!bend || !after) continue;
    path += ` Q${bend.x},${bend.y} ${(bend.x + after.x) / 2},${(bend.y + after.y) / 2}`;
  }
  const last = rest.at(-1);
  return last ? `${path} L${last.x},${last.y}` : path;
}

/** A filled triangle at the end of the last segment, pointing the way the line runs. */
export function arrowHead(points: readonly LayoutPoint[]): string {
  const tip = points.at(-1);
  const from = points.at(-2);
  if (!tip || !from) return '';
  const length = Math.hypot(tip.x - from.x, tip.y - from.y) || 1;
  const ux = (tip.x - from.x) / length;
  const uy = (tip.y - from.y) / length;
  const baseX = tip.x - ux * ARROW_LENGTH_PX;
  const baseY = tip.y - uy * ARROW_LENGTH_PX;
  const left = `${baseX - uy * ARROW_HALF_WIDTH_PX},${baseY + ux * ARROW_HALF_WIDTH_PX}`;
  const right = `${baseX + uy * ARROW_HALF_WIDTH_PX},${baseY - ux * ARROW_HALF_WIDTH_PX}`;
  return `M${tip.x},${tip.y} L${left} L${right} Z`;
}

export const RouteEdge = memo(function RouteEdge({ data }: EdgeProps<RouteFlowEdge>) {
  if (!data) return null;
  const className = ['gw-edge', data.isCrossStage && 'gw-edge--cross', data.isActive && 'gw-edge--active']
    .filter(Boolean)
    .join(' ');
  return (
    <g className={className}>
      <path className="gw-edge-line" d={pathThrough(data.points)} fill="none" />
      <path className="gw-edge-arrow" d={arrowHead(data.points)} />
    </g>
  );
});

export const EDGE_TYPES = { route: RouteEdge };
