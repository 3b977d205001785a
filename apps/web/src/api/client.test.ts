import { describe, expect, it } from 'vitest';
import { createFakeApi, problem } from '../test/fake-api';
import { createApiClient, unwrap } from './client';
import { CSRF_HEADER, readCookie } from './csrf';
import { ApiError } from './problem';

const SESSION_COOKIES = 'theme=dark; gw_csrf=abc%2B123; other=1';

describe('the CSRF middleware', () => {
  it('sends the token from the gw_csrf cookie on writes', async () => {
    const { client, requests } = createFakeApi(
      { 'POST /api/tokens': () => ({ status: 201, body: { token: {}, secret: 's' } }) },
      SESSION_COOKIES,
    );
    await unwrap(client.POST('/api/tokens', { body: { name: 'laptop' } }));
    expect(requests[0]?.headers.get(CSRF_HEADER)).toBe('abc+123');
  });

  it('sends it on PATCH and DELETE too', async () => {
    const { client, requests } = createFakeApi(
      {
        'PATCH /api/admin/users/u1': () => ({ status: 200, body: {} }),
        'DELETE /api/tokens/t1': () => ({ status: 204 }),
      },
      SESSION_COOKIES,
    );
    await unwrap(
      client.PATCH('/api/admin/users/{userId}', {
        params: { path: { userId: 'u1' } },
        body: { role: 'mentor' },
      }),
    );
    await unwrap(client.DELETE('/api/tokens/{tokenId}', { params: { path: { tokenId: 't1' } } }));
    expect(requests.map((request) => request.headers.get(CSRF_HEADER))).toEqual(['abc+123', 'abc+123']);
  });

  it('leaves reads alone', async () => {
    const { client, requests } = createFakeApi(
      { 'GET /api/tokens': () => ({ status: 200, body: { items: [] } }) },
      SESSION_COOKIES,
    );
    await unwrap(client.GET('/api/tokens'));
    expect(requests[0]?.headers.has(CSRF_HEADER)).toBe(false);
  });

  it('sends nothing when there is no session cookie', async () => {
    const { client, requests } = createFakeApi(
      { 'POST /api/auth/login': () => problem(401, 'invalid_credentials', 'x') },
      'theme=dark',
    );
    await expect(
      unwrap(client.POST('/api/auth/login', { body: { email: 'a@b.c', password: 'p' } })),
    ).rejects.toThrow();
    expect(requests[0]?.headers.has(CSRF_HEADER)).toBe(false);
  });
});

describe('readCookie', () => {
  it('matches the whole cookie name only', () => {
    expect(readCookie('gw_csrf', 'xgw_csrf=wrong; gw_csrf=right')).toBe('right');
    expect(readCookie('gw_csrf', 'gw_csrf_old=wrong')).toBeNull();
  });
});

describe('unwrap', () => {
  it('returns the data of a successful call', async () => {
    const { client } = createFakeApi({ 'GET /api/tokens': () => ({ status: 200, body: { items: [] } }) });
    await expect(unwrap(client.GET('/api/tokens'))).resolves.toEqual({ items: [] });
  });

  it('throws an ApiError carrying the problem code and field errors', async () => {
    const { client } = createFakeApi({
      'POST /api/auth/signup': () =>
        problem(409, 'email_taken', 'email: This email already has an account', {
          errors: [{ field: 'email', message: 'This email already has an account' }],
        }),
    });
    const failure = await unwrap(
      client.POST('/api/auth/signup', { body: { email: 'a@b.c', password: 'long enough!', name: 'A' } }),
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe('email_taken');
    expect((failure as ApiError).fieldErrors.email).toBe('This email already has an account.');
  });

  it('turns an unreachable server into a friendly network error', async () => {
    const client = createApiClient({
      baseUrl: 'http://groundwork.test',
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    const failure = await unwrap(client.GET('/api/me')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(0);
    expect((failure as ApiError).message).toMatch(/couldn't reach/i);
  });
});
