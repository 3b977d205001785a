import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerErrorHandler } from '../../platform/errors/error-handler';
import { registerSecurityHeaders } from '../../platform/security-headers';
import { webRoutes } from './web.routes';

const INDEX_HTML = '<!doctype html><html><body><div id="root"></div></body></html>';
const CHUNK = 'export const answer = 42;';

/** The platform parts the web routes rely on (errors, security headers), without a database. */
async function buildWebApp(distDir: string): Promise<FastifyInstance> {
  const app = Fastify();
  registerErrorHandler(app);
  registerSecurityHeaders(app, { isHttps: false });
  app.get('/api/known', async () => ({ ok: true }));
  await app.register(webRoutes, { distDir });
  await app.ready();
  return app;
}

describe('the web app routes', () => {
  let dir: string;
  let app: FastifyInstance;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gw-web-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), INDEX_HTML);
    await writeFile(join(dir, 'assets', 'index-Ab12Cd.js'), CHUNK);
    await writeFile(join(dir, 'theme-init.js'), '// theme');
    app = await buildWebApp(dir);
  });
  after(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves index.html at / with a CSP that allows only this origin', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.equal(response.body, INDEX_HTML);
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /connect-src 'self'/);
    assert.equal(response.headers['cache-control'], 'no-cache');
  });

  it('answers client routes with index.html, so a reload of /roadmap/http opens the app', async () => {
    for (const url of ['/roadmap/http', '/projects/url-shortener', '/account?tab=tokens']) {
      const response = await app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 200, url);
      assert.equal(response.body, INDEX_HTML, url);
    }
  });

  it('answers a revalidation of the page with the whole page and its CSP, never a bare 304', async () => {
    const first = await app.inject({ method: 'GET', url: '/roadmap' });
    const again = await app.inject({
      method: 'GET',
      url: '/roadmap',
      headers: { 'if-modified-since': new Date(Date.now() + 60_000).toUTCString(), 'if-none-match': '*' },
    });
    assert.equal(first.headers.etag, undefined);
    assert.equal(again.statusCode, 200);
    assert.match(String(again.headers['content-security-policy']), /script-src 'self'/);
  });

  it('serves hashed assets with a year-long immutable cache, and other files revalidated', async () => {
    const chunk = await app.inject({ method: 'GET', url: '/assets/index-Ab12Cd.js' });
    assert.equal(chunk.statusCode, 200);
    assert.equal(chunk.body, CHUNK);
    assert.match(String(chunk.headers['content-type']), /javascript/);
    assert.equal(chunk.headers['cache-control'], 'public, max-age=31536000, immutable');
    const plain = await app.inject({ method: 'GET', url: '/theme-init.js' });
    assert.equal(plain.headers['cache-control'], 'no-cache');
  });

  it('answers a missing asset with a 404, not with the HTML of the app', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/gone-Zz99.js' });
    assert.equal(response.statusCode, 404);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  });

  it('keeps problem+json 404s for unknown API paths, and leaves known ones alone', async () => {
    for (const url of ['/api/nope', '/api', '/healthz/x', '/docs/missing', '/problems/x/y', '/metrics/z']) {
      const response = await app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 404, url);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/, url);
      assert.equal(response.json().code, 'not_found', url);
    }
    const known = await app.inject({ method: 'GET', url: '/api/known' });
    assert.deepEqual(known.json(), { ok: true });
  });

  it('answers other methods on client paths with a problem 404', async () => {
    const response = await app.inject({ method: 'POST', url: '/roadmap', payload: {} });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().code, 'not_found');
  });

  it('explains how to build the app when it is not built', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'gw-web-empty-'));
    const bare = await buildWebApp(empty);
    try {
      const response = await bare.inject({ method: 'GET', url: '/roadmap' });
      assert.equal(response.statusCode, 503);
      assert.match(response.body, /npm run build -w @groundwork\/web/);
      const api = await bare.inject({ method: 'GET', url: '/api/nope' });
      assert.equal(api.json().code, 'not_found');
    } finally {
      await bare.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});
