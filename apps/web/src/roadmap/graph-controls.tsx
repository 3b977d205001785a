import { useReactFlow } from '@xyflow/react';
import type { ReactNode } from 'react';
import { motionDuration } from '../ui/motion';

const ZOOM_DURATION_MS = 200;

function ControlButton({
  label,
  onClick,
  children,
}: {
  label: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      title={label}
      onClick={onClick}
      className="flex size-9 items-center justify-center text-fg hover:bg-surface-muted"
    >
      {children}
      <span className="sr-only">{label}</span>
    </button>
  );
}

function Glyph({ d }: { d: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      className="size-[18px]"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={d} />
    </svg>
  );
}

/** Zoom in, zoom out, fit the whole roadmap, and back to the start. */
export function GraphControls({ onShowStart }: { onShowStart: () => void }) {
  const flow = useReactFlow();
  return (
    <fieldset className="flex flex-col divide-y divide-line overflow-hidden rounded-lg border border-line bg-surface shadow-sm">
      <legend className="sr-only">Zoom and view</legend>
      <ControlButton
        label="Zoom in"
        onClick={() => void flow.zoomIn({ duration: motionDuration(ZOOM_DURATION_MS) })}
      >
        <Glyph d="M12 5v14M5 12h14" />
      </ControlButton>
      <ControlButton
        label="Zoom out"
        onClick={() => void flow.zoomOut({ duration: motionDuration(ZOOM_DURATION_MS) })}
      >
        <Glyph d="M5 12h14" />
      </ControlButton>
      <ControlButton
        label="Fit the whole roadmap"
        onClick={() => void flow.fitView({ padding: 0.04, duration: motionDuration(ZOOM_DURATION_MS * 2) })}
      >
        <Glyph d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />
      </ControlButton>
      <ControlButton label="Back to the start" onClick={onShowStart}>
        <Glyph d="M12 19V5M5 12l7-7 7 7" />
      </ControlButton>
    </fieldset>
  );
}
