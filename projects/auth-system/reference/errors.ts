import { STATUS_CODES } from 'node:http';

/** An error the client caused or should know about; everything else is a bug and answers a plain 500. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly field?: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

const retryAfter = (seconds: number) => ({ 'retry-after': String(seconds) });

/** The error catalogue: every error a client can see from this API, each with a stable code. */
export const problems = {
  invalidField: (field: string, detail: string) => new ProblemError(400, 'invalid-field', detail, field),
  invalidBody: () => new ProblemError(400, 'invalid-body', 'The request body must be a JSON object.'),
  // one answer for every link that cannot be used (unknown, used, expired): none says which
  invalidLink: () =>
    new ProblemError(400, 'invalid-link', 'This link is invalid or has expired; ask for a new one.', 'token'),
  // one message for an unknown email and a wrong password, so neither tells which emails have accounts
  badCredentials: () => new ProblemError(401, 'bad-credentials', 'The email or password is wrong.'),
  emailNotVerified: () =>
    new ProblemError(403, 'email-not-verified', 'Verify your email first: follow the link we sent you.'),
  totpRequired: () =>
    new ProblemError(401, 'totp-required', 'This account uses two-factor: send totpCode or recoveryCode.'),
  badSecondFactor: () => new ProblemError(401, 'bad-second-factor', 'The code is wrong or was already used.'),
  unauthenticated: () =>
    new ProblemError(
      401,
      'unauthenticated',
      'Sign in first: send Authorization: Bearer <access token>.',
      undefined,
      {
        'www-authenticate': 'Bearer',
      },
    ),
  badRefreshToken: () =>
    new ProblemError(
      401,
      'bad-refresh-token',
      'The refresh token is missing, expired or revoked: log in again.',
    ),
  forbidden: () => new ProblemError(403, 'forbidden', 'Your role does not allow this.'),
  notEnrolling: () =>
    new ProblemError(409, 'totp-not-enrolling', 'Start enrolment with POST /auth/totp/enroll first.'),
  badTotpCode: () => new ProblemError(400, 'bad-totp-code', 'The code does not match the secret.', 'code'),
  tooManyLogIns: (seconds: number) =>
    new ProblemError(
      429,
      'too-many-log-ins',
      'Too many failed log-ins; try again later.',
      undefined,
      retryAfter(seconds),
    ),
  tooManyResets: (seconds: number) =>
    new ProblemError(
      429,
      'too-many-resets',
      'Too many reset requests; try again later.',
      undefined,
      retryAfter(seconds),
    ),
  tooManyCodes: (seconds: number) =>
    new ProblemError(
      429,
      'too-many-codes',
      'Too many wrong codes; try again later.',
      undefined,
      retryAfter(seconds),
    ),
  sessionNotFound: () => new ProblemError(404, 'session-not-found', 'No session of yours has this id.'),
  userNotFound: () => new ProblemError(404, 'user-not-found', 'No user has this id.'),
  routeNotFound: () => new ProblemError(404, 'not-found', 'There is nothing at this address.'),
};

/** An RFC 9457 problem document, plus `code` (stable) and `field` naming the input at fault. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  field?: string;
}

export function toProblem(error: ProblemError): Problem {
  return {
    type: 'about:blank',
    title: STATUS_CODES[error.status] ?? 'Error',
    status: error.status,
    code: error.code,
    detail: error.detail,
    ...(error.field === undefined ? {} : { field: error.field }),
  };
}
