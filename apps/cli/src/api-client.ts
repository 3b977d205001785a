import { CliError, EXIT } from './exit-codes';

export type ApiResponse = { status: number; headers: Headers; body: unknown };

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * A small JSON client for the Groundwork API. A network failure becomes exit code 3 with a hint;
 * HTTP errors are returned for the caller to explain.
 */
export async function callApi(
  baseUrl: string,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const url = new URL(path, baseUrl);
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      redirect: 'error',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    throw new CliError(
      `Cannot reach Groundwork at ${baseUrl}. Is the server running (npm start)?`,
      EXIT.unreachable,
    );
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text for the error message
  }
  return { status: response.status, headers: response.headers, body };
}

/** The problem document's detail, or a plain fallback, for an error message. */
export function describeProblem(response: ApiResponse): string {
  const body = response.body as
    | { detail?: string; title?: string; errors?: { field: string; message: string }[] }
    | undefined;
  const fields = body?.errors?.map((error) => `${error.field}: ${error.message}`).join('; ');
  return fields || body?.detail || body?.title || `HTTP ${response.status}`;
}
