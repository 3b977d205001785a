import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { baselineSpec, type ContentFixtures, createContentFixtures } from '../test/content-fixture';
import { emptyReport } from '../test/grading-fixture';
import { createTestApp, signUp, type TestApp } from '../test/test-app';
import { NUL_CHARACTER_MESSAGE } from './validator';

let fixtures: ContentFixtures;
let t: TestApp;

before(async () => {
  fixtures = await createContentFixtures();
  t = await createTestApp({}, { contentDir: await fixtures.write(baselineSpec()) });
});
after(async () => {
  await t.close();
  await fixtures.remove();
});

/** PostgreSQL refuses U+0000 in text and jsonb; before this rule each of these requests was a 500. */
function assertNamesField(response: { statusCode: number; body: string }, field: string) {
  assert.equal(response.statusCode, 400, response.body);
  const problem = JSON.parse(response.body);
  assert.equal(problem.code, 'validation_failed');
  assert.deepEqual(problem.errors, [{ field, message: NUL_CHARACTER_MESSAGE }]);
}

describe('NUL characters in request text', () => {
  it('refuses one in a sign-up name, and creates no account', async () => {
    const email = 'nul-name@example.com';
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email, password: 'a long enough password', name: 'Ada\u0000Lovelace' },
    });
    assertNamesField(response, 'name');
    await signUp(t.app, { email });
  });

  it('refuses one in a token name', async () => {
    const learner = await signUp(t.app);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: learner.writeHeaders,
      payload: { name: 'laptop\u0000' },
    });
    assertNamesField(response, 'name');
  });

  it('refuses one in a progress note', async () => {
    const learner = await signUp(t.app);
    const response = await t.app.inject({
      method: 'PUT',
      url: '/api/progress/topics/http',
      headers: learner.writeHeaders,
      payload: { status: 'learning', note: '\u0000' },
    });
    assertNamesField(response, 'note');
  });

  it('refuses one deep inside an imported document, naming the entry', async () => {
    const learner = await signUp(t.app);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/progress/import',
      headers: learner.writeHeaders,
      payload: {
        schemaVersion: 1,
        entries: [
          { topicId: 'http', status: 'done', note: 'fine', updatedAt: '2025-01-31T12:00:00.000Z' },
          { topicId: 'git', status: 'done', note: 'a\u0000b', updatedAt: '2025-01-31T12:00:00.000Z' },
        ],
      },
    });
    assertNamesField(response, 'entries.1.note');
  });

  it('refuses one in an uploaded report and in a query string', async () => {
    const learner = await signUp(t.app);
    const report = { ...emptyReport(), project: { slug: 'url-shortener', title: 'URL\u0000shortener' } };
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/submissions/upload',
      headers: learner.writeHeaders,
      payload: { report },
    });
    assertNamesField(upload, 'report.project.title');
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/submissions?project=%00',
      headers: learner.headers,
    });
    assertNamesField(list, 'querystring.project');
  });
});
