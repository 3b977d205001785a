import { describeStatus, type Failure, fail, type HttpResponse } from '@groundwork/grader';

/** What an error response must be (a project spec's "Errors"): lenient on form, strict on status and field. */
export interface ErrorExpectation {
  /** The status the stage asks for, or the statuses it allows (`[400, 415]`). */
  status: number | readonly number[];
  /** For input errors: the field the body must name (`url`, `alias`, `limit`, …). */
  field?: string;
  /** The request in words, starting the hint: `POST /links with {"url":"not a url"}`. */
  request: string;
  /** The rule broken, in brackets after what was expected: `url is required`. */
  rule?: string;
  /** What probably went wrong, ending the hint after a colon when the status is wrong. */
  why?: string;
  topic?: string;
}

const MESSAGE_KEYS = ['detail', 'message', 'error', 'title'] as const;
const FIELD_KEYS = ['field', 'name', 'pointer', 'path'] as const;

/**
 * The response is the error the spec asks for: the right status, a JSON object (problem+json or json)
 * with a message, and, for input errors, the field at fault named in one of the accepted ways.
 * @example expectJsonError(res, { status: 400, field: 'url', request: 'POST /links with {}' })
 */
export function expectJsonError(res: HttpResponse, expectation: ErrorExpectation): Failure | undefined {
  const statuses = typeof expectation.status === 'number' ? [expectation.status] : expectation.status;
  const wanted = `${listStatuses(statuses)} with a JSON error${expectation.field ? ` naming "${expectation.field}"` : ''}`;
  const because = expectation.why ? `: ${expectation.why}` : '';
  const rule = expectation.rule ? ` (${expectation.rule})` : '';
  const failure = (actual: string, hint: string): Failure =>
    fail({
      expected: wanted,
      actual,
      hint,
      exchange: res.exchange,
      ...(expectation.topic ? { topic: expectation.topic } : {}),
    });

  if (!statuses.includes(res.status)) {
    return failure(
      `status ${describeStatus(res.status)}`,
      `${expectation.request} should answer ${wanted}${rule}, but it answered ${describeStatus(res.status)}${because}.`,
    );
  }
  const contentType = res.header('content-type');
  if (!isJsonMediaType(contentType)) {
    return failure(
      contentType ? `content-type ${contentType}` : 'no content-type header',
      `${expectation.request} answered ${describeStatus(res.status)} as expected, but the error should be JSON (Content-Type: application/problem+json or application/json) and it came as ${contentType ?? 'no content type at all'}.`,
    );
  }
  const body = res.json();
  if (!isObject(body)) {
    return failure(
      body === undefined ? 'a body that is not JSON' : `the JSON ${describeJson(body)}`,
      `${expectation.request} answered ${describeStatus(res.status)} as expected, but its body should be a JSON object describing the error and it is ${body === undefined ? 'not valid JSON' : describeJson(body)}.`,
    );
  }
  if (!MESSAGE_KEYS.some((key) => isNonEmptyString(body[key]))) {
    return failure(
      `the error ${describeJson(body)}`,
      `${expectation.request} answered ${describeStatus(res.status)} as expected, but the error should carry a message in "detail", "message", "error" or "title" and it has none.`,
    );
  }
  if (expectation.field !== undefined && !namesField(body, expectation.field)) {
    return failure(
      `the error ${describeJson(body)}`,
      `${expectation.request} answered ${describeStatus(res.status)} as expected, but the error should say which input is at fault ("field": "${expectation.field}") and it does not name "${expectation.field}".`,
    );
  }
  return undefined;
}

/**
 * The spec's accepted ways of naming the field at fault: `field`, an `errors` array (items with
 * field/name/pointer/path), an `errors` object keyed by field, or RFC 9457's `invalid-params` array.
 * @example namesField({ errors: [{ pointer: '/url' }] }, 'url') // true
 */
export function namesField(body: Record<string, unknown>, field: string): boolean {
  const spellings = new Set([field, `/${field}`, `#/${field}`]);
  const isField = (value: unknown) => typeof value === 'string' && spellings.has(value);
  const { errors } = body;
  const invalidParams = body['invalid-params'];
  return (
    isField(body.field) ||
    (Array.isArray(errors) &&
      errors.some((item) => isObject(item) && FIELD_KEYS.some((key) => isField(item[key])))) ||
    (isObject(errors) && Object.hasOwn(errors, field)) ||
    (Array.isArray(invalidParams) && invalidParams.some((item) => isObject(item) && isField(item.name)))
  );
}

/**
 * `application/json`, `application/problem+json` or any other `+json`, whatever the parameters.
 * @example isJsonMediaType(res.header('content-type'))
 */
export function isJsonMediaType(contentType: string | undefined): boolean {
  const media = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return media === 'application/json' || /^application\/[\w.-]+\+json$/.test(media);
}

/**
 * A JSON object (not an array, not null).
 * @example if (!isObject(res.json())) return fail({ ... });
 */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * A JSON value as hints quote it, shortened to 160 characters.
 * @example `it answered ${describeJson(body)}`
 */
export function describeJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

function listStatuses(statuses: readonly number[]): string {
  const names = statuses.map(describeStatus);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}
