import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import type { RunningReference } from '../index';
import { urlShortener } from '.';
import { buildApp } from './reference/app';
import { openDatabase } from './reference/database';
import { createLinksRepository } from './reference/links.repository';
import { createLinksService } from './reference/links.service';
import { startReference } from './reference/server';
import { createCode, createLink, type Exchange, send, uniqueUrl } from './test-client';

interface Operation {
  operationId?: string;
  responses?: Record<string, Response>;
}
interface Response {
  $ref?: string;
  description?: string;
  headers?: Record<string, { required?: boolean }>;
  content?: Record<string, { schema?: unknown }>;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const CONTRACT_ID = 'urn:groundwork:url-shortener';
const contract = parse(readFileSync(urlShortener.contractPath, 'utf8')) as Record<string, unknown>;
const paths = contract.paths as Record<string, Record<string, unknown>>;

function operationsOf(): { method: string; path: string; operation: Operation }[] {
  return Object.entries(paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => method in item).map((method) => ({
      method,
      path,
      operation: item[method] as Operation,
    })),
  );
}

function resolve(pointer: string): unknown {
  assert.ok(pointer.startsWith('#/'), `only local references: ${pointer}`);
  return pointer
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], contract);
}

function findRefs(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(findRefs);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [value] : findRefs(value),
  );
}

describe('openapi.yaml', () => {
  test('is an OpenAPI 3.1 document with titled, versioned info', () => {
    assert.match(String(contract.openapi), /^3\.1\.\d+$/);
    const info = contract.info as Record<string, unknown>;
    assert.equal(typeof info.title, 'string');
    assert.equal(typeof info.version, 'string');
  });

  test('every $ref points at something in the document', () => {
    const refs = findRefs(contract);
    assert.ok(refs.length > 0);
    for (const ref of refs) assert.notEqual(resolve(ref), undefined, `${ref} resolves`);
  });

  test('every operation has a unique operationId and described responses', () => {
    const ids = operationsOf().map(({ operation }) => operation.operationId);
    assert.equal(new Set(ids).size, ids.length);
    for (const { method, path, operation } of operationsOf()) {
      assert.ok(operation.operationId, `${method} ${path} has an operationId`);
      const responses = Object.values(operation.responses ?? {});
      assert.ok(responses.length > 0, `${method} ${path} has responses`);
      for (const response of responses) assert.ok(responseOf(response).description);
    }
  });

  test('its component schemas compile as JSON Schema 2020-12', () => {
    const ajv = createValidator();
    for (const name of Object.keys(schemas()))
      assert.ok(ajv.getSchema(`${CONTRACT_ID}#/components/schemas/${name}`));
  });

  test('its operations are exactly the routes the reference registers', async () => {
    const db = await openDatabase();
    const repository = createLinksRepository(db);
    const app = buildApp({ links: createLinksService(repository), checkDatabase: repository.ping });
    const routes: string[] = [];
    app.addHook('onRoute', ({ method, url }) => {
      for (const one of [method].flat()) if (one !== 'HEAD') routes.push(`${one} ${url}`);
    });
    try {
      await app.ready();
      const documented = operationsOf().map(
        ({ method, path }) => `${method.toUpperCase()} ${toFastifyPath(path)}`,
      );
      assert.deepEqual(routes.toSorted(), documented.toSorted());
    } finally {
      await app.close();
      await db.close();
    }
  });
});

describe('the reference answers as the contract says', () => {
  let reference: RunningReference;
  const ajv = createValidator();

  before(async () => {
    reference = await startReference();
  });
  after(() => reference.close());

  function assertConforms(method: string, path: string, exchange: Exchange): void {
    const operation = (paths[path]?.[method] ?? {}) as Operation;
    const documented = operation.responses?.[String(exchange.status)];
    assert.ok(documented, `${method} ${path} documents status ${exchange.status}`);
    const response = responseOf(documented);
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      if (header.required) assert.ok(exchange.headers.has(name), `${name} header on ${exchange.status}`);
    }
    if (response.content === undefined) return;
    const mediaType = (exchange.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const media = response.content[mediaType];
    assert.ok(media, `${method} ${path} ${exchange.status} documents ${mediaType}`);
    const { $ref } = media.schema as { $ref: string };
    const validate = ajv.getSchema(`${CONTRACT_ID}${$ref}`);
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

function schemas(): Record<string, unknown> {
  return (contract.components as { schemas: Record<string, unknown> }).schemas;
}

function responseOf(response: Response): Response {
  return response.$ref === undefined ? response : (resolve(response.$ref) as Response);
}

function createValidator(): Ajv2020 {
  // strictRequired off: `anyOf: [{ required: [a] }, { required: [b] }]` is the usual way to say "a or b"
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  // the document's other parts are not schemas; declaring the key lets strict mode accept the wrapper
  ajv.addKeyword('components');
  ajv.addSchema({ $id: CONTRACT_ID, components: contract.components });
  return ajv;
}

function toFastifyPath(path: string): string {
  return path.replaceAll(/\{(\w+)\}/g, ':$1');
}
