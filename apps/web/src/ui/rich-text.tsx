import { type MouseEvent, useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { cx } from './cx';

/** The same-origin path a click on a link should open inside the app, or null to let the browser go. */
export function inAppPathOf(
  event: Pick<MouseEvent, 'target' | 'button' | 'metaKey' | 'ctrlKey' | 'shiftKey' | 'altKey'>,
  origin: string,
): string | null {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  if (!(event.target instanceof Element)) return null;
  const link = event.target.closest('a');
  if (!link || link.target === '_blank' || link.hasAttribute('download')) return null;
  const url = new URL(link.href, origin);
  if (url.origin !== origin) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * HTML the API rendered from Markdown (it escapes any raw HTML in the source, so it is safe to insert).
 * Links into the app (such as a spec's links to roadmap topics) open without reloading the page.
 */
export function RichText({ html, className }: { html: string; className?: string }) {
  const navigate = useNavigate();
  const ref = useRef<HTMLDivElement>(null);
  // code blocks and wide tables scroll sideways: keyboard users must be able to focus them to scroll
  // biome-ignore lint/correctness/useExhaustiveDependencies: new html brings new blocks to mark
  useEffect(() => {
    for (const block of ref.current?.querySelectorAll('pre, table') ?? [])
      block.setAttribute('tabindex', '0');
  }, [html]);
  const handleClick = (event: MouseEvent<HTMLDivElement>) => {
    const path = inAppPathOf(event, window.location.origin);
    if (path === null) return;
    event.preventDefault();
    void navigate(path);
  };
  return (
    // clicks bubble up from the links inside; the div itself is not a control
    // biome-ignore lint/a11y/noStaticElementInteractions: delegates its links' clicks to the router
    // biome-ignore lint/a11y/useKeyWithClickEvents: links fire click on Enter themselves
    <div
      ref={ref}
      className={cx('gw-prose', className)}
      onClick={handleClick}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: the API renders it with raw HTML escaped
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
