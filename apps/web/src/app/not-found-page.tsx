import { Link } from 'react-router';
import { buttonClasses } from '../ui/button';
import { useDocumentTitle } from '../ui/page';

type NotFoundProps = {
  /** What could not be found, e.g. "page" or "guide". */
  thing?: string;
  explanation?: string;
  next?: { to: string; label: string };
};

/** A 404 with a way back: the whole app's, or one for a missing thing such as a guide. */
export function NotFoundPage({
  thing = 'page',
  explanation = 'The link may be old, or the address may have a typo. The roadmap is a good place to start again.',
  next = { to: '/roadmap', label: 'Go to the roadmap' },
}: NotFoundProps) {
  useDocumentTitle(`${thing[0]?.toUpperCase()}${thing.slice(1)} not found`);
  return (
    <div className="mx-auto flex w-full max-w-xl flex-1 flex-col items-center justify-center px-4 py-20 text-center">
      <p className="text-sm font-semibold tracking-wide text-accent-text uppercase">404</p>
      <h1 className="mt-3 text-3xl font-semibold tracking-tight text-fg">We can't find that {thing}</h1>
      <p className="mt-3 text-base text-fg-muted">{explanation}</p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <Link to={next.to} className={buttonClasses('primary')}>
          {next.label}
        </Link>
      </div>
    </div>
  );
}
