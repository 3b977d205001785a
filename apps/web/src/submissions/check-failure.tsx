import type { CheckOutcome } from '@groundwork/contracts';
import { Link } from 'react-router';
import { CopyButton } from '../ui/copy-button';
import { FrameList } from './frame-list';

type FailedOutcome = Extract<CheckOutcome, { status: 'fail' }>;

// wrapped, never scrolled: a scrolling block would need to be focusable for keyboard users
const CODE_CLASSES =
  'rounded-md border border-line bg-surface px-3 py-2 font-mono text-xs whitespace-pre-wrap text-fg [overflow-wrap:anywhere]';

function Block({ label, children, tone }: { label: string; children: string; tone: 'expected' | 'actual' }) {
  return (
    <div className="min-w-0 space-y-1">
      <p
        className={
          tone === 'expected'
            ? 'text-xs font-semibold text-success-text'
            : 'text-xs font-semibold text-danger-text'
        }
      >
        {label}
      </p>
      <pre className={CODE_CLASSES}>{children}</pre>
    </div>
  );
}

/**
 * What a failing check expected, what came back (with a WebSocket's frames), how to reproduce it, and
 * where to learn the fix.
 */
export function CheckFailure({
  outcome,
  topicTitle,
}: {
  outcome: FailedOutcome;
  topicTitle: string | undefined;
}) {
  const exchange = outcome.exchange;
  const frames = exchange?.frames ?? [];
  // websocat carries on the conversation; curl would only redo the upgrade
  const command = exchange?.websocat ?? exchange?.curl;
  return (
    <div className="space-y-3 rounded-lg border border-danger-line bg-danger-soft px-3 py-3 sm:px-4">
      <p className="text-sm text-fg">{outcome.hint}</p>
      <div className="grid gap-3 md:grid-cols-2">
        <Block label="Expected" tone="expected">
          {outcome.expected}
        </Block>
        <Block label="Actual" tone="actual">
          {outcome.actual}
        </Block>
      </div>
      {frames.length > 0 && <FrameList frames={frames} />}
      {command && (
        <div className="space-y-1">
          <div className="flex items-center justify-between gap-2">
            <p className="text-xs font-semibold text-fg-muted">Try it yourself</p>
            <CopyButton text={command} label={exchange?.websocat ? 'Copy command' : 'Copy curl'} />
          </div>
          <pre className={CODE_CLASSES}>{command}</pre>
        </div>
      )}
      <p className="text-sm">
        <Link
          to={`/roadmap/${outcome.topic}`}
          className="font-medium text-accent-text underline underline-offset-4"
        >
          Learn it: {topicTitle ?? outcome.topic}
        </Link>
      </p>
    </div>
  );
}
