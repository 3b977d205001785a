import { useState } from 'react';
import { Button } from './button';
import { CheckIcon, CopyIcon } from './icons';

/** Copies `text`; says so for a moment, and in words for screen readers. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2000);
  };
  return (
    <Button
      variant="secondary"
      size="sm"
      onClick={() => void copy()}
      icon={state === 'copied' ? <CheckIcon size={14} /> : <CopyIcon size={14} />}
    >
      <span aria-live="polite">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy' : label}
      </span>
    </Button>
  );
}
