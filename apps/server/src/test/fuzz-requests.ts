// Requests for one OpenAPI operation, generated from its schemas: valid, mutated and malformed, sent
// with proper, missing or broken credentials. Turned into inject() options only when sent, so they
// use the personas' credentials as they are at that moment.
import {
  arbitraryFromSchema,
  hostileStrings,
  type JsonSchema,
  mutationFromSchema,
  withHostileText,
} from '@groundwork/grader';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import type { Persona } from './fuzz-personas';

type Parameter = {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
};
type MediaTypes = Record<string, { schema?: JsonSchema }>;

export type Operation = {
  operationId: string;
  method: string;
  path: string;
  access: string;
  parameters: Parameter[];
  body: JsonSchema | undefined;
  responses: Record<string, { content?: MediaTypes }>;
  /** The JSON pointer to the operation in the document, for validating its responses. */
  pointer: string;
};

/** Every operation in an OpenAPI document. */
export function operationsOf(document: {
  paths: Record<string, Record<string, Record<string, unknown>>>;
}): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => {
      const content = (op.requestBody as { content?: MediaTypes } | undefined)?.content;
      return {
        operationId: op.operationId as string,
        method: method.toUpperCase(),
        path,
        access: op['x-access'] as string,
        parameters: (op.parameters ?? []) as Parameter[],
        body: content?.['application/json']?.schema,
        responses: op.responses as Operation['responses'],
        pointer: `#/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/${method}`,
      };
    }),
  );
}

export type CallerKey = 'anonymous' | 'learner' | 'mentor' | 'admin';
export type Credential =
  | 'session'
  | 'no-csrf'
  | 'foreign-csrf'
  | 'bearer'
  | 'garbled-cookie'
  | 'garbled-bearer';
type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string; contentType: string | undefined };

export type FuzzRequest = {
  caller: CallerKey;
  credential: Credential;
  params: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  body: Body;
  /** What a garbled cookie or bearer credential sends. */
  garbled: { cookie: string; bearer: string };
};

const DEEP_JSON_LEVELS = 10_000;
const MALFORMED_JSON = [
  '',
  '{',
  '{"a":',
  '[1,2',
  '{"a":1}}',
  "{'a':1}",
  'nul',
  '\u0000',
  '{"a":"\\ud800"}',
  '{"status":"learning"',
  '[]',
  '"just a string"',
  '12',
  '['.repeat(DEEP_JSON_LEVELS),
  `${'['.repeat(DEEP_JSON_LEVELS)}${']'.repeat(DEEP_JSON_LEVELS)}`,
  `${'{"a":'.repeat(DEEP_JSON_LEVELS)}1${'}'.repeat(DEEP_JSON_LEVELS)}`,
];
const CONTENT_TYPES = [
  undefined,
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json',
  'application/problem+json',
  'application/jsonx',
];

/** A header-safe string: what an HTTP client can put in a header at all. */
const headerText = fc
  .string({ unit: 'binary-ascii', maxLength: 60 })
  .map((text) => text.replace(/[^\t\x20-\x7e]/g, '~'));
const garbledCookie = fc.oneof(
  headerText,
  headerText.map((value) => `gw_session=${value}`),
  headerText.map((value) => `gw_session=${value}; gw_csrf=${value}`),
  fc.constant(`gw_session=${'a'.repeat(8000)}`),
  fc.constant('gw_session=; gw_session=x; =; ;;'),
);
const garbledBearer = fc.oneof(
  headerText.map((value) => `Bearer ${value}`),
  headerText.map((value) => `Bearer gwp_${value}`),
  fc.constantFrom('Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'bearer gwp_', `Bearer gwp_${'A'.repeat(4000)}`),
);

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function parameterValue(
  schema: JsonSchema,
  document: unknown,
  pool: readonly string[] | undefined,
): fc.Arbitrary<string> {
  const options = { document, hugeLength: 5_000, nestingDepth: 50 };
  const choices = [
    { weight: 2, arbitrary: arbitraryFromSchema(schema, { document }).map(textOf) },
    { weight: 2, arbitrary: mutationFromSchema(schema, options).map(textOf) },
  ];
  if (pool && pool.length > 0) choices.push({ weight: 4, arbitrary: fc.constantFrom(...pool) });
  return fc.oneof(...choices);
}

function bodyOf(operation: Operation, document: unknown): fc.Arbitrary<Body> {
  const schema = operation.body;
  const raw = fc.record({
    kind: fc.constant('raw' as const),
    text: fc.constantFrom(...MALFORMED_JSON),
    contentType: fc.constantFrom('application/json', undefined),
  });
  const wrongType = fc.record({
    kind: fc.constant('raw' as const),
    text: fc.oneof(fc.constantFrom('a=1&b=2', '<a/>', '{"status":"done"}'), hostileStrings(5_000)),
    contentType: fc.constantFrom(...CONTENT_TYPES),
  });
  const none = fc.constant({ kind: 'none' as const });
  if (!schema) {
    return fc.oneof(
      { weight: 6, arbitrary: none },
      { weight: 1, arbitrary: raw },
      { weight: 1, arbitrary: wrongType },
    );
  }
  const json = (arbitrary: fc.Arbitrary<unknown>) =>
    arbitrary.map((value) => ({ kind: 'json' as const, value }));
  return fc.oneof(
    { weight: 3, arbitrary: json(arbitraryFromSchema(schema, { document })) },
    { weight: 3, arbitrary: json(withHostileText(arbitraryFromSchema(schema, { document }))) },
    { weight: 3, arbitrary: json(mutationFromSchema(schema, { document, hugeLength: 200_000 })) },
    { weight: 1, arbitrary: raw },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: none },
  );
}

