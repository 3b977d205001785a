import {
  MiniMap,
  type Node,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Viewport,
} from '@xyflow/react';
import {
  type FocusEvent,
  type KeyboardEvent,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { cx } from '../ui/cx';
import { motionDuration } from '../ui/motion';
import { GraphControls } from './graph-controls';
import { isSelectKey, moveForKey, topicAfterMove } from './graph-keyboard';
import { buildEdges, buildNodes, type RoadmapFlowNode, readingOrder } from './graph-model';
import { NODE_TYPES } from './graph-nodes';
import type { RoadmapOutline, TopicStatuses } from './roadmap.types';
import { EDGE_TYPES } from './route-edge';
import { StageJumps } from './stage-jumps';
import './roadmap-graph.css';

export type RoadmapGraphProps = {
  roadmap: RoadmapOutline;
  /** The learner's status per topic id; missing topics are drawn as not started. */
  statuses: TopicStatuses;
  selectedTopicId: string | null;
  onSelectTopic: (topicId: string) => void;
  className?: string;
};

export const MIN_ZOOM = 0.12;
export const MAX_ZOOM = 1.75;
const EDGE_PADDING_PX = 24;
/** The space kept between a revealed topic and the canvas edge. */
const REVEAL_MARGIN_PX = 48;
/** How far past the roadmap's edges the canvas can be dragged. */
const PAN_MARGIN_PX = 120;
/** Leaves room above the first band for the stage buttons that float over the canvas. */
const TOP_PADDING_PX = 64;
/** 13 px titles stay readable from here up. */
const START_ZOOM = 0.8;
const PAN_DURATION_MS = 350;

const A11Y_LABELS = {
  'node.a11yDescription.default':
    'Press Enter to open this topic. Use Tab or the arrow keys to move to the next or previous topic.',
  'node.a11yDescription.keyboardDisabled':
    'Press Enter to open this topic. Use Tab or the arrow keys to move to the next or previous topic.',
  'minimap.ariaLabel': 'Overview of the whole roadmap',
};

function topicIdOf(target: EventTarget | null): string | null {
  if (!(target instanceof Element)) return null;
  return target.closest('.react-flow__node-topic')?.getAttribute('data-id') ?? null;
}

function miniMapColor(node: Node): string {
  const flowNode = node as RoadmapFlowNode;
  if (flowNode.type === 'band') return flowNode.data.isAlternate ? 'var(--gw-band-b)' : 'var(--gw-band-a)';
  if (flowNode.type === 'choice') return 'var(--gw-group)';
  return `var(--gw-status-${flowNode.data.status}-mark)`;
}

/**
 * The roadmap drawn from its build-time layout: stages as bands, choices as boxes, topics coloured by
 * status. Arrows between stages appear only for the hovered, focused or selected topic. Topics are
 * reachable with Tab and the arrow keys in reading order; Enter or a click calls `onSelectTopic`.
 */
export function RoadmapGraph(props: RoadmapGraphProps) {
  return (
    <ReactFlowProvider>
      <GraphCanvas {...props} />
    </ReactFlowProvider>
  );
}

function GraphCanvas({ roadmap, statuses, selectedTopicId, onSelectTopic, className }: RoadmapGraphProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const flow = useReactFlow();
  const [hoveredId, setHoveredId] = useState<string | null>(null);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const activeTopicId = hoveredId ?? focusedId ?? selectedTopicId;
  const { layout } = roadmap;

  const order = useMemo(() => readingOrder(roadmap), [roadmap]);
  const nodes = useMemo(
    () => buildNodes(roadmap, statuses, { selectedTopicId, activeTopicId }),
    [roadmap, statuses, selectedTopicId, activeTopicId],
  );
  const edges = useMemo(() => buildEdges(roadmap, activeTopicId), [roadmap, activeTopicId]);

  /**
   * The first view: the top of the roadmap at a zoom where titles are readable, from its left edge, or
   * centred on the first topic when a narrow screen could not show it that way (the whole width, centred,
   * when the screen is wide enough).
   */
  const startViewport = useCallback((): Viewport => {
    const width = containerRef.current?.getBoundingClientRect().width ?? 0;
    const zoom = Math.min(1, Math.max(START_ZOOM, (width - 2 * EDGE_PADDING_PX) / layout.width));
    const spareWidth = width - layout.width * zoom;
    if (spareWidth >= 2 * EDGE_PADDING_PX) return { x: spareWidth / 2, y: TOP_PADDING_PX, zoom };
    const first = layout.nodes.find((node) => node.topicId === order[0]);
    const isFirstVisible =
      !first || EDGE_PADDING_PX + (first.x + first.width) * zoom <= width - EDGE_PADDING_PX;
    if (!first || isFirstVisible) return { x: EDGE_PADDING_PX, y: TOP_PADDING_PX, zoom };
    const centred = width / 2 - (first.x + first.width / 2) * zoom;
    return {
      x: Math.min(EDGE_PADDING_PX, Math.max(spareWidth - EDGE_PADDING_PX, centred)),
      y: TOP_PADDING_PX,
      zoom,
    };
  }, [layout, order]);

  /** Scrolls so a stage's band starts just under the stage buttons, keeping the zoom and sideways position. */
  const showStage = useCallback(
    (bandY: number) => {
      const { x, zoom } = flow.getViewport();
      void flow.setViewport(
        { x, y: TOP_PADDING_PX - bandY * zoom, zoom },
        { duration: motionDuration(PAN_DURATION_MS) },
      );
    },
    [flow],
  );

  const centreOnTopic = useCallback(
    (topicId: string, duration: number) => {
      const box = layout.nodes.find((node) => node.topicId === topicId);
      if (!box) return;
      const zoom = Math.max(flow.getZoom(), START_ZOOM);
      void flow.setCenter(box.x + box.width / 2, box.y + box.height / 2, {
        zoom,
        duration: motionDuration(duration),
      });
    },
    [flow, layout.nodes],
  );

  // only the first view depends on the selection it opened with; later selections pan in the effect below
  const initialSelection = useRef(selectedTopicId);
  const handleInit = useCallback(() => {
    if (initialSelection.current) centreOnTopic(initialSelection.current, 0);
    else void flow.setViewport(startViewport());
  }, [centreOnTopic, flow, startViewport]);

  /**
   * Pans just enough to show a topic whole, like scrolling it into view: keyboard users moving through
   * the map never lose the focused topic, and the view never jumps further than it must.
   */
  const revealTopic = useCallback(
    (topicId: string, duration: number) => {
      const box = layout.nodes.find((node) => node.topicId === topicId);
      const container = containerRef.current?.getBoundingClientRect();
      if (!box || !container) return;
      const { x, y, zoom } = flow.getViewport();
      const left = box.x * zoom + x;
      const top = box.y * zoom + y;
      const right = left + box.width * zoom;
      const bottom = top + box.height * zoom;
      const dx =
        left < REVEAL_MARGIN_PX
          ? REVEAL_MARGIN_PX - left
          : Math.min(0, container.width - REVEAL_MARGIN_PX - right);
      const dy =
        top < TOP_PADDING_PX
          ? TOP_PADDING_PX - top
          : Math.min(0, container.height - REVEAL_MARGIN_PX - bottom);
      if (dx === 0 && dy === 0) return;
      void flow.setViewport({ x: x + dx, y: y + dy, zoom }, { duration: motionDuration(duration) });
    },
    [flow, layout.nodes],
  );

  // a topic chosen outside the graph (the side panel, the list) is brought into view
  useEffect(() => {
    if (selectedTopicId && focusedId !== selectedTopicId) revealTopic(selectedTopicId, PAN_DURATION_MS);
  }, [selectedTopicId, focusedId, revealTopic]);

  const focusTopic = (topicId: string) => {
    const selector = `.react-flow__node-topic[data-id="${CSS.escape(topicId)}"]`;
    containerRef.current?.querySelector<HTMLElement>(selector)?.focus();
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const topicId = topicIdOf(event.target);
    if (topicId === null) return;
    if (isSelectKey(event.key)) {
      event.preventDefault();
      onSelectTopic(topicId);
      return;
    }
    const move = moveForKey(event.key);
    if (move === null) return;
    event.preventDefault();
    const next = topicAfterMove(order, topicId, move);
    if (next !== null && next !== topicId) focusTopic(next);
  };

  const handleFocus = (event: FocusEvent<HTMLDivElement>) => {
    const topicId = topicIdOf(event.target);
    setFocusedId(topicId);
    if (topicId !== null) revealTopic(topicId, 0);
  };
  const handleBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (topicIdOf(event.relatedTarget) === null) setFocusedId(null);
  };

  return (
    // keys and focus bubble up here from the topic nodes, which xyflow renders; this div is not a control
    // biome-ignore lint/a11y/noStaticElementInteractions: it delegates the topics' keyboard handling
    <div
      ref={containerRef}
      className={cx('gw-graph relative h-full w-full bg-canvas', className)}
      onKeyDown={handleKeyDown}
      onFocus={handleFocus}
      onBlur={handleBlur}
    >
      <ReactFlow<RoadmapFlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onInit={handleInit}
        onNodeClick={(_, node) => {
          if (node.type === 'topic') onSelectTopic(node.id);
        }}
        onNodeMouseEnter={(_, node) => {
          if (node.type === 'topic') setHoveredId(node.id);
        }}
        onNodeMouseLeave={() => setHoveredId(null)}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        edgesFocusable={false}
        autoPanOnNodeFocus={false}
        panOnScroll
        zoomOnScroll={false}
        zoomOnDoubleClick={false}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        translateExtent={[
          [-PAN_MARGIN_PX, -PAN_MARGIN_PX - TOP_PADDING_PX],
          [layout.width + PAN_MARGIN_PX, layout.height + PAN_MARGIN_PX],
        ]}
        ariaLabelConfig={A11Y_LABELS}
        attributionPosition="bottom-center"
        aria-label="Roadmap graph"
      >
        <Panel position="top-left" className="!m-3 max-w-[calc(100%-1.5rem)]">
          <StageJumps roadmap={roadmap} onJump={showStage} />
        </Panel>
        <Panel position="bottom-left" className="!m-3">
          <GraphControls
            onShowStart={() =>
              void flow.setViewport(startViewport(), { duration: motionDuration(PAN_DURATION_MS) })
            }
          />
        </Panel>
        <MiniMap
          className="!m-3 hidden md:block"
          position="bottom-right"
          nodeColor={miniMapColor}
          nodeStrokeWidth={0}
          nodeBorderRadius={8}
          pannable
          zoomable
        />
      </ReactFlow>
    </div>
  );
}
