import { Link } from 'react-router';
import { buttonClasses } from '../ui/button';
import { useDocumentTitle } from '../ui/page';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <div className="mx-auto flex w-full max-w-xl flex-1 flex-col items-center justify-center px-4 py-20 text-center">
      <p className="text-sm font-semibold tracking-wide text-accent-text uppercase">404</p>
      <h1 className="mt-3 text-3xl font-semibold tracking-tight text-fg">We can't find that page</h1>
      <p className="mt-3 text-base text-fg-muted">
        The link may be old, or the address may have a typo. The roadmap is a good place to start again.
      </p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <Link to="/roadmap" className={buttonClasses('primary')}>
          Go to the roadmap
        </Link>
      </div>
    </div>
  );
}
