import type { JsonSchema } from '../authoring/schema';

/** A schema object (not `true`/`false`), as the generators walk it. */
export type SchemaObject = Record<string, unknown>;

const MAX_REF_HOPS = 64;

/** Reads a `#/a/b~1c` JSON pointer inside `document`; undefined when it leads nowhere. */
export function readPointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) throw new Error(`only local $refs are supported, not ${ref}`);
  const parts = ref
    .slice(1)
    .split('/')
    .slice(1)
    .map((part) => decodeURIComponent(part).replaceAll('~1', '/').replaceAll('~0', '~'));
  let node = document;
  for (const part of parts) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * Follows `$ref` (into `document`) and flattens `allOf`, so the result says directly what a value must
 * be. Keywords beside a `$ref` apply too, as in JSON Schema 2020-12.
 */
export function resolveSchema(schema: JsonSchema, document: unknown): JsonSchema {
  let current = schema;
  for (let hop = 0; hop < MAX_REF_HOPS; hop++) {
    if (typeof current === 'boolean') return current;
    if (typeof current.$ref === 'string') {
      const target = readPointer(document, current.$ref);
      if (target === undefined) throw new Error(`$ref ${current.$ref} points at nothing in the document`);
      const { $ref: _ref, ...siblings } = current;
      current = mergeSchemas(target as JsonSchema, siblings, document);
      continue;
    }
    if (Array.isArray(current.allOf)) {
      const { allOf, ...rest } = current;
      current = (allOf as JsonSchema[]).reduce<JsonSchema>(
        (merged, part) => mergeSchemas(merged, part, document),
        rest,
      );
      continue;
    }
    return current;
  }
  throw new Error('$ref chain too long (a cycle?)');
}

const LOWER_BOUNDS = new Set(['minimum', 'exclusiveMinimum', 'minLength', 'minItems']);
const UPPER_BOUNDS = new Set(['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems']);

/** The schema both `a` and `b` describe (a practical intersection, enough for allOf in API documents). */
export function mergeSchemas(a: JsonSchema, b: JsonSchema, document: unknown): JsonSchema {
  if (a === false || b === false) return false;
  if (a === true) return b;
  if (b === true) return a;
  const left = resolveSchema(a, document) as SchemaObject | boolean;
  const right = resolveSchema(b, document) as SchemaObject | boolean;
  if (typeof left === 'boolean' || typeof right === 'boolean') return mergeSchemas(left, right, document);
  const merged: SchemaObject = { ...left };
  for (const [key, value] of Object.entries(right)) {
    const before = merged[key];
    if (before === undefined) merged[key] = value;
    else if (LOWER_BOUNDS.has(key)) merged[key] = Math.max(before as number, value as number);
    else if (UPPER_BOUNDS.has(key)) merged[key] = Math.min(before as number, value as number);
    else if (key === 'required')
      merged[key] = [...new Set([...(before as string[]), ...(value as string[])])];
    else if (key === 'properties') {
      const properties: Record<string, JsonSchema> = { ...(before as Record<string, JsonSchema>) };
      for (const [name, schema] of Object.entries(value as Record<string, JsonSchema>)) {
        const existing = properties[name];
        properties[name] = existing === undefined ? schema : mergeSchemas(existing, schema, document);
      }
      merged[key] = properties;
    } else if (key === 'enum')
      merged[key] = (before as unknown[]).filter((v) => (value as unknown[]).includes(v));
    else merged[key] = value;
  }
  return merged;
}

const JSON_TYPES = ['null', 'boolean', 'integer', 'number', 'string', 'array', 'object'] as const;
export type JsonType = (typeof JSON_TYPES)[number];

/** The JSON types a (resolved) schema allows, from `type`, OpenAPI 3.0's `nullable`, or its keywords. */
export function typesOf(schema: SchemaObject): JsonType[] {
  const declared = schema.type;
  let types: JsonType[];
  if (Array.isArray(declared)) types = declared.filter((t): t is JsonType => JSON_TYPES.includes(t));
  else if (typeof declared === 'string' && JSON_TYPES.includes(declared as JsonType))
    types = [declared as JsonType];
  else if ('properties' in schema || 'required' in schema || 'additionalProperties' in schema)
    types = ['object'];
  else if ('items' in schema || 'prefixItems' in schema || 'minItems' in schema) types = ['array'];
  else if ('minLength' in schema || 'maxLength' in schema || 'pattern' in schema || 'format' in schema)
    types = ['string'];
  else if ('minimum' in schema || 'maximum' in schema || 'multipleOf' in schema) types = ['number'];
  else types = [];
  if (schema.nullable === true && !types.includes('null')) types.push('null');
  return types;
}
