import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findProject, type RunningReference } from '@groundwork/projects';
import { REPO_CONTENT_DIR } from '../../test/content-fixture';
import { startTestWorker, submit, type TestWorker, waitForFinish } from '../../test/grading-fixture';
import { createTestApp, signUp, type TestApp } from '../../test/test-app';

const project = findProject('url-shortener');
assert.ok(project);
const QUICK = ['health', 'create-link'];

let t: TestApp;
let worker: TestWorker;
let reference: RunningReference;

before(async () => {
  t = await createTestApp({}, { contentDir: REPO_CONTENT_DIR });
  worker = await startTestWorker(t);
  reference = await project.startReference({ port: 0 });
});
after(async () => {
  await worker.close();
  await reference.close();
  await t.close();
});

describe('projects', () => {
  it('lists the projects with their stages, and a signed-in learner’s best result', async () => {
    const anonymous = (await t.app.inject({ method: 'GET', url: '/api/projects' })).json();
    const card = anonymous.items.find((item: { slug: string }) => item.slug === 'url-shortener');
    assert.equal(card.stages.length, project.stageIds.length);
    assert.equal(card.best, null);

    const learner = await signUp(t.app);
    const { body } = await submit(t.app, learner, {
      project: 'url-shortener',
      url: reference.url,
      stages: QUICK,
    });
    await waitForFinish(t.app, learner, body.id);
    const mine = (
      await t.app.inject({ method: 'GET', url: '/api/projects', headers: learner.headers })
    ).json();
    const best = mine.items.find((item: { slug: string }) => item.slug === 'url-shortener').best;
    assert.equal(best.submissionId, body.id);
    assert.equal(best.stagesPassed, 2);
  });

  it('serves a project’s spec rendered, with topic links into the roadmap, and its contract', async () => {
    const detail = await t.app.inject({ method: 'GET', url: '/api/projects/url-shortener' });
    assert.equal(detail.statusCode, 200);
    const { specHtml, contractUrl } = detail.json();
    assert.match(specHtml, /<a href="\/roadmap\/http-status-codes">/);
    assert.match(specHtml, new RegExp(`href="${contractUrl}"`));
    const contract = await t.app.inject({ method: 'GET', url: contractUrl });
    assert.equal(contract.statusCode, 200);
    assert.match(String(contract.headers['content-type']), /yaml/);
    assert.match(contract.body, /^openapi: 3\.1/m);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/projects/nope' })).statusCode, 404);
  });

  it('serves the AsyncAPI message contract of a project with a WebSocket, and links it from the spec', async () => {
    const chat = (await t.app.inject({ method: 'GET', url: '/api/projects/chat' })).json();
    assert.equal(chat.messagesContractUrl, '/api/projects/chat/messages-contract');
    assert.match(chat.specHtml, /href="\/api\/projects\/chat\/messages-contract"/);
    const contract = await t.app.inject({ method: 'GET', url: chat.messagesContractUrl });
    assert.equal(contract.statusCode, 200);
    assert.match(String(contract.headers['content-type']), /yaml/);
    assert.match(contract.body, /^asyncapi: 3\.0/m);
    // a project without a WebSocket has none, and says so
    const shortener = (await t.app.inject({ method: 'GET', url: '/api/projects/url-shortener' })).json();
    assert.equal(shortener.messagesContractUrl, null);
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/projects/url-shortener/messages-contract',
    });
    assert.equal(missing.statusCode, 404);
    assert.match(String(missing.headers['content-type']), /problem\+json/);
  });
});
