import { STATUS_CODES } from 'node:http';
import { pathOf } from '../http/exchange-error';
import type { HttpResponse } from '../http/types';
import { describeCompression } from './content-encoding';
import { describeExpected, describeValue, type Expected, findMismatch, is, isMatcher } from './matchers';
import type { Failure } from './verdict';

/** Overrides for a failure's topic (default: the check's) and learner-facing sentence. */
export interface ExpectOptions {
  topic?: string;
  hint?: string;
}

/** Every redirect status; pass a subset when the contract allows fewer. */
export const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const;

/**
 * Each helper returns a Failure (with expected, actual and the exchange) or undefined, so a check
 * chains them with `??` and ends with `pass()`:
 * @example return expectStatus(res, [201]) ?? expectJsonField(res, 'code', is.nonEmptyString()) ?? pass();
 */
function failure(
  res: HttpResponse,
  expected: string,
  actual: string,
  hint: string,
  options: ExpectOptions,
): Failure {
  const result: Failure = {
    status: 'fail',
    expected,
    actual,
    hint: options.hint ?? hint,
    exchange: res.exchange,
  };
  if (options.topic !== undefined) result.topic = options.topic;
  return result;
}

function requestOf(res: HttpResponse): string {
  return `${res.method} ${pathOf(res.url)}`;
}

/** `201 Created` */
export function describeStatus(status: number): string {
  const reason = STATUS_CODES[status];
  return reason ? `${status} ${reason}` : String(status);
}

