import fc from 'fast-check';
import type { JsonSchema } from '../authoring/schema';
import { type JsonType, mergeSchemas, resolveSchema, type SchemaObject, typesOf } from './resolve-schema';

/** How a schema becomes values. */
export interface SchemaArbitraryOptions {
  /** Where `#/…` `$ref`s point: the OpenAPI document the schema came from (default: the schema itself). */
  document?: unknown;
  /** Nesting depth past which optional properties and array items are left out (default 4). */
  maxDepth?: number;
  /** Most items beyond `minItems` in an array, and most extra keys in an open map (default 4). */
  maxItems?: number;
}

type Context = { document: unknown; maxDepth: number; maxItems: number };

// past this, a chain of required, self-referencing properties can have no finite value
const MAX_NESTING = 32;

export function contextOf(schema: JsonSchema, options: SchemaArbitraryOptions): Context {
  return {
    document: options.document ?? schema,
    maxDepth: options.maxDepth ?? 4,
    maxItems: options.maxItems ?? 4,
  };
}

/**
 * Values that validate against a JSON Schema (the 2020-12 subset OpenAPI 3.1 documents use: type and
 * type arrays, nullable, enum, const, format, string and number bounds, pattern, items, prefixItems,
 * properties, required, additionalProperties, oneOf/anyOf/allOf and local `$ref`s). `oneOf` branches
 * are taken as they come: values that happen to match two branches are not filtered out.
 * @example fc.sample(arbitraryFromSchema({ $ref: '#/components/schemas/Link' }, { document: contract }), 5)
 */
export function arbitraryFromSchema(
  schema: JsonSchema,
  options: SchemaArbitraryOptions = {},
): fc.Arbitrary<unknown> {
  return build(schema, contextOf(schema, options), 0);
}

function build(schema: JsonSchema, context: Context, depth: number): fc.Arbitrary<unknown> {
  if (depth > MAX_NESTING) throw new Error('the schema nests without end: no finite value fits');
  const resolved = resolveSchema(schema, context.document);
  if (resolved === false) throw new Error('the schema `false` allows no value');
  if (resolved === true) return fc.jsonValue({ maxDepth: 2 });
  if ('const' in resolved) return fc.constant(resolved.const);
  if (Array.isArray(resolved.enum)) {
    if (resolved.enum.length === 0) throw new Error('an empty enum allows no value');
    return fc.constantFrom(...resolved.enum);
  }
  const branches = resolved.oneOf ?? resolved.anyOf;
  if (Array.isArray(branches)) {
    const { oneOf: _oneOf, anyOf: _anyOf, ...base } = resolved;
    return fc.oneof(
      ...(branches as JsonSchema[]).map((branch) =>
        build(mergeSchemas(base, branch, context.document), context, depth),
      ),
    );
  }
  const types = typesOf(resolved);
  if (types.length === 0) return fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(...types.map((type) => buildType(type, resolved, context, depth)));
}

function buildType(
  type: JsonType,
  schema: SchemaObject,
  context: Context,
  depth: number,
): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return integerFor(schema);
    case 'number':
      return numberFor(schema);
    case 'string':
      return stringFor(schema);
    case 'array':
      return arrayFor(schema, context, depth);
    case 'object':
      return objectFor(schema, context, depth);
  }
}

/** The inclusive bounds a number schema sets, from both the 2020-12 and the OpenAPI 3.0 spelling. */
export function boundsOf(schema: SchemaObject): {
  min?: number;
  max?: number;
  minExcluded: boolean;
  maxExcluded: boolean;
} {
  const num = (value: unknown) => (typeof value === 'number' ? value : undefined);
  let min = num(schema.minimum);
  let max = num(schema.maximum);
  let minExcluded = schema.exclusiveMinimum === true;
  let maxExcluded = schema.exclusiveMaximum === true;
  const exclusiveMin = num(schema.exclusiveMinimum);
  const exclusiveMax = num(schema.exclusiveMaximum);
  if (exclusiveMin !== undefined && (min === undefined || exclusiveMin >= min)) {
    min = exclusiveMin;
    minExcluded = true;
  }
  if (exclusiveMax !== undefined && (max === undefined || exclusiveMax <= max)) {
    max = exclusiveMax;
    maxExcluded = true;
  }
  return {
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    minExcluded,
    maxExcluded,
  };
}

function integerFor(schema: SchemaObject): fc.Arbitrary<number> {
  const bounds = boundsOf(schema);
  let min =
    bounds.min === undefined
      ? -(2 ** 31)
      : bounds.minExcluded
        ? Math.floor(bounds.min) + 1
        : Math.ceil(bounds.min);
  let max =
    bounds.max === undefined
      ? 2 ** 31
      : bounds.maxExcluded
        ? Math.ceil(bounds.max) - 1
        : Math.floor(bounds.max);
  min = Math.max(min, Number.MIN_SAFE_INTEGER);
  max = Math.min(max, Number.MAX_SAFE_INTEGER);
  const step =
    typeof schema.multipleOf === 'number' && Number.isInteger(schema.multipleOf) ? schema.multipleOf : 1;
  if (min > max) throw new Error(`no integer lies in [${min}, ${max}]`);
  return fc.integer({ min: Math.ceil(min / step), max: Math.floor(max / step) }).map((n) => n * step);
}

