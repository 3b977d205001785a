import { Link } from 'react-router';

const FOOTER_LINK_CLASSES = 'underline-offset-4 hover:text-fg hover:underline';

export function SiteFooter() {
  return (
    <footer className="border-t border-line">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-6 text-sm text-fg-muted sm:px-6 lg:px-8">
        <p>Groundwork: learn backend development by building and testing real servers.</p>
        <ul className="flex flex-wrap gap-4">
          <li>
            <Link to="/guides/faq" className={FOOTER_LINK_CLASSES}>
              FAQ
            </Link>
          </li>
          <li>
            <Link to="/guides" className={FOOTER_LINK_CLASSES}>
              Guides
            </Link>
          </li>
          <li>
            <a href="/docs" className={FOOTER_LINK_CLASSES}>
              API reference
            </a>
          </li>
        </ul>
      </div>
    </footer>
  );
}
