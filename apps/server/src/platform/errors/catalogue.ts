/**
 * Every error a client can receive, in one place: a stable code, its HTTP status, a safe title, and the
 * documentation served at /problems/<code>. Tests fail when a code is thrown but not listed here.
 */
export type ErrorSpec = Readonly<{ status: number; title: string; description: string }>;

export const ERROR_CATALOGUE = {
  validation_failed: {
    status: 400,
    title: 'Some fields are invalid',
    description:
      'The request was understood, but one or more fields are missing, have the wrong type, are not allowed, ' +
      'or break a rule. `errors` lists each field at fault with a message.',
  },
  malformed_json: {
    status: 400,
    title: 'The body is not valid JSON',
    description: 'The request body could not be parsed as JSON. `detail` says where parsing stopped.',
  },
  bad_request: {
    status: 400,
    title: 'Bad request',
    description: 'The request could not be understood, for example because of an invalid header or URL.',
  },
  unauthenticated: {
    status: 401,
    title: 'You need to sign in',
    description:
      'This route needs a signed-in user: a session cookie from the web app, or a personal access token sent ' +
      'as `Authorization: Bearer <token>`. The token may have been revoked or have expired.',
  },
  invalid_credentials: {
    status: 401,
    title: 'Wrong email or password',
    description:
      'The email and password do not match an account. The same answer is given for an unknown email and a ' +
      'wrong password, so that accounts cannot be discovered this way.',
  },
  forbidden: {
    status: 403,
    title: 'You are not allowed to do this',
    description: 'You are signed in, but your role does not allow this action.',
  },
  csrf_token_invalid: {
    status: 403,
    title: 'Missing or wrong CSRF token',
    description:
      'Writes authenticated by the session cookie must send the CSRF token from the `gw_csrf` cookie (also ' +
      'returned at sign-up and log-in) in the `X-CSRF-Token` header. This protects you from other sites ' +
      'making requests in your name.',
  },
  origin_not_allowed: {
    status: 403,
    title: 'This request came from another site',
    description:
      'Sign-up, log-in and other writes that set a session cookie are only accepted from pages of this ' +
      'instance (or an origin in its `CORS_ORIGINS`): the browser sent an `Origin` header naming another ' +
      'site. This stops a page elsewhere from signing you in, or up, in its own name.',
  },
  not_found: {
    status: 404,
    title: 'Not found',
    description: 'Nothing exists at this URL, or it belongs to someone else.',
  },
  email_taken: {
    status: 409,
    title: 'This email already has an account',
    description: 'Sign in instead, or use another email address.',
  },
  last_admin: {
    status: 409,
    title: 'The last admin cannot lose the role',
    description: 'An instance always keeps at least one admin. Make someone else an admin first.',
  },
  topic_archived: {
    status: 409,
    title: 'This topic was removed from the roadmap',
    description:
      'The topic is no longer on the roadmap. Your progress on it is kept and still listed (flagged as ' +
      'archived), but it can no longer change.',
  },
  submission_finished: {
    status: 409,
    title: 'This submission has finished',
    description:
      'A submission can be cancelled only while it is queued or running. Its result stays as it is; submit ' +
      'again to grade your server once more.',
  },
  request_timeout: {
    status: 408,
    title: 'The request took too long to arrive',
    description:
      'The server stopped waiting for the rest of the request (its headers or body). Check the connection and ' +
      'send it again.',
  },
  body_too_large: {
    status: 413,
    title: 'The body is too large',
    description: 'The request body is larger than this server accepts. `detail` gives the limit.',
  },
  host_not_allowed: {
    status: 421,
    title: 'This server does not answer to that host name',
    description:
      'The `Host` header names neither this machine (`localhost`, `127.0.0.1`, `[::1]`, `*.localhost`), nor ' +
      'the host of `PUBLIC_URL`, nor the address in `HOST`. Requests through any other name are refused so ' +
      'that a web page cannot reach this instance by pointing a name of its own at it (DNS rebinding). An ' +
      'operator whose users reach the instance by another name sets `PUBLIC_URL` to it.',
  },
  unsupported_media_type: {
    status: 415,
    title: 'Send JSON',
    description: 'Request bodies must be JSON, sent with `Content-Type: application/json`.',
  },
  headers_too_large: {
    status: 431,
    title: 'The request headers are too large',
    description:
      'The request headers together are larger than this server accepts. A cookie jar that has grown too big ' +
      'is the usual cause: clear the cookies for this site.',
  },
  rate_limited: {
    status: 429,
    title: 'Too many requests',
    description:
      'You made too many requests in a short time. Wait for the number of seconds in the `Retry-After` header, ' +
      'then try again.',
  },
  submission_in_progress: {
    status: 429,
    title: 'You already have a submission being graded',
    description:
      'Each learner has one server-side grading run at a time. Wait for it to finish (or cancel it), then ' +
      'submit again. `detail` names the submission in progress.',
  },
  upgrade_required: {
    status: 426,
    title: 'Connect with a WebSocket',
    description:
      'This URL streams live events over a WebSocket. Open it with a WebSocket client (`ws://` or `wss://`) ' +
      'instead of a plain HTTP request.',
  },
  internal_error: {
    status: 500,
    title: 'Something went wrong on our side',
    description:
      'An unexpected error happened. It has been logged with the request id; quote `requestId` when you report it.',
  },
  not_ready: {
    status: 503,
    title: 'Not ready',
    description:
      'The server cannot serve requests right now: its database is unreachable or it is shutting down.',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CATALOGUE, value);
}

/** The problem `type` URI for a code; it resolves on this server to the code's documentation. */
export function problemType(code: ErrorCode): string {
  return `/problems/${code}`;
}
