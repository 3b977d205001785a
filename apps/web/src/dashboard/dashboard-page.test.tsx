import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MyProgress, ProjectSummary } from '../api/types';
import { ADA, createFakeApi } from '../test/fake-api';
import { renderWithApp } from '../test/render';
import { createSubmissionSummary } from '../test/test-submissions';
import { DashboardPage } from './dashboard-page';

const PROGRESS: MyProgress = {
  contentHash: '0'.repeat(64),
  entries: [],
  summary: {
    stages: [],
    overall: { requiredTopics: 4, done: 1, skipped: 0, percent: 25, hours: { total: 8, remaining: 6 } },
    verifiedCount: 0,
  },
  verifiedTopicIds: [],
  next: [],
};

const PROJECTS: ProjectSummary[] = [
  {
    slug: 'url-shortener',
    title: 'URL shortener',
    summary: 'Shorten links.',
    difficulty: 'beginner',
    stages: [],
    best: null,
  },
];

type Routes = Parameters<typeof createFakeApi>[0];

function renderDashboard(routes: Routes = {}) {
  const fake = createFakeApi({
    'GET /api/me': () => ({ status: 200, body: ADA }),
    'GET /api/progress': () => ({ status: 200, body: PROGRESS }),
    'GET /api/progress/timeline': () => ({ status: 200, body: { days: 30, points: [] } }),
    'GET /api/projects': () => ({ status: 200, body: { items: PROJECTS } }),
    'GET /api/submissions': () => ({
      status: 200,
      body: { items: [createSubmissionSummary(1)], nextCursor: null },
    }),
    ...routes,
  });
  renderWithApp(<DashboardPage />, { client: fake.client, path: '/dashboard' });
  return fake;
}

describe('the dashboard', () => {
  it('names each recent result’s project by its title, not its slug', async () => {
    renderDashboard();
    const table = await screen.findByRole('table', { name: 'Your latest submissions' });
    expect(await within(table).findByRole('cell', { name: 'URL shortener' })).toBeTruthy();
    expect(within(table).queryByText('url-shortener')).toBeNull();
  });
});
