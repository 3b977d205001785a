import { Suspense, useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useCurrentUser } from '../auth/auth.queries';
import { LoadingState } from '../ui/states';
import { RouteErrorBoundary } from './route-error-boundary';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';

function sectionOf(pathname: string): string {
  return pathname.split('/')[1] ?? '';
}

/**
 * Every page's frame: skip link, header, main landmark, footer. Moving to another section puts focus on
 * the main landmark, so keyboard and screen-reader users start at the new page's content.
 */
export function AppLayout() {
  const location = useLocation();
  const currentUser = useCurrentUser();
  const mainRef = useRef<HTMLElement>(null);
  const section = sectionOf(location.pathname);
  const previousSection = useRef(section);

  useEffect(() => {
    if (previousSection.current === section) return;
    previousSection.current = section;
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }, [section]);

  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only rounded-md bg-accent px-4 py-2 font-medium text-accent-fg focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
      >
        Skip to content
      </a>
      <SiteHeader
        user={currentUser.data ?? null}
        isUserKnown={currentUser.isSuccess}
        pathname={location.pathname}
      />
      <main id="main" ref={mainRef} tabIndex={-1} className="flex flex-1 flex-col outline-none">
        <RouteErrorBoundary key={section}>
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </RouteErrorBoundary>
      </main>
      {section !== 'roadmap' && <SiteFooter />}
    </div>
  );
}
