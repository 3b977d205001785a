import { type ApiClient, createApiClient } from '../api/client';

export type FakeResponse = { status: number; body?: unknown; headers?: Record<string, string> };
type Handler = (request: Request) => FakeResponse | Promise<FakeResponse>;

export const TEST_ORIGIN = 'http://groundwork.test';

/** A problem document as the API sends it. */
export function problem(
  status: number,
  code: string,
  detail: string,
  extra: { errors?: Array<{ field: string; message: string }>; headers?: Record<string, string> } = {},
): FakeResponse {
  return {
    status,
    body: {
      type: `/problems/${code}`,
      title: code,
      status,
      detail,
      code,
      ...(extra.errors ? { errors: extra.errors } : {}),
    },
    headers: { 'content-type': 'application/problem+json', ...extra.headers },
  };
}

/**
 * An API client whose fetch answers from `routes` ("POST /api/auth/login" → handler) and records every
 * request, so tests see exactly what the app sent. Unknown routes answer 404.
 */
export function createFakeApi(routes: Record<string, Handler>, cookies = '') {
  const requests: Request[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    requests.push(request.clone());
    const { pathname } = new URL(request.url);
    const handler = routes[`${request.method} ${pathname}`];
    const answer = handler ? await handler(request) : problem(404, 'not_found', `No route for ${pathname}`);
    const hasBody = answer.body !== undefined;
    return new Response(hasBody ? JSON.stringify(answer.body) : null, {
      status: answer.status,
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...answer.headers },
    });
  };
  const client: ApiClient = createApiClient({ baseUrl: TEST_ORIGIN, fetch, readCookies: () => cookies });
  return { client, requests };
}

export const ADA = {
  id: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  role: 'admin' as const,
  createdAt: '2026-01-02T03:04:05.000Z',
};
