import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ContractOperation, loadContract } from '../kit/contract';
import type { RunningReference } from '../kit/project';
import { openReferenceDatabase } from '../kit/reference/database';
import { urlShortener } from '.';
import { buildApp } from './reference/app';
import { createLinksRepository } from './reference/links.repository';
import { createLinksService } from './reference/links.service';
import { startReference } from './reference/server';
import { createCode, createLink, type Exchange, send, uniqueUrl } from './test-client';

const contract = loadContract(urlShortener.contractPath, urlShortener.slug);
const paths = contract.document.paths as Record<string, Record<string, unknown>>;

describe('openapi.yaml', () => {
  test('its operations are exactly the routes the reference registers', async () => {
    const db = await openReferenceDatabase({ slug: 'url-shortener' });
    const repository = createLinksRepository(db);
    const app = buildApp({ links: createLinksService(repository), checkDatabase: repository.ping });
    const routes: string[] = [];
    app.addHook('onRoute', ({ method, url }) => {
      for (const one of [method].flat()) if (one !== 'HEAD') routes.push(`${one} ${url}`);
    });
    try {
      await app.ready();
      const documented = contract
        .operations()
        .map(({ method, path }) => `${method.toUpperCase()} ${toFastifyPath(path)}`);
      assert.deepEqual(routes.toSorted(), documented.toSorted());
    } finally {
      await app.close();
      await db.close();
    }
  });
});

describe('the reference answers as the contract says', () => {
  let reference: RunningReference;
  const ajv = contract.createValidator();

  before(async () => {
    reference = await startReference();
  });
  after(() => reference.close());

  function assertConforms(method: string, path: string, exchange: Exchange): void {
    const operation = (paths[path]?.[method] ?? {}) as ContractOperation;
    const documented = operation.responses?.[String(exchange.status)];
    assert.ok(documented, `${method} ${path} documents status ${exchange.status}`);
    const response = contract.responseOf(documented);
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      if (header.required) assert.ok(exchange.headers.has(name), `${name} header on ${exchange.status}`);
    }
    if (response.content === undefined) return;
    const mediaType = (exchange.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const media = response.content[mediaType];
    assert.ok(media, `${method} ${path} ${exchange.status} documents ${mediaType}`);
    const { $ref } = media.schema as { $ref: string };
    const validate = ajv.getSchema(`${contract.id}${$ref}`);
    assert.ok(validate, `${$ref} is a schema`);
    assert.ok(validate(exchange.json), `${exchange.text}\n${JSON.stringify(validate.errors)}`);
  }

  test('health', async () => {
    assertConforms('get', '/health', await send(reference.url, '/health'));
  });

  test('creating links, and the errors it can answer', async () => {
    assertConforms('post', '/links', await createLink(reference.url, { url: uniqueUrl(), ttlSeconds: 60 }));
    assertConforms('post', '/links', await createLink(reference.url, { url: 'ftp://example.com' }));
    const alias = `contract-${Date.now()}`;
    assertConforms('post', '/links', await createLink(reference.url, { url: uniqueUrl(), alias }));
    assertConforms('post', '/links', await createLink(reference.url, { url: uniqueUrl(), alias }));
    const xml = { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a/>' };
    assertConforms('post', '/links', await send(reference.url, '/links', xml));
    const huge = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(20_000),
    };
    assertConforms('post', '/links', await send(reference.url, '/links', huge));
  });

  test('listing', async () => {
    await createCode(reference.url);
    await createCode(reference.url);
    const first = await send(reference.url, '/links?limit=1');
    assertConforms('get', '/links', first);
    const cursor = String((first.json as { nextCursor: string }).nextCursor);
    assertConforms('get', '/links', await send(reference.url, `/links?cursor=${encodeURIComponent(cursor)}`));
    assertConforms('get', '/links', await send(reference.url, '/links?limit=zero'));
  });

  test('reading a link, and following it', async () => {
    const code = await createCode(reference.url);
    assertConforms('get', '/{code}', await send(reference.url, `/${code}`));
    assertConforms('get', '/links/{code}', await send(reference.url, `/links/${code}`));
    assertConforms('get', '/{code}', await send(reference.url, '/unknown-code'));
    assertConforms('get', '/links/{code}', await send(reference.url, '/links/unknown-code'));
  });
});

function toFastifyPath(path: string): string {
  return path.replaceAll(/\{(\w+)\}/g, ':$1');
}
