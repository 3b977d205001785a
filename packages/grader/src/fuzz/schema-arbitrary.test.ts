import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import type { JsonSchema } from '../authoring/schema';
import { resolveSchema } from './resolve-schema';
import { arbitraryFromSchema } from './schema-arbitrary';
import { mutationFromSchema } from './schema-mutation';

const SEED = 42;

/** A small OpenAPI 3.1 document with the shapes real contracts use. */
const DOCUMENT = {
  openapi: '3.1.0',
  components: {
    schemas: {
      Id: { type: 'string', format: 'uuid' },
      Status: { type: 'string', enum: ['todo', 'done'] },
      Named: {
        type: 'object',
        properties: { name: { type: 'string', minLength: 1, maxLength: 8 } },
        required: ['name'],
      },
      Link: {
        type: 'object',
        properties: {
          id: { $ref: '#/components/schemas/Id' },
          url: { type: 'string', format: 'uri' },
          slug: { type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 30 },
          email: { type: 'string', format: 'email' },
          createdAt: { type: 'string', format: 'date-time' },
          day: { type: 'string', format: 'date' },
          clicks: { type: 'integer', minimum: 0, maximum: 1000 },
          ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
          status: { $ref: '#/components/schemas/Status' },
          note: { type: ['string', 'null'], maxLength: 5 },
          legacy: { type: 'string', nullable: true },
          kind: { const: 'link' },
          tags: { type: 'array', items: { type: 'string', maxLength: 3 }, minItems: 1, maxItems: 3 },
          pair: { type: 'array', prefixItems: [{ type: 'integer' }, { type: 'boolean' }], items: false },
          extra: { type: 'object', additionalProperties: { type: 'integer' } },
          owner: {
            allOf: [
              { $ref: '#/components/schemas/Named' },
              { properties: { age: { type: 'integer', minimum: 18 } }, required: ['age'] },
            ],
          },
          target: {
            oneOf: [
              { type: 'string', format: 'email' },
              { type: 'integer', minimum: 1 },
            ],
          },
          either: { anyOf: [{ type: 'boolean' }, { type: 'null' }] },
        },
        required: ['id', 'url', 'slug', 'status', 'tags', 'owner'],
        additionalProperties: false,
      },
      Tree: {
        type: 'object',
        properties: {
          value: { type: 'integer' },
          children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } },
        },
        required: ['value'],
      },
    },
  },
};

const ajv = new Ajv2020({ strict: false });
addFormats(ajv);
ajv.addSchema(DOCUMENT, 'doc');

function validatorFor(name: string) {
  return ajv.compile({ $ref: `doc#/components/schemas/${name}` });
}

function refTo(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}

describe('arbitraryFromSchema', () => {
  for (const name of Object.keys(DOCUMENT.components.schemas)) {
    it(`generates only values that validate against ${name}`, () => {
      const validate = validatorFor(name);
      fc.assert(
        fc.property(arbitraryFromSchema(refTo(name), { document: DOCUMENT }), (value) => {
          assert.ok(validate(value), `${JSON.stringify(value)}: ${ajv.errorsText(validate.errors)}`);
        }),
        { seed: SEED, numRuns: 300 },
      );
    });
  }

  it('covers every branch of a type array, an enum and a oneOf', () => {
    const values = fc.sample(arbitraryFromSchema(refTo('Link'), { document: DOCUMENT }), {
      seed: SEED,
      numRuns: 400,
    });
    const seen = (pick: (v: Record<string, unknown>) => unknown) =>
      new Set(values.map((value) => pick(value as Record<string, unknown>)));
    assert.deepEqual([...seen((v) => v.status)].sort(), ['done', 'todo']);
    assert.ok([...seen((v) => v.note)].some((note) => note === null));
    assert.ok([...seen((v) => v.note)].some((note) => typeof note === 'string'));
    assert.deepEqual([...seen((v) => typeof v.target)].sort(), ['number', 'string', 'undefined']);
  });

  it('stops a recursive schema at the depth asked for', () => {
    const depthOf = (tree: { children?: unknown[] }): number =>
      1 + Math.max(0, ...((tree.children ?? []) as { children?: unknown[] }[]).map(depthOf));
    const values = fc.sample(arbitraryFromSchema(refTo('Tree'), { document: DOCUMENT, maxDepth: 3 }), {
      seed: SEED,
      numRuns: 200,
    });
    assert.ok(values.every((value) => depthOf(value as { children?: unknown[] }) <= 3));
    assert.ok(values.some((value) => depthOf(value as { children?: unknown[] }) > 1));
  });

  it('refuses schemas no value can satisfy, and $refs that lead nowhere', () => {
    assert.throws(() => arbitraryFromSchema(false), /allows no value/);
    assert.throws(() => arbitraryFromSchema({ type: 'integer', minimum: 2, maximum: 1 }), /no integer/);
    assert.throws(
      () => arbitraryFromSchema({ $ref: '#/components/schemas/Nope' }, { document: DOCUMENT }),
      /points at nothing/,
    );
  });

  it('takes a schema without a document as its own root', () => {
    const schema = { $defs: { n: { type: 'integer', minimum: 5, maximum: 5 } }, $ref: '#/$defs/n' };
    assert.deepEqual(fc.sample(arbitraryFromSchema(schema), { seed: SEED, numRuns: 3 }), [5, 5, 5]);
  });
});

