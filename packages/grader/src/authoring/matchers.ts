/** A named test on a value; its `description` completes "expected …" in failure output. */
export interface Matcher {
  readonly description: string;
  test(value: unknown): boolean;
}

/**
 * What a value should be: a matcher, or a literal. Literal objects match partially (extra fields
 * are ignored, order never matters); literal arrays match element by element; primitives by `===`.
 */
export type Expected = Matcher | string | number | boolean | null | readonly Expected[] | ExpectedObject;
export interface ExpectedObject {
  readonly [key: string]: Expected | undefined;
}

/** Where a value first differs from what was expected. */
export interface Mismatch {
  /** JSON-path-like location, `$` for the value itself, e.g. `$.items[0].url`. */
  path: string;
  expected: string;
  actual: string;
}

const MATCHER = Symbol('groundwork.matcher');

function matcher(description: string, test: (value: unknown) => boolean): Matcher {
  return { [MATCHER]: true, description, test } as Matcher;
}

export function isMatcher(value: unknown): value is Matcher {
  return typeof value === 'object' && value !== null && MATCHER in value;
}

/**
 * Matchers for checks that are lenient on form and strict on meaning.
 * @example expectJsonField(res, 'shortUrl', is.httpUrl())
 */
export const is = {
  anything: () => matcher('anything', () => true),
  present: () => matcher('a value', (v) => v !== undefined && v !== null),
  absent: () => matcher('no value (the field left out)', (v) => v === undefined),
  string: () => matcher('a string', (v) => typeof v === 'string'),
  nonEmptyString: () => matcher('a non-empty string', (v) => typeof v === 'string' && v.trim() !== ''),
  number: () => matcher('a number', (v) => typeof v === 'number' && Number.isFinite(v)),
  integer: () => matcher('an integer', (v) => Number.isInteger(v)),
  boolean: () => matcher('true or false', (v) => typeof v === 'boolean'),
  atLeast: (min: number) => matcher(`a number ≥ ${min}`, (v) => typeof v === 'number' && v >= min),
  oneOf: (...values: readonly (string | number | boolean | null)[]) =>
    matcher(`one of ${values.map((v) => JSON.stringify(v)).join(', ')}`, (v) => values.includes(v as never)),
  matching: (pattern: RegExp, description = `text matching ${pattern}`) =>
    matcher(description, (v) => typeof v === 'string' && pattern.test(v)),
  startingWith: (prefix: string) =>
    matcher(
      `text starting with ${JSON.stringify(prefix)}`,
      (v) => typeof v === 'string' && v.startsWith(prefix),
    ),
  /** Any absolute http(s) URL. */
  httpUrl: () => matcher('an absolute http(s) URL', (v) => typeof v === 'string' && isHttpUrl(v)),
  isoDateTime: () =>
    matcher(
      'an ISO 8601 date-time',
      (v) => typeof v === 'string' && ISO_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)),
    ),
  /** An array whose items all match `item`, with an optional length range. */
  arrayOf: (item: Expected, { minLength = 0, maxLength = Number.POSITIVE_INFINITY } = {}) =>
    matcher(
      `a list of ${describeExpected(item)}${minLength > 0 ? ` (at least ${minLength})` : ''}`,
      (v) =>
        Array.isArray(v) &&
        v.length >= minLength &&
        v.length <= maxLength &&
        v.every((entry) => findMismatch(item, entry) === undefined),
    ),
  /** Exactly this value, extra fields included. */
  equal: (expected: unknown) => matcher(JSON.stringify(expected), (v) => isDeepEqual(expected, v)),
  /** Your own rule, with the words for failure output. */
  where: (description: string, test: (value: unknown) => boolean) => matcher(description, test),
} as const;

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The first place `actual` differs from `expected`, or undefined when it matches. */
export function findMismatch(expected: Expected, actual: unknown, path = '$'): Mismatch | undefined {
  if (isMatcher(expected)) {
    return expected.test(actual)
      ? undefined
      : { path, expected: expected.description, actual: describeValue(actual) };
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return { path, expected: 'a list', actual: describeValue(actual) };
    if (actual.length !== expected.length) {
      return { path, expected: `a list of ${expected.length}`, actual: `a list of ${actual.length}` };
    }
    for (const [index, item] of expected.entries()) {
      const mismatch = findMismatch(item as Expected, actual[index], `${path}[${index}]`);
      if (mismatch) return mismatch;
    }
    return undefined;
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) {
      return { path, expected: 'an object', actual: describeValue(actual) };
    }
    for (const [key, value] of Object.entries(expected)) {
      if (value === undefined) continue;
      const mismatch = findMismatch(
        value as Expected,
        (actual as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (mismatch) return mismatch;
    }
    return undefined;
  }
  return expected === actual
    ? undefined
    : { path, expected: JSON.stringify(expected), actual: describeValue(actual) };
}

export function describeExpected(expected: Expected): string {
  if (isMatcher(expected)) return expected.description;
  return truncate(JSON.stringify(expected), 120);
}

/** A value as failure output shows it: JSON, truncated; a missing field in words. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  return truncate(JSON.stringify(value) ?? String(value), 120);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function isDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) =>
    isDeepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
