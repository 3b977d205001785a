import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeResponse } from '../testing/fake-response';
import {
  expectContentType,
  expectHeader,
  expectJson,
  expectJsonField,
  expectNoHeader,
  expectRedirect,
  expectStatus,
  expectThat,
} from './expect';
import { is } from './matchers';
import { expectMatchesSchema } from './schema';
import { pass } from './verdict';

const json = (body: object, status = 200, headers: Record<string, string> = {}) =>
  fakeResponse({ status, body, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });

describe('expectation helpers', () => {
  it('chain with ?? and end in pass()', () => {
    const res = json({ code: 'abc', url: 'https://example.com' }, 201);
    const verdict = expectStatus(res, [201]) ?? expectJsonField(res, 'code', is.nonEmptyString()) ?? pass();
    assert.deepEqual(verdict, { status: 'pass' });
  });

  it('expectStatus accepts any allowed status and explains a wrong one in one sentence', () => {
    const redirect = fakeResponse({ status: 308, method: 'GET', url: 'http://127.0.0.1:8080/abc' });
    assert.equal(expectStatus(redirect, [301, 302, 307, 308]), undefined);
    const failure = expectStatus(fakeResponse({ status: 200, method: 'POST' }), 201, { topic: 'rest' });
    assert.deepEqual(
      { expected: failure?.expected, actual: failure?.actual, hint: failure?.hint, topic: failure?.topic },
      {
        expected: 'status 201 Created',
        actual: 'status 200 OK',
        hint: 'POST /links should answer 201 Created, but it answered 200 OK.',
        topic: 'rest',
      },
    );
    assert.equal(failure?.exchange?.response?.status, 200, 'the exchange is attached');
    assert.equal(
      expectStatus(fakeResponse({ status: 500 }), [301, 302, 307])?.hint,
      'GET /links should answer 301 Moved Permanently, 302 Found or 307 Temporary Redirect, but it answered 500 Internal Server Error.',
    );
  });

  it('expectContentType ignores case and parameters, and accepts +json for JSON', () => {
    assert.equal(
      expectContentType(
        fakeResponse({ headers: { 'content-type': 'Application/JSON;charset=UTF-8' } }),
        'application/json',
      ),
      undefined,
    );
    assert.equal(
      expectContentType(
        fakeResponse({ headers: { 'content-type': 'application/problem+json' } }),
        'application/json',
      ),
      undefined,
    );
    const failure = expectContentType(
      fakeResponse({ headers: { 'content-type': 'text/html' } }),
      'application/json',
    );
    assert.equal(failure?.actual, 'content-type text/html');
    assert.equal(expectContentType(fakeResponse({}), 'application/json')?.actual, 'no content-type header');
  });

  it('expectJson ignores extra fields and field order but not wrong values', () => {
    const res = json({ url: 'https://example.com', extra: true, code: 'abc', nested: { b: 2, a: 1, c: 3 } });
    assert.equal(expectJson(res, { code: 'abc', nested: { a: 1, b: 2 } }), undefined);
    const failure = expectJson(res, { nested: { a: 2 } });
    assert.equal(failure?.expected, 'nested.a: 2');
    assert.equal(failure?.actual, 'nested.a: 1');
    assert.match(failure?.hint ?? '', /In the JSON from GET \/links, nested\.a should be 2, but it is 1\./);
  });

  it('expectJsonField reads paths with indexes and says when a field is missing', () => {
    const res = json({ items: [{ url: 'https://a.example' }, { url: 'nope' }] });
    assert.equal(expectJsonField(res, 'items[0].url', is.httpUrl()), undefined);
    assert.equal(expectJsonField(res, 'items[1].url', is.httpUrl())?.actual, 'items[1].url: "nope"');
    assert.equal(
      expectJsonField(res, 'items[2].url', is.present())?.actual,
      'items[2].url: nothing (missing)',
    );
    assert.equal(
      expectJsonField(res, 'items', is.arrayOf({ url: is.string() }, { minLength: 2 })),
      undefined,
    );
  });

  it('expectJson explains a body that is not JSON', () => {
    const failure = expectJson(fakeResponse({ body: '<html>oops</html>' }));
    assert.equal(failure?.expected, 'a JSON body');
    assert.match(failure?.actual ?? '', /not JSON: "<html>oops<\/html>"/);
  });

  it('expectJson and expectMatchesSchema name a compressed body instead of calling it bad JSON', () => {
    // The grader never decompresses (a gzip bomb must cost it nothing), so say why the JSON is unreadable.
    const gzipped = fakeResponse({
      body: '\u001f\u008b\u0008 binary',
      headers: { 'content-encoding': 'gzip' },
    });
    const sentence =
      'GET /links should answer with a JSON body, but the body is compressed with gzip (content-encoding: gzip) although the request did not ask for compression.';
    assert.equal(expectJson(gzipped)?.hint, sentence);
    assert.match(expectMatchesSchema(gzipped, { type: 'object' })?.hint ?? '', /compressed with gzip/);
    const identity = fakeResponse({ body: '{"ok":true}', headers: { 'content-encoding': 'identity' } });
    assert.equal(expectJson(identity, { ok: true }), undefined);
  });

  it('expectRedirect accepts a relative or absolute Location that resolves to the same URL', () => {
    const url = 'http://127.0.0.1:8080/abc';
    const relative = fakeResponse({ status: 302, url, headers: { location: '/target?x=1' } });
    const absolute = fakeResponse({
      status: 301,
      url,
      headers: { location: 'http://127.0.0.1:8080/target?x=1' },
    });
    assert.equal(expectRedirect(relative, { location: 'http://127.0.0.1:8080/target?x=1' }), undefined);
    assert.equal(expectRedirect(absolute, { location: '/target?x=1' }), undefined);
    assert.equal(
      expectRedirect(absolute, { statuses: [302, 307] })?.expected,
      'status 302 Found or 307 Temporary Redirect',
    );
    assert.equal(
      expectRedirect(relative, { location: 'https://example.com/' })?.actual,
      'location: /target?x=1',
    );
  });

  it('expectHeader / expectNoHeader / expectThat', () => {
    const res = fakeResponse({ headers: { 'x-powered-by': 'Express', 'cache-control': 'no-store' } });
    assert.equal(expectHeader(res, 'Cache-Control', is.matching(/no-store/)), undefined);
    assert.equal(expectHeader(res, 'location')?.actual, 'no location header');
    assert.equal(expectNoHeader(res, 'x-powered-by')?.actual, 'x-powered-by: Express');
    assert.equal(expectThat(res, 1 + 1 === 2, { expected: 'x', actual: 'y' }), undefined);
    assert.equal(
      expectThat(res, false, { expected: 'clicks = 50', actual: 'clicks = 49' })?.hint,
      'GET /links: expected clicks = 50, but got clicks = 49.',
    );
  });

  it('expectMatchesSchema validates JSON Schema 2020-12 with formats, ignoring extra fields', () => {
    const schema = {
      type: 'object',
      required: ['code', 'url'],
      properties: { code: { type: 'string' }, url: { type: 'string', format: 'uri' } },
    };
    assert.equal(
      expectMatchesSchema(json({ code: 'a', url: 'https://example.com', extra: 1 }), schema),
      undefined,
    );
    assert.equal(expectMatchesSchema(json({ code: 'a' }), schema)?.actual, 'the body is missing "url"');
    assert.match(
      expectMatchesSchema(json({ code: 'a', url: 'not a uri' }), schema)?.actual ?? '',
      /url must match format "uri"/,
    );
  });
});