describe('resolveSchema', () => {
  it('flattens allOf into one schema with the stricter bounds and every required property', () => {
    const merged = resolveSchema(
      {
        allOf: [
          { type: 'string', maxLength: 10, minLength: 1 },
          { maxLength: 4, minLength: 0 },
        ],
      },
      {},
    );
    assert.deepEqual(merged, { type: 'string', maxLength: 4, minLength: 1 });
    const owner = resolveSchema(DOCUMENT.components.schemas.Link.properties.owner as JsonSchema, DOCUMENT);
    assert.deepEqual((owner as { required: string[] }).required, ['name', 'age']);
  });
});

describe('mutationFromSchema', () => {
  const values = fc.sample(
    mutationFromSchema(refTo('Link'), { document: DOCUMENT, hugeLength: 1000, nestingDepth: 50 }),
    {
      seed: SEED,
      numRuns: 600,
    },
  );
  const texts = values.map((value) => JSON.stringify(value) ?? '');

  it('mostly breaks the schema', () => {
    const validate = validatorFor('Link');
    const invalid = values.filter((value) => !validate(value)).length;
    assert.ok(invalid / values.length > 0.8, `${invalid} of ${values.length} invalid`);
  });

  it('drops required properties, adds unknown ones and mutates nested ones', () => {
    const objects = values.filter(
      (value): value is Record<string, unknown> =>
        typeof value === 'object' && value !== null && !Array.isArray(value),
    );
    assert.ok(
      objects.some((value) => 'id' in value && !('url' in value)),
      'a required property left out',
    );
    assert.ok(
      objects.some((value) => 'unexpectedField' in value),
      'an unknown property',
    );
    const validate = validatorFor('Link');
    const required = DOCUMENT.components.schemas.Link.required;
    assert.ok(
      objects.some(
        (value) =>
          required.every((name) => name in value) && !('unexpectedField' in value) && !validate(value),
      ),
      'every required property there, yet one of them broken',
    );
  });

  it('sends NUL bytes, emoji, huge strings, numbers past the edges, deep nesting and the wrong types', () => {
    assert.ok(
      texts.some((text) => text.includes('\\u0000')),
      'a NUL byte',
    );
    assert.ok(
      texts.some((text) => text.includes('😀')),
      'an emoji',
    );
    assert.ok(
      texts.some((text) => text.length >= 1000),
      'a huge value',
    );
    assert.ok(
      texts.some((text) => text.includes('1e+308') || text.includes('9007199254740994')),
      'a huge number',
    );
    assert.ok(
      texts.some((text) => text.startsWith('[[[[[[[[[[')),
      'deep nesting',
    );
    assert.ok(
      values.some((value) => typeof value === 'string'),
      'a string where an object belongs',
    );
  });

  it('is reproducible from its seed', () => {
    const again = fc.sample(
      mutationFromSchema(refTo('Link'), { document: DOCUMENT, hugeLength: 1000, nestingDepth: 50 }),
      {
        seed: SEED,
        numRuns: 600,
      },
    );
    assert.deepEqual(
      again.map((value) => JSON.stringify(value)),
      texts,
    );
  });

  it('steps just past each bound of a string and an integer', () => {
    const strings = fc.sample(mutationFromSchema({ type: 'string', minLength: 2, maxLength: 5 }), {
      seed: SEED,
      numRuns: 300,
    });
    assert.ok(strings.includes('x'), 'one below minLength');
    assert.ok(strings.includes('xxxxxx'), 'one past maxLength');
    const numbers = fc.sample(mutationFromSchema({ type: 'integer', minimum: 1, maximum: 100 }), {
      seed: SEED,
      numRuns: 300,
    });
    for (const edge of [0, 101, 1.5]) assert.ok(numbers.includes(edge), `${edge}`);
  });
});