function describeStatuses(statuses: readonly number[]): string {
  const names = statuses.map(describeStatus);
  if (names.length <= 1) return names[0] ?? 'no status';
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/**
 * The status is one of `allowed`.
 * @example expectStatus(res, [301, 302, 307, 308])
 */
export function expectStatus(
  res: HttpResponse,
  allowed: number | readonly number[],
  options: ExpectOptions = {},
): Failure | undefined {
  const statuses = typeof allowed === 'number' ? [allowed] : allowed;
  if (statuses.includes(res.status)) return undefined;
  const expected = `status ${describeStatuses(statuses)}`;
  const actual = `status ${describeStatus(res.status)}`;
  return failure(
    res,
    expected,
    actual,
    `${requestOf(res)} should answer ${describeStatuses(statuses)}, but it answered ${describeStatus(res.status)}.`,
    options,
  );
}

/**
 * A header is present (default) or matches `expected`; names are case-insensitive.
 * @example expectHeader(res, 'cache-control', is.matching(/no-store/))
 */
export function expectHeader(
  res: HttpResponse,
  name: string,
  expected: Expected = is.present(),
  options: ExpectOptions = {},
): Failure | undefined {
  const value = res.header(name);
  const mismatch = findMismatch(expected, value);
  if (!mismatch) return undefined;
  const isPresence = isMatcher(expected) && expected.description === is.present().description;
  const want = isPresence ? `a ${name} header` : `a ${name} header with ${describeExpected(expected)}`;
  const got = value === undefined ? `no ${name} header` : `${name}: ${value}`;
  return failure(res, want, got, `${requestOf(res)} should send ${want}, but it sent ${got}.`, options);
}

/** A header is absent (e.g. `x-powered-by`). */
export function expectNoHeader(
  res: HttpResponse,
  name: string,
  options: ExpectOptions = {},
): Failure | undefined {
  const value = res.header(name);
  if (value === undefined) return undefined;
  return failure(
    res,
    `no ${name} header`,
    `${name}: ${value}`,
    `${requestOf(res)} should not send a ${name} header, but it sent "${value}".`,
    options,
  );
}

/**
 * The media type is one of `allowed`, ignoring case and parameters such as charset.
 * `application/json` also accepts `application/<anything>+json` (e.g. problem+json).
 * @example expectContentType(res, 'application/json')
 */
export function expectContentType(
  res: HttpResponse,
  allowed: string | readonly string[],
  options: ExpectOptions = {},
): Failure | undefined {
  const types = (typeof allowed === 'string' ? [allowed] : allowed).map((t) => t.toLowerCase());
  const header = res.header('content-type');
  const media = header?.split(';')[0]?.trim().toLowerCase();
  const isJsonSuffix =
    media !== undefined && types.includes('application/json') && /^application\/[\w.-]+\+json$/.test(media);
  if (media !== undefined && (types.includes(media) || isJsonSuffix)) return undefined;
  const want = `content-type ${types.join(' or ')}`;
  const got = header === undefined ? 'no content-type header' : `content-type ${header}`;
  return failure(
    res,
    want,
    got,
    `${requestOf(res)} should answer with ${want}, but it sent ${got}.`,
    options,
  );
}

/**
 * The body is JSON and matches `expected` (objects partially: extra fields and order don't matter).
 * @example expectJson(res, { url: original, code: is.nonEmptyString() })
 */
export function expectJson(
  res: HttpResponse,
  expected: Expected = is.anything(),
  options: ExpectOptions = {},
) {
  return expectJsonAt(res, undefined, expected, options);
}

/**
 * The JSON field at `path` (dots and [index], e.g. `items[0].url`) matches `expected`.
 * @example expectJsonField(res, 'clicks', 50)
 */
export function expectJsonField(
  res: HttpResponse,
  path: string,
  expected: Expected,
  options: ExpectOptions = {},
): Failure | undefined {
  return expectJsonAt(res, path, expected, options);
}

function expectJsonAt(
  res: HttpResponse,
  path: string | undefined,
  expected: Expected,
  options: ExpectOptions,
): Failure | undefined {
  const body = res.json();
  const compression = body === undefined ? describeCompression(res) : undefined;
  if (compression !== undefined) {
    return failure(
      res,
      'a JSON body',
      `a body ${compression}`,
      `${requestOf(res)} should answer with a JSON body, but the body is ${compression}.`,
      options,
    );
  }
  if (body === undefined) {
    const excerpt = describeValue(res.text().slice(0, 120));
    return failure(
      res,
      'a JSON body',
      res.body.length === 0 ? 'an empty body' : `a body that is not JSON: ${excerpt}`,
      `${requestOf(res)} should answer with a JSON body, but the body is ${res.body.length === 0 ? 'empty' : 'not valid JSON'}.`,
      options,
    );
  }
  const value = path === undefined ? body : readPath(body, path);
  const mismatch = findMismatch(expected, value, path === undefined ? '$' : `$.${path}`);
  if (!mismatch) return undefined;
  const where = mismatch.path === '$' ? 'the body' : mismatch.path.slice(2);
  return failure(
    res,
    `${where}: ${mismatch.expected}`,
    `${where}: ${mismatch.actual}`,
    `In the JSON from ${requestOf(res)}, ${where} should be ${mismatch.expected}, but it is ${mismatch.actual}.`,
    options,
  );
}

/** Reads `a.b[0].c` (or `a.b.0.c`) from a parsed JSON value. */
export function readPath(value: unknown, path: string): unknown {
  const keys = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  let current: unknown = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * A redirect: one of `statuses` (default any redirect status) and, when given, a Location that
 * resolves (relative or absolute) to `location`.
 * @example expectRedirect(res, { statuses: [301, 302, 307, 308], location: originalUrl })
 */
export function expectRedirect(
  res: HttpResponse,
  { statuses = REDIRECT_STATUSES, location }: { statuses?: readonly number[]; location?: string } = {},
  options: ExpectOptions = {},
): Failure | undefined {
  const statusFailure = expectStatus(res, statuses, options);
  if (statusFailure || location === undefined) return statusFailure;
  const header = res.header('location');
  const resolved = header === undefined ? undefined : resolveLocation(header, res.url);
  if (resolved !== undefined && resolved === resolveLocation(location, res.url)) return undefined;
  const got = header === undefined ? 'no location header' : `location: ${header}`;
  return failure(
    res,
    `location: ${location}`,
    got,
    `${requestOf(res)} should redirect to ${location}, but it sent ${got}.`,
    options,
  );
}

function resolveLocation(location: string, base: string): string | undefined {
  try {
    return new URL(location, base).href;
  } catch {
    return undefined;
  }
}

/**
 * A condition about a response the other helpers do not cover.
 * @example expectThat(res, clicks === 50, { expected: 'clicks = 50', actual: `clicks = ${clicks}` })
 */
export function expectThat(
  res: HttpResponse,
  condition: boolean,
  details: { expected: string; actual: string; hint?: string; topic?: string },
): Failure | undefined {
  if (condition) return undefined;
  const hint = details.hint ?? `${requestOf(res)}: expected ${details.expected}, but got ${details.actual}.`;
  const options: ExpectOptions = details.topic === undefined ? {} : { topic: details.topic };
  return failure(res, details.expected, details.actual, hint, options);
}
