import type { RecordedFrame } from '@groundwork/contracts';
import { useId } from 'react';
import { cx } from '../ui/cx';

const DIRECTION: Record<RecordedFrame['direction'], { arrow: string; label: string; classes: string }> = {
  sent: { arrow: '→', label: 'sent', classes: 'border-l-accent' },
  received: { arrow: '←', label: 'received', classes: 'border-l-fg-muted bg-surface-muted' },
  event: { arrow: '·', label: 'event', classes: 'border-l-transparent italic text-fg-muted' },
};

const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Shows the characters a page would hide or reorder (controls such as ESC and NUL, line separators, bidi
 * overrides, lone surrogates) as escapes, as the terminal reporter does, so the learner sees what their
 * server sent.
 */
export function showControlChars(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const isHidden =
      code <= 0x1f ||
      (code >= 0x7f && code <= 0x9f) ||
      code === 0x200e ||
      code === 0x200f ||
      (code >= 0x2028 && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069) ||
      (code >= 0xd800 && code <= 0xdfff);
    if (!isHidden) out += char;
    else if (NAMED_ESCAPES[char]) out += NAMED_ESCAPES[char];
    else if (code <= 0xff) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += `\\u{${code.toString(16)}}`;
  }
  return out;
}

/** A WebSocket conversation, one frame a row: who sent it (in words, not colour alone), when, and the text. */
export function FrameList({ frames }: { frames: readonly RecordedFrame[] }) {
  const headingId = useId();
  return (
    <div className="space-y-1">
      <p id={headingId} className="text-xs font-semibold text-fg-muted">
        Frames
      </p>
      <ol
        aria-labelledby={headingId}
        className="divide-y divide-line overflow-hidden rounded-md border border-line bg-surface font-mono text-xs text-fg"
      >
        {frames.map((frame, position) => {
          const direction = DIRECTION[frame.direction];
          return (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: frames carry no id and never move
              key={position}
              data-direction={frame.direction}
              className={cx('flex gap-3 border-l-4 px-3 py-1', direction.classes)}
            >
              <span className="w-20 shrink-0">
                <span aria-hidden="true">{direction.arrow} </span>
                {direction.label}
              </span>
              <span className="w-16 shrink-0 text-right tabular-nums text-fg-muted">
                {Math.round(frame.atMs)} ms
              </span>
              <span className="min-w-0 flex-1 whitespace-pre-wrap [overflow-wrap:anywhere]">
                {showControlChars(frame.text)}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
