import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ProgressActivity, ProjectSummary } from '../api/types';
import { ADA, createFakeApi, type FakeResponse, problem } from '../test/fake-api';
import { renderWithApp } from '../test/render';
import { createProgress } from '../test/test-progress';
import { createSubmissionSummary } from '../test/test-submissions';
import { DashboardPage } from './dashboard-page';

const PROGRESS = createProgress(1);

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

const ACTIVITY: ProgressActivity = {
  streak: { current: 3, longest: 6, lastActiveOn: '2026-03-10' },
  activeDays: 9,
  today: '2026-03-10',
};

function streakCard() {
  const term = screen.getByText('Streak', { selector: 'dt' });
  return term.parentElement as HTMLElement;
}

describe('the dashboard’s streak', () => {
  it('says it is loading rather than showing 0 days, then shows the streak the API counted', async () => {
    let answer: (response: FakeResponse) => void = () => {};
    renderDashboard({ 'GET /api/progress/activity': () => new Promise((resolve) => (answer = resolve)) });
    await screen.findByText('Streak', { selector: 'dt' });
    expect(within(streakCard()).getByRole('status').textContent).toContain('Loading your streak');
    expect(streakCard().textContent).not.toMatch(/\b0 days\b/);

    answer({ status: 200, body: ACTIVITY });
    await waitFor(() => expect(within(streakCard()).getByText('3 days')).toBeTruthy());
    expect(streakCard().textContent).toContain('Longest 6 days · 9 active days');
    expect(streakCard().textContent).toContain('UTC');
  });

  it('stays the same when the chart shows another range', async () => {
    const timelineDays: string[] = [];
    const { requests } = renderDashboard({
      'GET /api/progress/activity': () => ({ status: 200, body: ACTIVITY }),
      'GET /api/progress/timeline': (request) => {
        const days = new URL(request.url).searchParams.get('days') ?? '';
        timelineDays.push(days);
        // the longer range holds a week of activity the shorter one does not
        const points = Array.from({ length: days === '90' ? 7 : 0 }, (_, index) => ({
          date: `2026-03-0${index + 1}`,
          done: 1,
          doneTotal: index + 1,
          learning: 0,
        }));
        return { status: 200, body: { days: Number(days), points } };
      },
    });
    await waitFor(() => expect(within(streakCard()).getByText('3 days')).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: '90 days' }));
    await waitFor(() => expect(timelineDays).toContain('90'));
    expect(within(streakCard()).getByText('3 days')).toBeTruthy();
    expect(streakCard().textContent).toContain('Longest 6 days');
    const activityCalls = requests.filter((request) => request.url.endsWith('/api/progress/activity'));
    expect(activityCalls).toHaveLength(1);
  });

  it('says when the streak did not load, and tries again on request', async () => {
    let calls = 0;
    renderDashboard({
      'GET /api/progress/activity': () => {
        calls += 1;
        return calls === 1 ? problem(429, 'rate_limited', 'Slow down.') : { status: 200, body: ACTIVITY };
      },
    });
    const alert = await within(await waitFor(streakCard)).findByRole('alert');
    expect(alert.textContent).toContain("Your streak didn't load.");
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(within(streakCard()).getByText('3 days')).toBeTruthy());
  });
});
