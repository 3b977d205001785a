import fc from 'fast-check';
import type { JsonSchema } from '../authoring/schema';
import { resolveSchema, type SchemaObject, typesOf } from './resolve-schema';
import { arbitraryFromSchema, boundsOf, contextOf, type SchemaArbitraryOptions } from './schema-arbitrary';

/** Options of {@link mutationFromSchema}. */
export interface SchemaMutationOptions extends SchemaArbitraryOptions {
  /** Length of the "huge" strings and arrays sent (default 100 000 characters, 10 000 items). */
  hugeLength?: number;
  /** Depth of the deeply nested arrays and objects sent (default 1 000). */
  nestingDepth?: number;
}

const hostileByLength = new Map<number, fc.Arbitrary<string>>();

/** Strings no schema expects: empty, blank, NUL bytes, emoji and other scripts, markup, huge. */
export function hostileStrings(hugeLength = 100_000): fc.Arbitrary<string> {
  let found = hostileByLength.get(hugeLength);
  if (!found) {
    found = buildHostileStrings(hugeLength);
    hostileByLength.set(hugeLength, found);
  }
  return found;
}

function buildHostileStrings(hugeLength: number): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      '\t\n',
      'a\u0000b',
      '\u0000',
      '😀👩‍💻🏳️‍🌈',
      'Zażółć gęślą jaźń',
      '日本語テキスト',
      'مرحبا',
      '\u202Eevil',
      '\uFEFF',
      "' OR '1'='1",
      '<script>alert(1)</script>',
      '../../etc/passwd',
      '%00',
      'null',
      'undefined',
      '-1',
      '1e999',
      'x'.repeat(hugeLength),
      '😀'.repeat(Math.ceil(hugeLength / 2)),
    ),
    fc.string({ unit: 'binary', maxLength: 40 }),
  );
}

/** Numbers at and past every edge a JSON parser or a database column has. */
export const HOSTILE_NUMBERS: readonly number[] = [
  0,
  -1,
  0.5,
  -0.000001,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  1e308,
  -1e308,
  Number.MIN_VALUE,
];

function nested(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = wrap(value);
  return value;
}

/**
 * Values near and past the edges of a JSON Schema: the wrong type, a required property missing or an
 * unknown one added, a property mutated in turn, strings and arrays one past their bounds or huge,
 * numbers one past their bounds or at the limits of a double, values outside the enum or the pattern,
 * NUL bytes, emoji, deep nesting, `__proto__` keys — and values exactly at the bounds, which must pass.
 * A server should answer each with a clear 4xx (or accept it), never a 5xx.
 * @example fc.sample(mutationFromSchema(contract.components.schemas.NewLink, { document: contract }), 20)
 */
export function mutationFromSchema(
  schema: JsonSchema,
  options: SchemaMutationOptions = {},
): fc.Arbitrary<unknown> {
  const settings = {
    ...contextOf(schema, options),
    hugeLength: options.hugeLength ?? 100_000,
    nestingDepth: options.nestingDepth ?? 1_000,
    options,
  };
  return mutate(schema, settings, 0);
}

type Settings = ReturnType<typeof contextOf> & {
  hugeLength: number;
  nestingDepth: number;
  options: SchemaArbitraryOptions;
};

function mutate(schema: JsonSchema, settings: Settings, depth: number): fc.Arbitrary<unknown> {
  const resolved = resolveSchema(schema, settings.document);
  const general: fc.Arbitrary<unknown>[] = [
    hostileStrings(settings.hugeLength),
    fc.constantFrom(...HOSTILE_NUMBERS),
    fc.constantFrom(true, false, null, [], {}),
    fc.constant(nested(settings.nestingDepth, (inner) => [inner])),
    fc.constant(nested(settings.nestingDepth, (inner) => ({ a: inner }))),
    fc.constant(JSON.parse('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}}')),
  ];
  if (typeof resolved === 'boolean') return fc.oneof(...general);
  const specific = mutationsOf(resolved, settings, depth);
  const valid = arbitraryFromSchema(resolved, { ...settings.options, document: settings.document });
  return fc.oneof(
    { weight: 1, arbitrary: fc.oneof(...general) },
    { weight: 3, arbitrary: fc.oneof(...specific) },
    { weight: 2, arbitrary: withHostileText(valid) },
  );
}

// each keeps the text recognisable, so a server that stores it unchanged can still be judged
const TEXT_CORRUPTIONS: readonly ((text: string) => string)[] = [
  (text) => `${text.slice(0, 1)}\u0000${text.slice(1)}`,
  (text) => `${text}\u0000`,
  (text) => `${text}😀👩‍💻`,
  (text) => `${text}\uD800`,
  (text) => `${text}\u202E\u0301`,
];

/**
 * A valid value with one of its strings made hostile (a NUL byte, emoji, a lone surrogate): the shape
 * passes validation, so the text reaches whatever lies behind it — a database, a template, a log.
 * @example withHostileText(arbitraryFromSchema(contract.components.schemas.NewLink, { document: contract }))
 */
export function withHostileText(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, fc.nat(), fc.constantFrom(...TEXT_CORRUPTIONS))
    .map(([value, pick, corrupt]) => replaceString(value, pick, corrupt));
}

function replaceString(value: unknown, pick: number, corrupt: (text: string) => string): unknown {
  const paths: (string | number)[][] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    if (typeof node === 'string') paths.push(path);
    else if (Array.isArray(node)) for (const [index, item] of node.entries()) walk(item, [...path, index]);
    else if (node !== null && typeof node === 'object')
      for (const [key, item] of Object.entries(node)) walk(item, [...path, key]);
  };
  walk(value, []);
  const path = paths[pick % Math.max(1, paths.length)];
  if (!path) return value;
  return setAt(value, path, corrupt);
}

