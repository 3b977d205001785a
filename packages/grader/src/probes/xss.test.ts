import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createDataFactory } from '../data/data-factory';
import { createHttpClient } from '../http/client';
import { readRequestBody, sendJson, startHttpServer } from '../testing/loopback-server';
import { createXssMarker, probeStoredXss } from './xss';

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

describe('stored XSS probe', () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let stored = '';

  before(async () => {
    server = await startHttpServer(async (req, res) => {
      if (req.method === 'POST') {
        stored = (JSON.parse(await readRequestBody(req)) as { title: string }).title;
        return sendJson(res, 201, { title: stored });
      }
      switch (req.url) {
        case '/page-escaped':
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          return res.end(`<h1>${escapeHtml(stored)}</h1>`);
        case '/page-raw':
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          return res.end(`<h1>${stored}</h1>`);
        case '/json':
          return sendJson(res, 200, { title: stored });
        case '/untyped':
          res.removeHeader('content-type');
          return res.end(`title: ${stored}`);
        default:
          return sendJson(res, 404, {});
      }
    });
  });
  after(() => server.close());

  async function probe(page: string) {
    const http = createHttpClient({ baseUrl: server.url });
    const verdict = await probeStoredXss(
      { store: (marker) => http.post('/links', { json: { title: marker } }), fetch: () => http.get(page) },
      createDataFactory('xss'),
    );
    await http.close();
    return verdict;
  }

  it('makes a marker that would run as script', () => {
    assert.match(
      createXssMarker('a-b'),
      /^<script>gw_xss_a_b\(\)<\/script><img src=x onerror=gw_xss_a_b\(\)>$/,
    );
  });

  it('passes an HTML page that escapes stored text', async () => {
    assert.equal((await probe('/page-escaped')).status, 'pass');
  });

  it('passes JSON that carries the raw text (escaping is the page’s job)', async () => {
    assert.equal((await probe('/json')).status, 'pass');
  });

  it('fails an HTML page that includes stored text raw', async () => {
    const verdict = await probe('/page-raw');
    assert.equal(verdict.status, 'fail');
    if (verdict.status === 'fail') assert.match(verdict.actual, /in a text\/html page/);
  });

  it('fails a response with no content type, which browsers sniff as HTML', async () => {
    const verdict = await probe('/untyped');
    assert.equal(verdict.status, 'fail');
    if (verdict.status === 'fail') assert.match(verdict.actual, /no content-type/);
  });

  it('fails when the stored text cannot be read back: an empty server proves nothing', async () => {
    const verdict = await probe('/missing');
    assert.equal(verdict.status, 'fail');
    if (verdict.status === 'fail') assert.match(verdict.hint ?? '', /could not be read back \(status 404/);
  });
});
