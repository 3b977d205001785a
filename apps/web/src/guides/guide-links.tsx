import { Link } from 'react-router';
import { useGuides } from './guides.queries';

/** The guides as a list of links, for pages beside them; nothing until (and unless) they load. */
export function GuideLinks({ headingId, className }: { headingId: string; className?: string }) {
  const guides = useGuides();
  if (!guides.data || guides.data.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className={className}>
      <h3 id={headingId} className="text-xs font-semibold tracking-wide text-fg-muted uppercase">
        Guides
      </h3>
      <GuideList guides={guides.data} className="mt-3" />
    </section>
  );
}

/** Links to the given guides, one per line. */
export function GuideList({
  guides,
  className = '',
}: {
  guides: readonly { id: string; title: string }[];
  className?: string;
}) {
  return (
    <ul className={`space-y-2 ${className}`}>
      {guides.map((guide) => (
        <li key={guide.id}>
          <Link
            to={`/guides/${guide.id}`}
            className="text-sm font-medium text-accent-text underline underline-offset-4"
          >
            {guide.title}
          </Link>
        </li>
      ))}
    </ul>
  );
}
