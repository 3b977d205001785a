import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/problem';
import type { PageDetail } from '../api/types';
import { NotFoundPage } from '../app/not-found-page';
import { buttonClasses } from '../ui/button';
import { ChevronLeftIcon } from '../ui/icons';
import { Page } from '../ui/page';
import { RichText } from '../ui/rich-text';
import { ErrorState, LoadingState } from '../ui/states';
import { GuideList } from './guide-links';
import { useGuide, useGuides } from './guides.queries';

// the API answers 400 for an id that cannot be a page (a typo in the address) and 404 for one it lacks
function isMissing(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 400);
}

/** One guide, rendered from its Markdown, with the other guides after it. */
export function GuidePage() {
  const { pageId = '' } = useParams();
  const guide = useGuide(pageId);
  // moving from one guide to another stays in this section, so the layout does not scroll up for us
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new guide is what starts at the top
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [pageId]);

  if (guide.isPending) return <LoadingState label="Loading the guide…" />;
  if (guide.isError) {
    if (isMissing(guide.error)) return <GuideNotFound />;
    return (
      <Page title="Guide">
        <ErrorState error={guide.error} onRetry={() => void guide.refetch()} />
        <BackToGuides />
      </Page>
    );
  }
  return <GuideView guide={guide.data} />;
}

function GuideView({ guide }: { guide: PageDetail }) {
  return (
    <Page title={guide.title} description={guide.summary}>
      <article aria-label={guide.title}>
        <RichText html={guide.bodyHtml} />
      </article>
      <OtherGuides currentId={guide.id} />
    </Page>
  );
}

function OtherGuides({ currentId }: { currentId: string }) {
  const others = useGuides().data?.filter((guide) => guide.id !== currentId) ?? [];
  return (
    <nav aria-labelledby="more-guides" className="space-y-3 border-t border-line pt-6">
      <h2 id="more-guides" className="text-base font-semibold text-fg">
        More guides
      </h2>
      {others.length > 0 && <GuideList guides={others} />}
      <BackToGuides />
    </nav>
  );
}

function BackToGuides() {
  return (
    <Link to="/guides" className={buttonClasses('secondary', 'sm')}>
      <ChevronLeftIcon size={16} />
      All guides
    </Link>
  );
}

function GuideNotFound() {
  return (
    <NotFoundPage
      thing="guide"
      explanation="It may have been renamed or removed, or the address may have a typo. The list of guides has the ones that exist."
      next={{ to: '/guides', label: 'See all guides' }}
    />
  );
}
