import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { ProjectDetail } from '../api/types';
import { ADA, createFakeApi, type FakeResponse, problem } from '../test/fake-api';
import { renderWithApp } from '../test/render';
import { createTestRoadmapView } from '../test/test-roadmap';
import { createSubmissionSummary } from '../test/test-submissions';
import { ProjectPage } from './project-page';

const PROJECT: ProjectDetail = {
  slug: 'url-shortener',
  title: 'URL shortener',
  summary: 'Shorten links and redirect to them.',
  difficulty: 'beginner',
  stages: [],
  best: null,
  specHtml: '<p>Build a URL shortener.</p>',
  contractUrl: '/api/projects/url-shortener/contract',
  messagesContractUrl: null,
};

// 13 submissions, newest first: a page of 10, then the 3 oldest
const ALL = Array.from({ length: 13 }, (_, index) => createSubmissionSummary(13 - index));

function renderProject(older: () => FakeResponse, project: ProjectDetail = PROJECT) {
  const fake = createFakeApi({
    'GET /api/me': () => ({ status: 200, body: ADA }),
    'GET /api/roadmap': () => ({ status: 200, body: createTestRoadmapView() }),
    'GET /api/projects/url-shortener': () => ({ status: 200, body: project }),
    'GET /api/submissions': (request) =>
      new URL(request.url).searchParams.has('cursor')
        ? older()
        : { status: 200, body: { items: ALL.slice(0, 10), nextCursor: 'cursor-after-10' } },
  });
  renderWithApp(
    <Routes>
      <Route path="/projects/:slug" element={<ProjectPage />} />
    </Routes>,
    { client: fake.client, path: '/projects/url-shortener' },
  );
  return fake;
}

async function historyRows() {
  const table = await screen.findByRole('table', { name: 'Your submissions for URL shortener' });
  return within(table).getAllByRole('row').slice(1);
}

describe('the project page’s submission history', () => {
  it('shows the latest 10, then older ones through the cursor until there are none left', async () => {
    const { requests } = renderProject(() => ({
      status: 200,
      body: { items: ALL.slice(10), nextCursor: null },
    }));
    expect(await historyRows()).toHaveLength(10);

    fireEvent.click(screen.getByRole('button', { name: 'Show older submissions' }));
    await waitFor(async () => expect(await historyRows()).toHaveLength(13));
    const olderRequest = requests.find((request) => new URL(request.url).searchParams.has('cursor'));
    const query = new URL(olderRequest?.url ?? 'http://x').searchParams;
    expect(query.get('cursor')).toBe('cursor-after-10');
    expect(query.get('project')).toBe('url-shortener');
    // the oldest is last, and nothing older is offered
    const links = within((await historyRows()).at(-1) as HTMLElement).getByRole('link');
    expect(links.getAttribute('href')).toBe(`/submissions/${ALL[12]?.id}`);
    expect(screen.queryByRole('button', { name: 'Show older submissions' })).toBeNull();
  });

  it('keeps what it shows when older ones fail to load, and says so', async () => {
    renderProject(() => problem(400, 'validation_failed', 'That cursor has expired.'));
    expect(await historyRows()).toHaveLength(10);
    fireEvent.click(screen.getByRole('button', { name: 'Show older submissions' }));
    expect((await screen.findByRole('alert')).textContent).toContain('That cursor has expired.');
    expect(await historyRows()).toHaveLength(10);
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});

describe('the project page’s contracts', () => {
  const noOlder = () => ({ status: 200, body: { items: [], nextCursor: null } });

  it('links the OpenAPI contract, and no message contract for a project without a WebSocket', async () => {
    renderProject(noOlder);
    const openapi = await screen.findByRole('link', { name: 'API contract (OpenAPI)' });
    expect(openapi.getAttribute('href')).toBe('/api/projects/url-shortener/contract');
    expect(screen.queryByRole('link', { name: 'Message contract (AsyncAPI)' })).toBeNull();
  });

  it('links the AsyncAPI contract too when the project has one', async () => {
    renderProject(noOlder, {
      ...PROJECT,
      messagesContractUrl: '/api/projects/url-shortener/messages-contract',
    });
    const asyncapi = await screen.findByRole('link', { name: 'Message contract (AsyncAPI)' });
    expect(asyncapi.getAttribute('href')).toBe('/api/projects/url-shortener/messages-contract');
  });
});
