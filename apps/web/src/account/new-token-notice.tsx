import { useEffect, useRef, useState } from 'react';
import { Button } from '../ui/button';
import { CheckIcon, CopyIcon, KeyIcon } from '../ui/icons';

type NewTokenNoticeProps = { name: string; secret: string; onDone: () => void };

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * The one time a token's secret is visible. Focus lands here so the warning is read first; "Done" forgets
 * the secret for good.
 */
export function NewTokenNotice({ name, secret, onDone }: NewTokenNoticeProps) {
  const [copyState, setCopyState] = useState<CopyState>('idle');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => headingRef.current?.focus(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopyState('copied');
    } catch {
      // the clipboard can be blocked: select the text so the usual copy shortcut works
      inputRef.current?.select();
      setCopyState('failed');
    }
  };

  return (
    <section
      aria-labelledby="new-token-heading"
      className="rounded-xl border border-success-line bg-success-soft p-5"
    >
      <div className="flex items-start gap-3">
        <span className="mt-0.5 text-success-text">
          <KeyIcon />
        </span>
        <div className="min-w-0 flex-1 space-y-3">
          <h3
            id="new-token-heading"
            ref={headingRef}
            tabIndex={-1}
            className="font-semibold text-fg outline-none"
          >
            Your new token “{name}” is ready
          </h3>
          <p className="text-sm text-fg">
            <strong>Copy it now: this is the only time it is shown.</strong> We keep only a fingerprint of it,
            so nobody can show it to you again. If you lose it, revoke it and create a new one.
          </p>
          <div className="flex flex-col gap-2 sm:flex-row">
            <label htmlFor="new-token-secret" className="sr-only">
              Your new token
            </label>
            <input
              id="new-token-secret"
              ref={inputRef}
              readOnly
              value={secret}
              onFocus={(event) => event.currentTarget.select()}
              className="h-10 min-w-0 flex-1 rounded-lg border border-control bg-surface px-3 font-mono text-sm text-fg"
            />
            <Button
              variant="secondary"
              onClick={() => void copy()}
              icon={copyState === 'copied' ? <CheckIcon size={16} /> : <CopyIcon size={16} />}
            >
              {copyState === 'copied' ? 'Copied' : 'Copy'}
            </Button>
          </div>
          <p aria-live="polite" className="text-sm text-fg-muted">
            {copyState === 'copied' && 'The token is on your clipboard.'}
            {copyState === 'failed' &&
              "We couldn't reach your clipboard. The token is selected: copy it yourself."}
          </p>
          <p className="text-sm text-fg-muted">
            Send it in the <code className="font-mono text-fg">Authorization: Bearer …</code> header of your
            requests.
          </p>
          <Button onClick={onDone}>I've saved it</Button>
        </div>
      </div>
    </section>
  );
}
