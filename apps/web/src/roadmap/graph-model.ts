import type { LayoutEdge, LayoutNode, LayoutPoint } from '@groundwork/contracts';
import { type Edge, type Node, type NodeHandle, Position } from '@xyflow/react';
import type { RoadmapOutline, TopicOutline, TopicStatus, TopicStatuses } from './roadmap.types';
import { KIND_LABELS, STATUS_LABELS, statusOf } from './topic-status';

export type TopicNodeData = {
  topic: TopicOutline;
  status: TopicStatus;
  isSelected: boolean;
  /** A direct prerequisite or follow-up of the active (hovered, focused or selected) topic. */
  isRelated: boolean;
};
export type BandNodeData = {
  title: string;
  position: number;
  requiredHours: number;
  labelHeight: number;
  isAlternate: boolean;
};
export type ChoiceNodeData = { title: string; labelHeight: number };
export type RouteEdgeData = { points: LayoutPoint[]; isCrossStage: boolean; isActive: boolean };

export type TopicFlowNode = Node<TopicNodeData, 'topic'>;
export type BandFlowNode = Node<BandNodeData, 'band'>;
export type ChoiceFlowNode = Node<ChoiceNodeData, 'choice'>;
export type RoadmapFlowNode = TopicFlowNode | BandFlowNode | ChoiceFlowNode;
export type RouteFlowEdge = Edge<RouteEdgeData, 'route'>;

// the contracts' CHOICE_REF_PREFIX; imported as a value it would pull zod into the bundle
const CHOICE_REF_PREFIX = 'choice:';

// paint order: bands, choice boxes, arrows, the active topic's arrows, topics
const Z_BAND = 0;
const Z_CHOICE = 1;
const Z_EDGE = 2;
const Z_ACTIVE_EDGE = 3;
const Z_TOPIC = 4;

export const bandNodeId = (stageId: string) => `stage:${stageId}`;
export const choiceNodeId = (choiceId: string) => `${CHOICE_REF_PREFIX}${choiceId}`;

/**
 * Topic ids in reading order: stage by stage, in the order the roadmap lists them. Tab and the arrow keys
 * follow it, and the topics are drawn in it so the DOM order matches.
 */
export function readingOrder(roadmap: RoadmapOutline): string[] {
  const placed = new Set(roadmap.layout.nodes.map((node) => node.topicId));
  const ordered = roadmap.stages.flatMap((stage) => stage.topicIds).filter((id) => placed.has(id));
  const seen = new Set(ordered);
  const rest = roadmap.layout.nodes.map((node) => node.topicId).filter((id) => !seen.has(id));
  return [...ordered, ...rest];
}

/** The accessible name of a topic node: its title, kind and status. */
export function describeTopicNode(topic: TopicOutline, status: TopicStatus, isSelected: boolean): string {
  const parts = [topic.title, KIND_LABELS[topic.kind], STATUS_LABELS[status]];
  if (isSelected) parts.push('selected');
  return parts.join(', ');
}

/** Whether an arrow touches a topic, directly or through the choice box the topic sits in. */
export function edgeTouchesTopic(edge: Pick<LayoutEdge, 'source' | 'target'>, topic: TopicOutline): boolean {
  const box = topic.choice ? choiceNodeId(topic.choice) : null;
  return edge.source === topic.id || edge.target === topic.id || edge.source === box || edge.target === box;
}

/** Topics one arrow away from `topic`: its prerequisites and the topics that need it. */
export function relatedTopicIds(roadmap: RoadmapOutline, topic: TopicOutline): Set<string> {
  const related = new Set<string>();
  const expand = (ref: string) => {
    if (!ref.startsWith(CHOICE_REF_PREFIX)) return related.add(ref);
    const choice = roadmap.choices.find((c) => c.id === ref.slice(CHOICE_REF_PREFIX.length));
    for (const id of choice?.topicIds ?? []) related.add(id);
    return related;
  };
  for (const edge of roadmap.layout.edges) {
    if (!edgeTouchesTopic(edge, topic)) continue;
    expand(edge.source);
    expand(edge.target);
  }
  related.delete(topic.id);
  return related;
}

