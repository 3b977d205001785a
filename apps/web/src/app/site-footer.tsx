export function SiteFooter() {
  return (
    <footer className="border-t border-line">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-6 text-sm text-fg-muted sm:px-6 lg:px-8">
        <p>Groundwork: learn backend development by building and testing real servers.</p>
        <ul className="flex gap-4">
          <li>
            <a href="/docs" className="underline-offset-4 hover:text-fg hover:underline">
              API reference
            </a>
          </li>
        </ul>
      </div>
    </footer>
  );
}
