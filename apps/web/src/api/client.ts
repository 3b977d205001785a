import createClient from 'openapi-fetch';
import { createCsrfMiddleware } from './csrf';
import type { paths } from './openapi';
import { toApiError, toNetworkError } from './problem';

export type ApiClient = ReturnType<typeof createApiClient>;

type ClientOptions = {
  baseUrl?: string;
  fetch?: (request: Request) => Promise<Response>;
  readCookies?: () => string;
};

/** The typed client for the Groundwork API: same-origin cookies, and the CSRF header on writes. */
export function createApiClient(options: ClientOptions = {}) {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? '',
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(createCsrfMiddleware(options.readCookies));
  return client;
}

type Outcome = { data?: unknown; error?: unknown; response: Response };
type SuccessData<R extends Outcome> = Extract<R, { error?: never }>['data'];

/**
 * Awaits a client call and returns its data, or throws an `ApiError` built from the problem document
 * (or a network error when the server could not be reached).
 * @example const user = await unwrap(api.GET('/api/me'));
 */
export async function unwrap<R extends Outcome>(call: Promise<R>): Promise<SuccessData<R>> {
  let outcome: R;
  try {
    outcome = await call;
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw toNetworkError();
  }
  if (!outcome.response.ok) throw toApiError(outcome.response, outcome.error);
  return outcome.data as SuccessData<R>;
}

/** The app's client; tests build their own with `createApiClient`. */
export const api = createApiClient();
