import type { ReactNode } from 'react';
import { LogoMark } from '../app/logo';
import { useDocumentTitle } from '../ui/page';

type AuthLayoutProps = { title: string; description: ReactNode; children: ReactNode; footer: ReactNode };

/** The centred card the sign-in and sign-up forms sit in. */
export function AuthLayout({ title, description, children, footer }: AuthLayoutProps) {
  useDocumentTitle(title);
  return (
    <div className="flex flex-1 items-start justify-center px-4 py-10 sm:items-center sm:py-16">
      <div className="w-full max-w-md">
        <div className="mb-6 flex flex-col items-center text-center">
          <LogoMark className="mb-4 size-11" />
          <h1 className="text-2xl font-semibold tracking-tight text-fg">{title}</h1>
          <p className="mt-2 text-sm text-fg-muted">{description}</p>
        </div>
        <div className="rounded-xl border border-line bg-surface p-6 shadow-sm sm:p-8">{children}</div>
        <p className="mt-6 text-center text-sm text-fg-muted">{footer}</p>
      </div>
    </div>
  );
}
