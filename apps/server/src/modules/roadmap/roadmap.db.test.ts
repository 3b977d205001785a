import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PageDetail, RoadmapView, TopicDetail } from '@groundwork/contracts';
import { baselineSpec, type ContentFixtures, createContentFixtures } from '../../test/content-fixture';
import { createTestApp, signUp, type TestApp } from '../../test/test-app';

let fixtures: ContentFixtures;
let t: TestApp;

before(async () => {
  fixtures = await createContentFixtures();
  t = await createTestApp(
    {},
    {
      contentDir: await fixtures.write(baselineSpec()),
      projectStages: [
        { topicId: 'http', projectSlug: 'url-shortener', projectTitle: 'URL shortener', stageId: 'redirect' },
      ],
    },
  );
});
after(async () => {
  await t.close();
  await fixtures.remove();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

describe('GET /api/roadmap', () => {
  it('serves the whole graph: stages, choices, topics with their boxes, and the drawing', async () => {
    const response = await get('/api/roadmap');
    assert.equal(response.statusCode, 200);
    const roadmap = RoadmapView.parse(response.json());
    assert.deepEqual(
      roadmap.choices.map((choice) => [choice.id, choice.stageId, choice.topicIds]),
      [
        ['language', 'beginner', ['python', 'go']],
        ['cache-store', 'advanced', ['redis', 'memcached']],
      ],
    );
    assert.deepEqual(roadmap.stages[0]?.hours, { required: 110, optional: 5 });
    const apis = roadmap.topics.find((topic) => topic.id === 'apis');
    assert.deepEqual(apis?.prerequisites, ['http', 'choice:language']);
    assert.ok(apis && apis.node.width > 0 && apis.node.height > 0);
    assert.ok(roadmap.layout.bands.length === 3 && roadmap.layout.groups.length === 2);
    assert.ok(roadmap.layout.edges.length > 0);
  });

  it('carries a strong ETag and asks caches to revalidate', async () => {
    const response = await get('/api/roadmap');
    assert.match(String(response.headers.etag), /^"[A-Za-z0-9_-]{20,}"$/);
    assert.equal(response.headers['cache-control'], 'no-cache');
  });

  it('answers 304 without a body when If-None-Match holds the current tag, and 200 otherwise', async () => {
    const { etag } = (await get('/api/roadmap')).headers;
    for (const header of [String(etag), `W/${etag}`, `"stale", ${etag}`]) {
      const response = await get('/api/roadmap', { 'if-none-match': header });
      assert.equal(response.statusCode, 304, header);
      assert.equal(response.body, '');
      assert.equal(response.headers.etag, etag);
    }
    const stale = await get('/api/roadmap', { 'if-none-match': '"stale"' });
    assert.equal(stale.statusCode, 200);
    assert.ok(stale.body.length > 1000);
  });
});

describe('GET /api/roadmap/topics/:topicId', () => {
  it('gives the explanation, resources, titled prerequisites, dependents and project stages', async () => {
    const apis = TopicDetail.parse((await get('/api/roadmap/topics/apis')).json());
    assert.deepEqual(apis.prerequisites, [
      { ref: 'http', kind: 'topic', id: 'http', title: 'Topic http' },
      { ref: 'choice:language', kind: 'choice', id: 'language', title: 'Pick a language' },
    ]);
    assert.match(apis.bodyHtml, /^<p>Sentence number 1/);
    assert.equal(apis.resources.length, 2);
    assert.equal(apis.hours, 60);

    const python = TopicDetail.parse((await get('/api/roadmap/topics/python')).json());
    assert.deepEqual(python.dependents, [{ id: 'apis', title: 'Topic apis' }], 'apis needs any language');
    const http = TopicDetail.parse((await get('/api/roadmap/topics/http')).json());
    assert.deepEqual(http.projectStages, [
      { projectSlug: 'url-shortener', projectTitle: 'URL shortener', stageId: 'redirect' },
    ]);
  });

  it('answers 404 for an unknown topic and 400 naming the field for an id that cannot be one', async () => {
    const unknown = await get('/api/roadmap/topics/no-such-topic');
    assert.equal(unknown.statusCode, 404);
    assert.match(String(unknown.headers['content-type']), /^application\/problem\+json/);
    assert.match(unknown.json().detail, /no topic "no-such-topic"/);
    const invalid = await get('/api/roadmap/topics/Not_A_Slug');
    assert.equal(invalid.statusCode, 400);
    assert.equal(invalid.json().errors[0].field, 'params.topicId');
  });
});

describe('pages', () => {
  it('lists the pages and serves each one rendered, with topic links pointing into the roadmap', async () => {
    assert.deepEqual((await get('/api/pages')).json(), {
      items: [{ id: 'faq', title: 'FAQ', summary: 'Answers to the questions learners ask most often.' }],
    });
    const faq = PageDetail.parse((await get('/api/pages/faq')).json());
    assert.match(faq.bodyHtml, /href="\/roadmap\/http"/);
    assert.equal((await get('/api/pages/nope')).statusCode, 404);
  });
});

describe('a server without content', () => {
  it('answers the roadmap and progress routes with 503 rather than an empty roadmap', async () => {
    const bare = await createTestApp();
    try {
      const learner = await signUp(bare.app);
      for (const url of ['/api/roadmap', '/api/roadmap/topics/http', '/api/pages', '/api/progress']) {
        const response = await bare.app.inject({ method: 'GET', url, headers: learner.headers });
        assert.equal(response.statusCode, 503, url);
        assert.equal(response.json().code, 'not_ready');
      }
    } finally {
      await bare.close();
    }
  });
});
