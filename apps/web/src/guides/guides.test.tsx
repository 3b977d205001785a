import { fireEvent, screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { PageDetail, PageSummary } from '../api/types';
import { createFakeApi, type FakeResponse, problem } from '../test/fake-api';
import { renderWithApp } from '../test/render';
import { GuidePage } from './guide-page';
import { GuidesPage } from './guides-page';

const GUIDES: PageSummary[] = [
  { id: 'faq', title: 'Frequently asked questions', summary: 'Straight answers to common questions.' },
  { id: 'common-mistakes', title: 'Common mistakes to avoid', summary: 'The traps that slow learners down.' },
];

const MISTAKES: PageDetail = {
  ...(GUIDES[1] as PageSummary),
  bodyHtml: '<h2>Skipping fundamentals</h2><p>Learn <a href="/roadmap/http">HTTP</a> before a framework.</p>',
  contentHash: '0'.repeat(64),
};

function renderGuides(path: string, page: (request: Request) => FakeResponse | Promise<FakeResponse>) {
  const fake = createFakeApi({
    'GET /api/pages': () => ({ status: 200, body: { items: GUIDES } }),
    'GET /api/pages/common-mistakes': page,
    'GET /api/pages/faq': page,
    'GET /api/pages/nope': () => problem(404, 'not_found', 'There is no page "nope".'),
  });
  renderWithApp(
    <Routes>
      <Route path="/guides" element={<GuidesPage />} />
      <Route path="/guides/:pageId" element={<GuidePage />} />
      <Route path="/roadmap/:topicId" element={<p>Topic page</p>} />
    </Routes>,
    { client: fake.client, path },
  );
  return fake;
}

describe('the guides', () => {
  it('lists every guide and opens one, its Markdown rendered with links into the roadmap', async () => {
    renderGuides('/guides', () => ({ status: 200, body: MISTAKES }));
    expect(screen.getByRole('heading', { level: 1, name: 'Guides' })).toBeTruthy();
    expect(await screen.findByText('The traps that slow learners down.')).toBeTruthy();

    fireEvent.click(screen.getByRole('link', { name: 'Common mistakes to avoid' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Common mistakes to avoid' })).toBeTruthy();
    const article = screen.getByRole('article', { name: 'Common mistakes to avoid' });
    expect(within(article).getByRole('heading', { level: 2, name: 'Skipping fundamentals' })).toBeTruthy();
    // the other guides follow, but not the one being read
    const more = screen.getByRole('navigation', { name: 'More guides' });
    expect(await within(more).findByRole('link', { name: 'Frequently asked questions' })).toBeTruthy();
    expect(within(more).queryByRole('link', { name: 'Common mistakes to avoid' })).toBeNull();

    fireEvent.click(within(article).getByRole('link', { name: 'HTTP' }));
    expect(await screen.findByText('Topic page')).toBeTruthy();
  });

  it('says it is loading until the guide arrives', async () => {
    let answer: (response: FakeResponse) => void = () => {};
    renderGuides('/guides/common-mistakes', () => new Promise((resolve) => (answer = resolve)));
    expect((await screen.findByRole('status')).textContent).toContain('Loading the guide');
    answer({ status: 200, body: MISTAKES });
    expect(await screen.findByRole('heading', { level: 1, name: 'Common mistakes to avoid' })).toBeTruthy();
    expect(screen.queryByText(/Loading the guide/)).toBeNull();
  });

  it('says a guide that does not exist cannot be found, and points to the list', async () => {
    renderGuides('/guides/nope', () => ({ status: 500 }));
    expect(await screen.findByRole('heading', { level: 1, name: "We can't find that guide" })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'See all guides' }).getAttribute('href')).toBe('/guides');
  });

  it('explains a failure to load and tries again on request', async () => {
    let calls = 0;
    renderGuides('/guides/common-mistakes', () => {
      calls += 1;
      return calls <= 3
        ? problem(503, 'roadmap_unavailable', 'The roadmap is still loading. Try again in a moment.')
        : { status: 200, body: MISTAKES };
    });
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(alert.textContent).toContain('The roadmap is still loading');
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Common mistakes to avoid' })).toBeTruthy();
  });
});
