import { describe, expect, it } from 'vitest';
import { toFormErrors } from './form-errors';
import { ApiError, FORM_FIELD, parseRetryAfter, toApiError } from './problem';

function problemResponse(status: number, headers: Record<string, string> = {}) {
  return new Response(null, { status, headers: { 'content-type': 'application/problem+json', ...headers } });
}

function problemBody(
  status: number,
  code: string,
  detail: string,
  errors?: Array<{ field: string; message: string }>,
) {
  return {
    type: `/problems/${code}`,
    title: code,
    status,
    detail,
    code,
    requestId: 'req-1',
    ...(errors ? { errors } : {}),
  };
}

describe('toApiError', () => {
  it('keeps the first message of each field, ready to show next to its input', () => {
    const error = toApiError(
      problemResponse(400),
      problemBody(400, 'validation_failed', 'These fields are invalid: email, password.', [
        { field: 'email', message: 'Enter a valid email address' },
        { field: 'password', message: 'Use at least 10 characters' },
        { field: 'password', message: 'A second complaint' },
      ]),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('validation_failed');
    expect(error.fieldErrors).toEqual({
      email: 'Enter a valid email address.',
      password: 'Use at least 10 characters.',
    });
    expect(error.hasFieldErrors).toBe(true);
  });

  it('says "wrong email or password" for bad credentials and does not treat it as a signed-out session', () => {
    const error = toApiError(
      problemResponse(401),
      problemBody(401, 'invalid_credentials', 'Wrong email or password'),
    );
    expect(error.message).toMatch(/wrong email or password/i);
    expect(error.isUnauthenticated).toBe(false);
  });

  it('treats any other 401 as signed out', () => {
    const error = toApiError(
      problemResponse(401),
      problemBody(401, 'unauthenticated', 'You need to sign in'),
    );
    expect(error.isUnauthenticated).toBe(true);
  });

  it('tells how long to wait when rate limited, from Retry-After', () => {
    const error = toApiError(
      problemResponse(429, { 'retry-after': '42' }),
      problemBody(429, 'rate_limited', 'Too many attempts. Try again in 42 seconds.'),
    );
    expect(error.retryAfterSeconds).toBe(42);
    expect(error.message).toBe('Too many attempts. Please wait 42 seconds and try again.');
  });

  it('explains the last-admin rule in plain words', () => {
    const error = toApiError(
      problemResponse(409),
      problemBody(409, 'last_admin', 'The last admin cannot lose the role'),
    );
    expect(error.message).toMatch(/only admin/i);
  });

  it('copes with a body that is not a problem document, such as a proxy error page', () => {
    const error = toApiError(new Response(null, { status: 502 }), '<html>Bad gateway</html>');
    expect(error.status).toBe(502);
    expect(error.code).toBe('unexpected_response');
    expect(error.message).toMatch(/try again/i);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('7')).toBe(7);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('toFormErrors', () => {
  it('puts known fields next to their inputs and folds the rest into the form message', () => {
    const error = new ApiError(400, 'validation_failed', 'Some fields need your attention.', {
      email: 'Enter a valid email address.',
      nickname: 'This field is not allowed.',
      [FORM_FIELD]: 'The body is empty.',
    });
    const errors = toFormErrors(error, ['email', 'password']);
    expect(errors.fields).toEqual({ email: 'Enter a valid email address.' });
    expect(errors.form).toContain('nickname: This field is not allowed.');
    expect(errors.form).toContain('The body is empty.');
  });

  it('uses the error message for the form when no field is named', () => {
    const error = new ApiError(
      401,
      'invalid_credentials',
      'Wrong email or password. Check both and try again.',
    );
    expect(toFormErrors(error, ['email', 'password'])).toEqual({
      fields: {},
      form: 'Wrong email or password. Check both and try again.',
    });
  });
});
