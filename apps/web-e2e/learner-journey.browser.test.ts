import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page, WebSocket } from 'playwright-core';
import { findSeriousViolations } from './axe';
import { type Harness, startHarness } from './harness';

const RUN_TIMEOUT_MS = 180_000;
const PASSWORD = 'a long enough password';
// POST /links answers 200 instead of 201: the create-link stage must fail on it
const FAULT = 'create-returns-200';

type Check = { id: string; outcome: { status: string; expected?: string; actual?: string; topic?: string } };
type SubmissionBody = {
  status: string;
  stages: Array<{ id: string; status: string; topics: string[]; checks: Check[] }>;
};

function topicNode(page: Page, topicId: string) {
  return page.locator(`.react-flow__node-topic[data-id="${topicId}"] .gw-topic`);
}

function topicPanel(page: Page) {
  return page.getByRole('complementary', { name: 'Topic panel' });
}

/** Collects what the page's submission stream delivered, to prove the run was watched live. */
function recordStream(page: Page) {
  const messages: Array<{ kind: string; status?: string }> = [];
  const onSocket = (socket: WebSocket) => {
    if (!socket.url().includes('/stream')) return;
    socket.on('framereceived', (frame) => {
      if (typeof frame.payload === 'string') messages.push(JSON.parse(frame.payload));
    });
  };
  page.on('websocket', onSocket);
  return { messages, stop: () => page.off('websocket', onSocket) };
}

async function submitUrl(page: Page, baseUrl: string, url: string): Promise<string> {
  await page.goto(`${baseUrl}/projects/url-shortener`);
  await page.getByLabel("Your server's URL").fill(url);
  await page.getByRole('button', { name: 'Grade my server' }).click();
  await page.waitForURL(/\/submissions\/[0-9a-f-]{36}$/);
  return page.url().split('/').at(-1) ?? '';
}

async function waitForRunStatus(page: Page, label: string) {
  await page.getByTestId('run-status').getByText(label, { exact: true }).waitFor({ timeout: RUN_TIMEOUT_MS });
}