function bandNodes(roadmap: RoadmapOutline): BandFlowNode[] {
  return roadmap.layout.bands.map((band, index) => {
    const stage = roadmap.stages.find((s) => s.id === band.stageId);
    return {
      id: bandNodeId(band.stageId),
      type: 'band',
      position: { x: band.x, y: band.y },
      width: band.width,
      height: band.height,
      zIndex: Z_BAND,
      focusable: false,
      selectable: false,
      draggable: false,
      data: {
        title: stage?.title ?? band.stageId,
        position: index + 1,
        requiredHours: stage?.hours.required ?? 0,
        labelHeight: band.labelHeight,
        isAlternate: index % 2 === 1,
      },
    };
  });
}

function choiceNodes(roadmap: RoadmapOutline): ChoiceFlowNode[] {
  return roadmap.layout.groups.map((group) => ({
    id: choiceNodeId(group.choiceId),
    type: 'choice',
    position: { x: group.x, y: group.y },
    width: group.width,
    height: group.height,
    handles: handlesFor(group.width, group.height),
    zIndex: Z_CHOICE,
    focusable: false,
    selectable: false,
    draggable: false,
    data: {
      title: roadmap.choices.find((choice) => choice.id === group.choiceId)?.title ?? group.choiceId,
      labelHeight: group.labelHeight,
    },
  }));
}

type TopicFlags = { isSelected: boolean; isRelated: boolean };

/**
 * Where arrows attach, known before the browser measures anything: top centre in, bottom centre out.
 * xyflow draws an edge only between nodes with handles; the arrows themselves follow the layout's points.
 */
function handlesFor(width: number, height: number): NodeHandle[] {
  return [
    { type: 'target', position: Position.Top, x: width / 2, y: 0, width: 1, height: 1 },
    { type: 'source', position: Position.Bottom, x: width / 2, y: height, width: 1, height: 1 },
  ];
}

function topicNode(
  roadmap: RoadmapOutline,
  boxes: ReadonlyMap<string, LayoutNode>,
  topicId: string,
  statuses: TopicStatuses,
  flags: TopicFlags,
): TopicFlowNode | null {
  const box = boxes.get(topicId);
  const topic = roadmap.topics[topicId];
  if (!box || !topic) return null;
  const status = statusOf(statuses, topicId);
  return {
    id: topicId,
    type: 'topic',
    position: { x: box.x, y: box.y },
    width: box.width,
    height: box.height,
    handles: handlesFor(box.width, box.height),
    zIndex: Z_TOPIC,
    draggable: false,
    selectable: false,
    ariaRole: 'button',
    ariaLabel: describeTopicNode(topic, status, flags.isSelected),
    data: { topic, status, ...flags },
  };
}

export type GraphFocus = { selectedTopicId: string | null; activeTopicId: string | null };

/**
 * The nodes to draw: bands, choice boxes, then topics in reading order, flagged for the selected topic
 * and the neighbours of the active one.
 */
export function buildNodes(
  roadmap: RoadmapOutline,
  statuses: TopicStatuses,
  focus: GraphFocus,
): RoadmapFlowNode[] {
  const active = focus.activeTopicId ? roadmap.topics[focus.activeTopicId] : undefined;
  const related = active ? relatedTopicIds(roadmap, active) : new Set<string>();
  const boxes = new Map(roadmap.layout.nodes.map((node) => [node.topicId, node]));
  const topics = readingOrder(roadmap)
    .map((id) =>
      topicNode(roadmap, boxes, id, statuses, {
        isSelected: id === focus.selectedTopicId,
        isRelated: related.has(id),
      }),
    )
    .filter((node): node is TopicFlowNode => node !== null);
  return [...bandNodes(roadmap), ...choiceNodes(roadmap), ...topics];
}

/**
 * The arrows to draw. Arrows between stages are only drawn for the active topic: all of them at once
 * would hide the map behind a tangle of long lines.
 */
export function buildEdges(roadmap: RoadmapOutline, activeTopicId: string | null): RouteFlowEdge[] {
  const active = activeTopicId ? roadmap.topics[activeTopicId] : undefined;
  const edges: RouteFlowEdge[] = [];
  for (const edge of roadmap.layout.edges) {
    const isActive = active !== undefined && edgeTouchesTopic(edge, active);
    if (edge.isCrossStage && !isActive) continue;
    edges.push({
      id: edge.id,
      type: 'route',
      source: edge.source,
      target: edge.target,
      zIndex: isActive ? Z_ACTIVE_EDGE : Z_EDGE,
      focusable: false,
      selectable: false,
      data: { points: edge.points, isCrossStage: edge.isCrossStage, isActive },
    });
  }
  return edges;
}