function setAt(node: unknown, path: (string | number)[], corrupt: (text: string) => string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return corrupt(node as string);
  if (Array.isArray(node))
    return node.map((item, index) => (index === head ? setAt(item, rest, corrupt) : item));
  const copy = { ...(node as Record<string, unknown>) };
  copy[head] = setAt(copy[head], rest, corrupt);
  return copy;
}

function mutationsOf(schema: SchemaObject, settings: Settings, depth: number): fc.Arbitrary<unknown>[] {
  const found: fc.Arbitrary<unknown>[] = [];
  const valid = () => arbitraryFromSchema(schema, { ...settings.options, document: settings.document });
  if (Array.isArray(schema.enum) || 'const' in schema) {
    const known = Array.isArray(schema.enum) ? schema.enum : [schema.const];
    found.push(
      fc.constantFrom(
        ...known.map((value) =>
          typeof value === 'string' ? `${value.toUpperCase()}x` : `${String(value)}x`,
        ),
      ),
    );
  }
  for (const branch of [...((schema.oneOf ?? schema.anyOf ?? []) as JsonSchema[])])
    found.push(mutate(branch, settings, depth + 1));
  const types = typesOf(schema);
  if (types.includes('string')) found.push(...stringMutations(schema, settings.hugeLength));
  if (types.includes('integer') || types.includes('number'))
    found.push(...numberMutations(schema, types.includes('integer')));
  if (types.includes('array')) found.push(...arrayMutations(schema, settings, depth, valid));
  if (types.includes('object')) found.push(...objectMutations(schema, settings, depth, valid));
  if (found.length === 0) found.push(fc.constant({ unexpected: true }));
  return found;
}

function stringMutations(schema: SchemaObject, hugeLength: number): fc.Arbitrary<unknown>[] {
  const found: fc.Arbitrary<unknown>[] = [fc.integer(), fc.constant(['a']), fc.constant({ a: 'b' })];
  if (typeof schema.maxLength === 'number') {
    found.push(fc.constant('x'.repeat(schema.maxLength)), fc.constant('x'.repeat(schema.maxLength + 1)));
    found.push(fc.constant('😀'.repeat(schema.maxLength + 1)));
  }
  if (typeof schema.minLength === 'number') {
    found.push(fc.constant('x'.repeat(schema.minLength)));
    if (schema.minLength > 0) found.push(fc.constant('x'.repeat(schema.minLength - 1)));
  }
  if (typeof schema.pattern === 'string' || typeof schema.format === 'string') {
    found.push(fc.constantFrom('not matching!', ' ', 'UPPER CASE', '\u0000', `a\nb`));
  }
  found.push(hostileStrings(hugeLength));
  return found;
}

function numberMutations(schema: SchemaObject, isInteger: boolean): fc.Arbitrary<unknown>[] {
  const { min, max } = boundsOf(schema);
  const edges: number[] = [...HOSTILE_NUMBERS];
  if (min !== undefined) edges.push(min, min - 1, min - 0.5);
  if (max !== undefined) edges.push(max, max + 1, max + 0.5);
  if (isInteger) edges.push(1.5, -2.5);
  return [fc.constantFrom(...edges), fc.constantFrom('1', 'one', '', '0x10', 'NaN', 'Infinity')];
}

function arrayMutations(
  schema: SchemaObject,
  settings: Settings,
  depth: number,
  valid: () => fc.Arbitrary<unknown>,
): fc.Arbitrary<unknown>[] {
  const found: fc.Arbitrary<unknown>[] = [fc.constant('not an array'), fc.constant({ 0: 'a' })];
  const items = (schema.items ?? true) as JsonSchema;
  if (depth < settings.maxDepth)
    found.push(fc.array(mutate(items, settings, depth + 1), { minLength: 1, maxLength: 3 }));
  if (typeof schema.maxItems === 'number') {
    const limit = schema.maxItems;
    found.push(valid().map((value) => pad(value as unknown[], limit + 1)));
  }
  if (typeof schema.minItems === 'number' && schema.minItems > 0) {
    const limit = schema.minItems;
    found.push(valid().map((value) => (value as unknown[]).slice(0, limit - 1)));
  }
  found.push(fc.constant(Array.from({ length: Math.min(settings.hugeLength, 10_000) }, () => null)));
  return found;
}

function pad(values: unknown[], length: number): unknown[] {
  if (values.length === 0) return Array.from({ length }, () => null);
  return Array.from({ length }, (_, index) => values[index % values.length]);
}

function objectMutations(
  schema: SchemaObject,
  settings: Settings,
  depth: number,
  valid: () => fc.Arbitrary<unknown>,
): fc.Arbitrary<unknown>[] {
  const found: fc.Arbitrary<unknown>[] = [fc.constant([]), fc.constant('{}')];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const base = valid().map((value) => value as Record<string, unknown>);
  if (required.length > 0) {
    found.push(
      fc.tuple(base, fc.constantFrom(...required)).map(([value, name]) => {
        const { [name]: _dropped, ...rest } = value;
        return rest;
      }),
    );
  }
  found.push(base.map((value) => ({ ...value, unexpectedField: 'surprise' })));
  const names = Object.keys(properties);
  if (names.length > 0 && depth < settings.maxDepth) {
    found.push(
      fc.tuple(base, fc.constantFrom(...names)).chain(([value, name]) =>
        mutate(properties[name] as JsonSchema, settings, depth + 1).map((mutated) => ({
          ...value,
          [name]: mutated,
        })),
      ),
    );
  }
  return found;
}
