import { type ReactNode, useEffect } from 'react';
import { cx } from './cx';

/** Sets the document title as "<page> · Groundwork", so tabs and history read well. */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Groundwork` : 'Groundwork';
  }, [title]);
}

type PageProps = {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  width?: 'narrow' | 'default' | 'wide';
};

const WIDTH_CLASSES = { narrow: 'max-w-md', default: 'max-w-4xl', wide: 'max-w-6xl' } as const;

/** A standard page: the h1, an optional lead paragraph and actions, then the content. */
export function Page({ title, description, actions, children, width = 'default' }: PageProps) {
  useDocumentTitle(title);
  return (
    <div className={cx('mx-auto w-full px-4 py-8 sm:px-6 sm:py-10 lg:px-8', WIDTH_CLASSES[width])}>
      <header className="mb-8 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0 space-y-2">
          <h1 className="text-2xl font-semibold tracking-tight text-fg sm:text-3xl">{title}</h1>
          {description && <p className="max-w-2xl text-base text-fg-muted">{description}</p>}
        </div>
        {actions && <div className="flex items-center gap-2">{actions}</div>}
      </header>
      <div className="space-y-8">{children}</div>
    </div>
  );
}