/**
 * Requests for `operation`. `pools` offers real values by parameter name (ids of the personas' tokens,
 * submissions and users, topic ids…), so requests reach real resources, one's own and others'.
 */
export function requestsFor(
  operation: Operation,
  document: unknown,
  pools: Record<string, readonly string[]>,
): fc.Arbitrary<FuzzRequest> {
  const params: Record<string, fc.Arbitrary<string>> = {};
  const query: fc.Arbitrary<[string, string] | undefined>[] = [];
  const headers: Record<string, fc.Arbitrary<string>> = {};
  for (const parameter of operation.parameters) {
    const value = parameterValue(parameter.schema, document, pools[parameter.name]);
    if (parameter.in === 'path') {
      // an empty or dot segment would reach another route (trailing slashes are ignored), not this one
      params[parameter.name] = value.filter((text) => !['', '.', '..'].includes(text));
    } else if (parameter.in === 'query') {
      query.push(
        fc.option(
          value.map((text): [string, string] => [parameter.name, text]),
          { nil: undefined },
        ),
      );
    } else if (parameter.in === 'header') {
      headers[parameter.name] = value.map((text) => text.replace(/[^\t\x20-\x7e]/g, '~'));
    }
  }
  query.push(
    fc.option(
      fc
        .tuple(fc.constantFrom('unknown', 'limit', '__proto__', 'a[b]'), headerText)
        .map((pair): [string, string] => pair),
      { nil: undefined, freq: 4 },
    ),
  );
  const extraHeaders = fc.record(
    {
      'x-request-id': headerText,
      origin: fc.constantFrom('https://evil.example', 'null'),
      accept: headerText,
    },
    { requiredKeys: [] },
  );
  return fc.record({
    caller: fc.constantFrom<CallerKey>('anonymous', 'learner', 'mentor', 'admin'),
    credential: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom<Credential>('session', 'bearer') },
      {
        weight: 1,
        arbitrary: fc.constantFrom<Credential>('no-csrf', 'foreign-csrf', 'garbled-cookie', 'garbled-bearer'),
      },
    ),
    params: fc.record(params),
    query: fc
      .tuple(...query)
      .map((pairs) => pairs.filter((pair): pair is [string, string] => pair !== undefined)),
    headers: fc
      .tuple(fc.record(headers), extraHeaders)
      .map(([declared, extra]) => ({ ...extra, ...declared })),
    body: bodyOf(operation, document),
    garbled: fc.record({ cookie: garbledCookie, bearer: garbledBearer }),
  });
}

/** Whom a request authenticates as: its persona with working credentials, else no one. */
export function effectiveCaller(request: FuzzRequest, personas: Record<CallerKey, Persona | undefined>) {
  if (request.credential === 'garbled-cookie' || request.credential === 'garbled-bearer') return undefined;
  return personas[request.caller];
}

// a URL carries UTF-8, which has no lone surrogates: send U+FFFD, as a browser would
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** The inject() options for a request, with the personas' current credentials and a garbled value drawn. */
export function injectOptionsOf(
  operation: Operation,
  request: FuzzRequest,
  personas: Record<CallerKey, Persona | undefined>,
): InjectOptions {
  const { garbled } = request;
  let url = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(wellFormed(request.params[name] ?? '')),
  );
  if (request.query.length > 0) url += `?${new URLSearchParams(request.query).toString()}`;
  const headers: Record<string, string> = { ...request.headers };
  const persona = personas[request.caller];
  if (persona) {
    const other = Object.values(personas).find((candidate) => candidate && candidate !== persona);
    switch (request.credential) {
      case 'session':
        Object.assign(headers, persona.caller.writeHeaders);
        break;
      case 'no-csrf':
        Object.assign(headers, persona.caller.headers);
        break;
      case 'foreign-csrf':
        Object.assign(headers, persona.caller.headers, { 'x-csrf-token': other?.caller.csrfToken ?? 'x' });
        break;
      case 'bearer':
        headers.authorization = `Bearer ${persona.secret}`;
        break;
      case 'garbled-cookie':
        headers.cookie = garbled.cookie;
        break;
      case 'garbled-bearer':
        headers.authorization = garbled.bearer;
        break;
    }
  }
  const options: InjectOptions = { method: operation.method as 'GET', url, headers };
  if (request.body.kind === 'json') {
    options.payload = JSON.stringify(request.body.value) ?? 'null';
    headers['content-type'] = 'application/json';
  } else if (request.body.kind === 'raw') {
    options.payload = request.body.text;
    if (request.body.contentType) headers['content-type'] = request.body.contentType;
  }
  return options;
}