describe('a learner in the browser', { timeout: 10 * 60_000 }, () => {
  let h: Harness;
  let passedSubmissionUrl = '';
  let failedSubmissionUrl = '';

  before(async () => {
    h = await startHarness({ fault: FAULT });
  });
  after(async () => {
    await h?.close();
  });

  it('signs up, marks a topic done, and still finds it done after a reload', async () => {
    const { page, baseUrl } = h;
    await page.goto(`${baseUrl}/signup`);
    await page.getByLabel('Name').fill('Ada Lovelace');
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${baseUrl}/roadmap`);

    // by keyboard, as the graph promises: focus the topic, Enter opens it
    const httpNode = page.getByRole('button', { name: /^HTTP, Core topic/ });
    await httpNode.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${baseUrl}/roadmap/http`);
    await topicPanel(page).getByRole('heading', { name: 'HTTP', exact: true }).waitFor();
    const saved = page.waitForResponse(
      (response) =>
        response.url().endsWith('/api/progress/topics/http') && response.request().method() === 'PUT',
    );
    await topicPanel(page).getByRole('button', { name: 'Done', exact: true }).click();
    assert.equal((await saved).status(), 200);

    await page.reload();
    const done = topicPanel(page).getByRole('button', { name: 'Done', exact: true });
    await done.waitFor();
    await page.locator('.react-flow__node-topic[data-id="http"] .gw-topic[data-status="done"]').waitFor();
    assert.equal(await done.getAttribute('aria-pressed'), 'true');
    assert.equal(await topicNode(page, 'http').getAttribute('data-status'), 'done');
  });

  it('submits the reference solution, watches the run pass live, then sees its topics verified', async () => {
    const { page, baseUrl } = h;
    const stream = recordStream(page);
    const id = await submitUrl(page, baseUrl, h.reference.url);
    passedSubmissionUrl = page.url();
    await waitForRunStatus(page, 'Passed');
    stream.stop();

    const events = stream.messages.filter((message) => message.kind === 'event');
    assert.ok(events.length > 0, 'the run arrived over the WebSocket');
    assert.equal(stream.messages.at(-1)?.status, 'passed');
    const stages = page.locator('[data-stage]');
    const stateOfStages = await stages.evaluateAll((items) =>
      items.map((item) => item.getAttribute('data-state')),
    );
    assert.ok(stateOfStages.includes('passed'));
    // a stage whose every check had nothing to judge is skipped; none may fail
    assert.deepEqual(
      stateOfStages.filter((state) => state !== 'passed' && state !== 'skipped'),
      [],
    );
    const failedChecks = await page.locator('[data-check][data-state="fail"]').count();
    assert.equal(failedChecks, 0);

    const submission = (await (
      await page.request.get(`${baseUrl}/api/submissions/${id}`)
    ).json()) as SubmissionBody;
    assert.equal(submission.status, 'passed');
    // a passed stage verifies its topics (a skipped one proves nothing)
    const passedStages = submission.stages.filter((stage) => stage.status === 'passed');
    const verified = [...new Set(passedStages.flatMap((stage) => stage.topics))];
    assert.ok(verified.includes('http'));

    await page.goto(`${baseUrl}/roadmap`);
    await topicNode(page, 'http').waitFor();
    for (const topicId of verified) {
      assert.equal(await topicNode(page, topicId).getAttribute('data-status'), 'verified', topicId);
    }
  });

  it('shows what a failing check expected and what came back, with a link to the topic', async () => {
    const { page, baseUrl } = h;
    const id = await submitUrl(page, baseUrl, h.faulty.url);
    failedSubmissionUrl = page.url();
    await waitForRunStatus(page, 'Failed');

    const submission = (await (
      await page.request.get(`${baseUrl}/api/submissions/${id}`)
    ).json()) as SubmissionBody;
    const failed = submission.stages
      .flatMap((stage) => stage.checks)
      .find((check) => check.outcome.status === 'fail');
    assert.ok(failed, 'the faulty server fails a check');
    const row = page.locator(`[data-check="${failed.id}"]`);
    assert.equal(await row.getAttribute('data-state'), 'fail');
    const text = (await row.textContent()) ?? '';
    assert.match(text, /Expected/);
    assert.match(text, /Actual/);
    assert.ok(text.includes(failed.outcome.expected ?? '?'), 'the expected value is shown');
    assert.ok(text.includes(failed.outcome.actual ?? '?'), 'the actual value is shown');
    const learn = row.getByRole('link', { name: /^Learn it:/ });
    assert.equal(await learn.getAttribute('href'), `/roadmap/${failed.outcome.topic}`);
    assert.equal(await page.locator('[data-stage="create-link"]').getAttribute('data-state'), 'failed');
  });

  it('stops accepting a personal access token once it is revoked', async () => {
    const { page, baseUrl } = h;
    await page.goto(`${baseUrl}/account`);
    await page.getByLabel('Token name').fill('e2e script');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = await page.getByRole('textbox', { name: 'Your new token' }).inputValue();
    assert.match(secret, /^gwp_/);
    const asScript = () => fetch(`${baseUrl}/api/me`, { headers: { authorization: `Bearer ${secret}` } });
    assert.equal((await asScript()).status, 200);

    await page.getByRole('button', { name: "I've saved it" }).click();
    await page.getByRole('button', { name: 'Revoke e2e script' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
    await page.getByRole('cell', { name: 'Revoked' }).waitFor();
    const refused = await asScript();
    assert.equal(refused.status, 401);
    assert.match(refused.headers.get('content-type') ?? '', /application\/problem\+json/);
  });

  it('has no serious or critical accessibility violations on the main pages, light and dark', async () => {
    const { page, baseUrl } = h;
    const pages: Array<[string, string]> = [
      ['roadmap', `${baseUrl}/roadmap/http`],
      ['dashboard', `${baseUrl}/dashboard`],
      ['project', `${baseUrl}/projects/url-shortener`],
      ['passed submission', passedSubmissionUrl],
      ['failed submission', failedSubmissionUrl],
      ['guides', `${baseUrl}/guides`],
      ['guide', `${baseUrl}/guides/common-mistakes`],
    ];
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      for (const [name, url] of pages) {
        await page.goto(url);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        const violations = await findSeriousViolations(page);
        assert.deepEqual(violations, [], `${name} (${colorScheme}): ${JSON.stringify(violations, null, 2)}`);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
