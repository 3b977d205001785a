/** One field at fault, as the API's problem documents list them. */
export type FieldError = { field: string; message: string };

/** The RFC 9457 problem document every API error carries (see the server's error catalogue). */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
};

/** Field name → the first message about it. Fields the API could not attribute sit under `FORM_FIELD`. */
export type FieldErrors = Readonly<Record<string, string>>;

/** The key of messages that belong to the whole form rather than one field. */
export const FORM_FIELD = '(body)';

export const NETWORK_ERROR_CODE = 'network_error';
export const UNEXPECTED_RESPONSE_CODE = 'unexpected_response';

/**
 * A failed API call, ready for the UI: `message` is a plain sentence for people, `fieldErrors` go next to
 * the matching inputs, and `code` is the API's stable error code for decisions.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** The HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldErrors = {},
    readonly retryAfterSeconds: number | null = null,
    readonly requestId: string | null = null,
  ) {
    super(message);
  }

  /** True when no session (or token) is behind the call: the user is signed out. */
  get isUnauthenticated(): boolean {
    return this.status === 401 && this.code !== 'invalid_credentials';
  }

  get hasFieldErrors(): boolean {
    return Object.keys(this.fieldErrors).some((field) => field !== FORM_FIELD);
  }
}

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Problem>;
  return typeof candidate.code === 'string' && typeof candidate.status === 'number';
}

/** Seconds from a `Retry-After` header: a number of seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Collects each field's first message; an empty field name or `(body)` goes to the whole form. */
export function toFieldErrors(errors: readonly FieldError[] | undefined): FieldErrors {
  const collected: Record<string, string> = {};
  for (const { field, message } of errors ?? []) {
    const key = field === '' ? FORM_FIELD : field;
    collected[key] ??= message.endsWith('.') ? message : `${message}.`;
  }
  return collected;
}

function pluralSeconds(seconds: number): string {
  if (seconds < 90) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/** The sentence a person reads for a problem; codes the UI knows get friendlier words than `detail`. */
export function describeProblem(problem: Problem, retryAfterSeconds: number | null): string {
  switch (problem.code) {
    case 'invalid_credentials':
      return 'Wrong email or password. Check both and try again.';
    case 'rate_limited':
      return retryAfterSeconds === null
        ? `Too many attempts. ${problem.detail}`
        : `Too many attempts. Please wait ${pluralSeconds(retryAfterSeconds)} and try again.`;
    case 'unauthenticated':
      return 'Please sign in to continue.';
    case 'forbidden':
      return "You don't have permission to do this.";
    case 'csrf_token_invalid':
      return 'Your session is out of date. Reload the page and try again.';
    case 'last_admin':
      return 'This is the only admin. Make someone else an admin first, then change this role.';
    case 'validation_failed':
      return problem.errors?.length ? 'Some fields need your attention.' : problem.detail;
    case 'internal_error':
      return problem.requestId
        ? `Something went wrong on our side. Please try again. (Reference: ${problem.requestId})`
        : 'Something went wrong on our side. Please try again.';
    default:
      return problem.detail || problem.title;
  }
}

/** Builds the error for a non-2xx response from its (already parsed) body. */
export function toApiError(response: Response, body: unknown): ApiError {
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  if (!isProblem(body)) {
    const message =
      response.status >= 500
        ? 'The server had a problem answering. Please try again in a moment.'
        : `The server answered in a way we did not expect (HTTP ${response.status}).`;
    return new ApiError(response.status, UNEXPECTED_RESPONSE_CODE, message, {}, retryAfterSeconds);
  }
  return new ApiError(
    response.status,
    body.code,
    describeProblem(body, retryAfterSeconds),
    toFieldErrors(body.errors),
    retryAfterSeconds,
    body.requestId ?? response.headers.get('x-request-id'),
  );
}

export function toNetworkError(): ApiError {
  return new ApiError(
    0,
    NETWORK_ERROR_CODE,
    "We couldn't reach the Groundwork server. Check your connection and try again.",
  );
}

/** The sentence to show for any error a query or mutation can raise. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something unexpected happened. Please reload the page and try again.';
}
