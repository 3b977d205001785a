import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import type { BandFlowNode, ChoiceFlowNode, TopicFlowNode } from './graph-model';
import { StatusMark } from './status-mark';

// arrows are drawn from the layout's own points; xyflow still wants a handle at each end of an edge
function HiddenHandles() {
  return (
    <>
      <Handle type="target" position={Position.Top} isConnectable={false} className="gw-handle" />
      <Handle type="source" position={Position.Bottom} isConnectable={false} className="gw-handle" />
    </>
  );
}

export const TopicNode = memo(function TopicNode({ data }: NodeProps<TopicFlowNode>) {
  const { topic, status, isSelected, isRelated } = data;
  return (
    <div
      className="gw-topic"
      data-status={status}
      data-kind={topic.kind}
      data-selected={isSelected || undefined}
      data-related={isRelated || undefined}
    >
      <HiddenHandles />
      <StatusMark status={status} />
      <span className="gw-topic-title">{topic.title}</span>
    </div>
  );
});

export const BandNode = memo(function BandNode({ data }: NodeProps<BandFlowNode>) {
  return (
    <div className="gw-band" data-alternate={data.isAlternate || undefined}>
      <div className="gw-band-label" style={{ height: data.labelHeight }}>
        <span className="gw-band-step">Stage {data.position}</span>
        <span className="gw-band-title">{data.title}</span>
        {data.requiredHours > 0 && <span className="gw-band-hours">about {data.requiredHours} hours</span>}
      </div>
    </div>
  );
});

export const ChoiceNode = memo(function ChoiceNode({ data }: NodeProps<ChoiceFlowNode>) {
  return (
    <div className="gw-choice">
      <HiddenHandles />
      <div className="gw-choice-label" style={{ height: data.labelHeight }}>
        <span className="gw-choice-hint">Pick one</span>
        {data.title}
      </div>
    </div>
  );
});

export const NODE_TYPES = { topic: TopicNode, band: BandNode, choice: ChoiceNode };