function numberFor(schema: SchemaObject): fc.Arbitrary<number> {
  const { min, max, minExcluded, maxExcluded } = boundsOf(schema);
  return fc.double({
    ...(min !== undefined ? { min, minExcluded } : {}),
    ...(max !== undefined ? { max, maxExcluded } : {}),
    noNaN: true,
    noDefaultInfinity: true,
  });
}

/** Length as JSON Schema counts it: in code points, not UTF-16 units. */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

const DAY_MS = 86_400_000;
const dates = fc.date({
  min: new Date(Date.UTC(1970, 0, 1)),
  max: new Date(Date.UTC(2100, 0, 1)),
  noInvalidDate: true,
});
const label = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);

// conservative values: what any server's validator of that format accepts
const FORMATS: Record<string, fc.Arbitrary<string>> = {
  email: fc
    .tuple(label, fc.option(label, { nil: undefined }), label, fc.constantFrom('com', 'org', 'net', 'io'))
    .map(([user, tag, domain, tld]) => `${user}${tag ? `.${tag}` : ''}@${domain}.${tld}`),
  uri: fc.webUrl({ validSchemes: ['https', 'http'] }),
  url: fc.webUrl({ validSchemes: ['https', 'http'] }),
  uuid: fc.uuid(),
  'date-time': dates.map((date) => date.toISOString()),
  date: dates.map((date) =>
    new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS).toISOString().slice(0, 10),
  ),
  hostname: fc.domain(),
  ipv4: fc.ipV4(),
  ipv6: fc.ipV6(),
};

function patternOf(schema: SchemaObject): RegExp | undefined {
  if (typeof schema.pattern !== 'string') return undefined;
  return new RegExp(schema.pattern, 'u');
}

function stringFor(schema: SchemaObject): fc.Arbitrary<string> {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const declaredMax = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  const maxLength = Math.min(declaredMax, minLength + 24);
  const pattern = patternOf(schema);
  const fits = (value: string) => {
    const length = codePointLength(value);
    return length >= minLength && length <= declaredMax && (!pattern || pattern.test(value));
  };
  const byFormat = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
  if (byFormat) return byFormat.filter(fits);
  if (pattern) return matching(schema.pattern as string).filter(fits);
  return fc
    .oneof(
      { weight: 4, arbitrary: fc.string({ minLength, maxLength }) },
      { weight: 1, arbitrary: fc.string({ minLength, maxLength, unit: 'grapheme' }) },
    )
    .filter(fits);
}

function matching(pattern: string): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(new RegExp(pattern, 'u'));
  } catch {
    // fast-check reads most, not all, regular expressions; a plain one may still parse
    return fc.stringMatching(new RegExp(pattern));
  }
}

function arrayFor(schema: SchemaObject, context: Context, depth: number): fc.Arbitrary<unknown[]> {
  const minItems = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const room = depth >= context.maxDepth ? 0 : context.maxItems;
  const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as JsonSchema[]) : [];
  const maxItems = Math.max(
    minItems,
    Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : Infinity, minItems + room),
  );
  const rest =
    schema.items === false
      ? undefined
      : build((schema.items as JsonSchema | undefined) ?? true, context, depth + 1);
  const head = fc.tuple(...prefix.map((item) => build(item, context, depth + 1)));
  const tailMin = Math.max(0, minItems - prefix.length);
  const tailMax = rest ? Math.max(tailMin, maxItems - prefix.length) : 0;
  const tail = rest
    ? schema.uniqueItems === true
      ? fc.uniqueArray(rest, { minLength: tailMin, maxLength: tailMax, selector: (v) => JSON.stringify(v) })
      : fc.array(rest, { minLength: tailMin, maxLength: tailMax })
    : fc.constant([]);
  return fc.tuple(head, tail).map(([first, more]) => [...first, ...more]);
}

function objectFor(
  schema: SchemaObject,
  context: Context,
  depth: number,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const deep = depth >= context.maxDepth;
  const extra = schema.additionalProperties;
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (deep && !required.has(name)) continue;
    model[name] = build(property, context, depth + 1);
  }
  // required names with no schema of their own take the schema of additional properties
  for (const name of required) {
    if (!(name in model))
      model[name] = build(typeof extra === 'object' ? (extra as JsonSchema) : true, context, depth + 1);
  }
  const known = fc.record(model, { requiredKeys: [...required] });
  if (typeof extra !== 'object' || extra === null || deep) return known;
  const keys = fc
    .string({ minLength: 1, maxLength: 12 })
    .filter((key) => !(key in properties) && key !== '__proto__');
  const extras = fc.dictionary(keys, build(extra as JsonSchema, context, depth + 1), {
    maxKeys: context.maxItems,
  });
  return fc.tuple(known, extras).map(([fixed, more]) => ({ ...more, ...fixed }));
}
