import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { MyProgress, TopicDetail } from '../api/types';
import { ADA, createFakeApi, type FakeResponse, problem } from '../test/fake-api';
import { renderWithApp } from '../test/render';
import { createProgress } from '../test/test-progress';
import { createTestRoadmapView } from '../test/test-roadmap';
import { RoadmapPage } from './roadmap-page';

const HASH = '0'.repeat(64);

const PROGRESS = createProgress(0);

const HTTP_DETAIL: TopicDetail = {
  id: 'http',
  title: 'http',
  kind: 'core',
  choiceId: null,
  stageId: 'basics',
  hours: 2,
  summary: 'A summary of http that is long enough.',
  bodyHtml: '<p>Requests and responses.</p>',
  subtopics: ['Methods'],
  resources: [],
  prerequisites: [],
  dependents: [],
  projectStages: [{ projectSlug: 'url-shortener', projectTitle: 'URL shortener', stageId: 'health' }],
  contentHash: HASH,
};

/** `save` answers the PUT; what it returns with status 200 is stored, as the API would. */
function renderPage(save: (request: Request) => Promise<FakeResponse>) {
  let progress = PROGRESS;
  const fake = createFakeApi(
    {
      'GET /api/roadmap': () => ({ status: 200, body: createTestRoadmapView() }),
      'GET /api/me': () => ({ status: 200, body: ADA }),
      'GET /api/progress': () => ({ status: 200, body: progress }),
      'GET /api/roadmap/topics/http': () => ({ status: 200, body: HTTP_DETAIL }),
      'PUT /api/progress/topics/http': async (request) => {
        const answer = await save(request);
        if (answer.status === 200)
          progress = { ...progress, entries: [answer.body as MyProgress['entries'][number]] };
        return answer;
      },
    },
    'gw_csrf=token',
  );
  renderWithApp(
    <div style={{ width: 1000, height: 700 }}>
      <Routes>
        <Route path="/roadmap/:topicId?" element={<RoadmapPage />} />
      </Routes>
    </div>,
    { client: fake.client, path: '/roadmap/http' },
  );
  return fake;
}

async function statusButton(name: string) {
  const panel = await screen.findByRole('complementary', { name: 'Topic panel' });
  return within(panel).findByRole('button', { name });
}

describe('the roadmap page', () => {
  it('shows the topic’s explanation and the project stage that verifies it', async () => {
    renderPage(async () => ({ status: 200, body: {} }));
    expect(await screen.findByText('Requests and responses.')).toBeTruthy();
    expect(screen.getByRole('link', { name: /URL shortener/ }).getAttribute('href')).toBe(
      '/projects/url-shortener#stage-health',
    );
  });

  it('marks a topic done at once and sends the status to the API', async () => {
    const { requests } = renderPage(async (request) => {
      const { status } = (await request.json()) as { status: 'done' };
      const now = new Date().toISOString();
      return {
        status: 200,
        body: {
          topicId: 'http',
          title: 'http',
          status,
          note: null,
          updatedAt: now,
          verifiedAt: null,
          isArchived: false,
        },
      };
    });
    fireEvent.click(await statusButton('Done'));
    await waitFor(async () => expect((await statusButton('Done')).getAttribute('aria-pressed')).toBe('true'));
    const put = requests.find((request) => request.method === 'PUT');
    expect(await put?.json()).toEqual({ status: 'done' });
  });

  it('puts the old status back and says why when saving fails', async () => {
    renderPage(async () => problem(503, 'not_ready', 'The server is starting.'));
    fireEvent.click(await statusButton('Learning'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/starting/);
    expect((await statusButton('Learning')).getAttribute('aria-pressed')).toBe('false');
    expect((await statusButton('Not started')).getAttribute('aria-pressed')).toBe('true');
  });
});
